/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH entry of the x86-64 test guests. The hypervisor finds pvh_start
 * through the XEN_ELFNOTE_PHYS32_ENTRY note (DESIGN section 4) and enters it
 * in 32-bit protected mode, paging off, ebx = struct hvm_start_info. Map the
 * first 1 GiB 1:1 (the first 2 MiB with 4 KiB pages, so that arch.c can
 * unmap pages 0 and 1, the rest with 2 MiB pages), enter long mode and call
 * arch_start(start_info), which calls the portable guest_main().
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

        .section .note.Xen, "a", @note
        .balign 4
        .long   4                       /* namesz */
        .long   4                       /* descsz */
        .long   XEN_ELFNOTE_PHYS32_ENTRY
        .asciz  "Xen"
        .long   pvh_start

        .section .text.head, "ax", @progbits
        .code32
        .globl pvh_start
pvh_start:
        cld
        mov     %ebx, %edi              /* start info: arch_start's argument */
        mov     $stack_top, %esp
        lgdt    gdt_desc

        mov     $pdpt, %eax
        or      $3, %eax
        mov     %eax, pml4
        mov     $pd, %eax
        or      $3, %eax
        mov     %eax, pdpt
        mov     $0x83, %eax             /* present, writable, 2 MiB */
        xor     %ecx, %ecx
1:      mov     %eax, pd(,%ecx,8)
        add     $0x200000, %eax
        inc     %ecx
        cmp     $512, %ecx
        jb      1b
        mov     $3, %eax                /* present, writable, 4 KiB */
        xor     %ecx, %ecx
2:      mov     %eax, pt0(,%ecx,8)
        add     $0x1000, %eax
        inc     %ecx
        cmp     $512, %ecx
        jb      2b
        mov     $pt0, %eax
        or      $3, %eax
        mov     %eax, pd

        mov     %cr4, %eax
        or      $(1 << 5), %eax         /* PAE */
        mov     %eax, %cr4
        mov     $pml4, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER.LME: a WRMSR the hypervisor emulates */
        rdmsr
        or      $(1 << 8), %eax
        wrmsr
        mov     %cr0, %eax
        or      $((1 << 31) | (1 << 16)), %eax /* PG, WP */
        mov     %eax, %cr0
        ljmp    $0x08, $long64

        .code64
long64:
        mov     $0x10, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     $stack_top, %rsp
        mov     %edi, %edi
        call    arch_start
1:      cli
        hlt
        jmp     1b

/*
 * Exception and interrupt stubs: push the vector (and a zero error code
 * where the CPU pushes none), save the caller-saved registers and call
 * guest_trap(vector, &frame), which may move the saved rip on.
 */
.macro TRAP vec, err
        .balign 16
        .if \err == 0
        pushq   $0
        .endif
        pushq   $\vec
        jmp     trap_common
.endm
        .balign 16
        .globl trap_stubs
trap_stubs:
        TRAP 0, 0
        TRAP 1, 0
        TRAP 2, 0
        TRAP 3, 0
        TRAP 4, 0
        TRAP 5, 0
        TRAP 6, 0
        TRAP 7, 0
        TRAP 8, 1
        TRAP 9, 0
        TRAP 10, 1
        TRAP 11, 1
        TRAP 12, 1
        TRAP 13, 1
        TRAP 14, 1
        TRAP 15, 0
        TRAP 16, 0
        TRAP 17, 1
        TRAP 18, 0
        TRAP 19, 0
        TRAP 20, 0
        TRAP 21, 1
        TRAP 22, 0
        TRAP 23, 0
        TRAP 24, 0
        TRAP 25, 0
        TRAP 26, 0
        TRAP 27, 0
        TRAP 28, 0
        TRAP 29, 1
        TRAP 30, 1
        TRAP 31, 0
        TRAP 32, 0                      /* the one external vector tests use */

trap_common:
        push    %rbx                    /* the interrupted code's: used below */
        push    %rax
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        mov     10*8(%rsp), %rdi        /* vector */
        lea     11*8(%rsp), %rsi        /* error code, then the CPU's frame */
        mov     %rsp, %rbx
        and     $~15, %rsp
        call    guest_trap
        mov     %rbx, %rsp
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rax
        pop     %rbx
        add     $16, %rsp               /* vector, error code */
        iretq

        .data
        .balign 8
gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* 0x08: 64-bit code */
        .quad   0x00cf92000000ffff      /* 0x10: data */
gdt_end:
gdt_desc:
        .short  gdt_end - gdt - 1
        .quad   gdt

        .bss
        .balign 4096
        .globl pml4, pdpt, pd, pt0
pml4:   .skip   4096
pdpt:   .skip   4096
pd:     .skip   4096
pt0:    .skip   4096
        .balign 16
        .skip   16384
stack_top:

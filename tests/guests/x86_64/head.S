/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH entry of the x86-64 test guest. The hypervisor finds pvh_start
 * through the XEN_ELFNOTE_PHYS32_ENTRY note and enters it in 32-bit
 * protected mode with paging off and ebx = struct hvm_start_info. Map the
 * first 1 GiB 1:1 with 2 MiB pages, enter long mode and call
 * guest_main(start_info).
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
        mov     %ebx, %edi              /* start info: guest_main's argument */
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
        call    guest_main
1:      cli
        hlt
        jmp     1b

/* #GP handler for the MSR test: count, skip the 2-byte RDMSR/WRMSR, return. */
        .globl gp_handler
gp_handler:
        incl    gp_count(%rip)
        addq    $2, 8(%rsp)
        add     $8, %rsp                /* the error code */
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
        .globl pml4, pdpt, pd
pml4:   .skip   4096
pdpt:   .skip   4096
pd:     .skip   4096
        .balign 16
        .skip   16384
stack_top:

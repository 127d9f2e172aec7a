/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Application processor start-up (SDM Vol. 3A 9.4.4 and 9.9). A STARTUP
 * IPI starts each AP in real mode at CS:IP = vector << 8 : 0, so the 16-bit
 * part below is copied by smpboot.c to TRAMPOLINE_PA (a page under 1 MiB).
 * It loads head.S's GDT and jumps to ap_start32 in the image; from there
 * the AP takes the boot CPU's CR3, CR4, EFER and CR0 (the W^X page tables
 * of mm.c: the trampoline page is not executable, the image's text is),
 * takes a CPU number and a stack under a lock, and calls
 * start_secondary(cpu) in 64-bit mode.
 */
#include <asm/desc.h>
#include <asm/smp.h>

        .section .rodata, "a"
        .code16
        .globl trampoline_start, trampoline_end, trampoline_gdt_desc
trampoline_start:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   trampoline_gdt_desc - trampoline_start
        mov     %cr0, %eax
        or      $1, %eax                /* PE */
        mov     %eax, %cr0
        ljmpl   $GDT_CS32, $ap_start32
        .balign 8
trampoline_gdt_desc:                    /* filled by smpboot.c: head.S's GDT */
        .short  0
        .long   0
trampoline_end:

        .text
        .code32
ap_start32:
        mov     $GDT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     ap_boot_cr4, %eax
        mov     %eax, %cr4
        mov     ap_boot_cr3, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* IA32_EFER: the boot CPU's LME, NXE */
        mov     ap_boot_efer, %eax
        xor     %edx, %edx
        wrmsr
        mov     ap_boot_cr0, %eax       /* PG on: long mode (SDM Vol. 3A 9.8.5) */
        mov     %eax, %cr0
        ljmp    $GDT_CS64, $ap_start64

        .code64
ap_start64:
        /* One AP at a time takes the next number and its stack. */
1:      lock btsl $0, ap_boot_lock(%rip)
        jnc     2f
        pause
        jmp     1b
2:      mov     ap_next_cpu(%rip), %edi
        cmp     $NR_CPUS, %edi          /* no stack for more: this one stays off */
        jae     4f
        incl    ap_next_cpu(%rip)
        mov     %edi, %eax
        shl     $14, %eax               /* AP_STACK_SIZE */
        lea     ap_stacks(%rip), %rsp
        add     %rax, %rsp
        add     $16384, %rsp            /* the top of stack number edi */
        movl    $0, ap_boot_lock(%rip)
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        call    start_secondary
3:      cli
        hlt
        jmp     3b
4:      movl    $0, ap_boot_lock(%rip)
        jmp     3b

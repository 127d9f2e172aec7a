/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception entry stubs for the hypervisor's own faults. Each stub leaves the same frame: vector, error code
 * (0 where the CPU pushes none, SDM Vol. 3A table 6-1), then the CPU's
 * rip, cs, rflags, rsp, ss. do_exception() reports it and stops the CPU.
 */
        .text
        .code64

.macro EXC_NOERR vec
        .balign 16
        pushq   $0
        pushq   $\vec
        jmp     exception_common
.endm
.macro EXC_ERR vec
        .balign 16
        pushq   $\vec
        jmp     exception_common
.endm

        .balign 16
        .globl exception_stubs
exception_stubs:
        EXC_NOERR 0
        EXC_NOERR 1
        EXC_NOERR 2
        EXC_NOERR 3
        EXC_NOERR 4
        EXC_NOERR 5
        EXC_NOERR 6
        EXC_NOERR 7
        EXC_ERR   8
        EXC_NOERR 9
        EXC_ERR   10
        EXC_ERR   11
        EXC_ERR   12
        EXC_ERR   13
        EXC_ERR   14
        EXC_NOERR 15
        EXC_NOERR 16
        EXC_ERR   17
        EXC_NOERR 18
        EXC_NOERR 19
        EXC_NOERR 20
        EXC_ERR   21
        EXC_NOERR 22
        EXC_NOERR 23
        EXC_NOERR 24
        EXC_NOERR 25
        EXC_NOERR 26
        EXC_NOERR 27
        EXC_NOERR 28
        EXC_ERR   29
        EXC_ERR   30
        EXC_NOERR 31

exception_common:
        mov     %rsp, %rdi
        and     $~15, %rsp
        call    do_exception
1:      cli
        hlt
        jmp     1b

/*
 * Interrupt stubs for vectors 32..255, 16 bytes apart: push the vector and
 * call do_irq(vector) with the caller-saved registers kept. The hypervisor
 * takes interrupts only where it enables them (idle and waiting loops).
 */
        .balign 16
        .globl irq_stubs
irq_stubs:
        .set    vec, 32
        .rept   224
        .balign 16
        pushq   $vec
        jmp     irq_common
        .set    vec, vec + 1
        .endr

irq_common:
        push    %rax
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbp
        mov     %rsp, %rbp
        mov     10*8(%rsp), %edi        /* the vector */
        and     $~15, %rsp
        call    do_irq
        mov     %rbp, %rsp
        pop     %rbp
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rax
        add     $8, %rsp                /* the vector */
        iretq

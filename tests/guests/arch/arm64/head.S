/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start of a bare-metal test guest: an arm64 Image (text_offset 0) linked at
 * the guest RAM base, entered at EL1 with the MMU off and x0 = device tree.
 */
    .section .text.head, "ax"
    .global _start
_start:
    b       1f
    .long   0
    .quad   0                       /* text_offset */
    .quad   _end - _start           /* image_size */
    .quad   0x2                     /* LE, 4 KiB pages */
    .quad   0, 0, 0
    .ascii  "ARM\x64"
    .long   0

1:  mov     x19, x0
    ldr     x1, =__stack_top
    mov     sp, x1
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
2:  cmp     x1, x2
    b.hs    3f
    str     xzr, [x1], #8
    b       2b
3:  ldr     x1, =guest_vectors
    msr     vbar_el1, x1
    isb
    mov     x0, x19
    bl      guest_main
    bl      guest_poweroff
    b       .

/* vCPU 1, started by PSCI CPU_ON with x0 = context id: its own stack. */
    .global secondary_entry
secondary_entry:
    ldr     x1, =__stack_top
    sub     x1, x1, #0x4000
    mov     sp, x1
    ldr     x1, =guest_vectors
    msr     vbar_el1, x1
    isb
    bl      guest_secondary
    b       .

/*
 * EL1 vectors: every exception saves the caller-saved registers and calls
 * guest_exception(kind, esr, elr_ptr) which may move ELR on.
 */
.macro vec kind
    .balign 0x80
    stp     x29, x30, [sp, #-16]!
    mov     x29, #\kind
    b       exception_common
.endm

    .balign 2048
    .global guest_vectors
guest_vectors:
    vec 0
    vec 1
    vec 2
    vec 3
    vec 4    /* current EL, SPx, synchronous */
    vec 5    /* current EL, SPx, IRQ */
    vec 6
    vec 7
    vec 8
    vec 9
    vec 10
    vec 11
    vec 12
    vec 13
    vec 14
    vec 15

/* op (stp or ldp) of x0..x17, the registers a C call may clobber, at [sp, #0..#136]. */
.macro pair op, a, b
    \op     x\a, x\b, [sp, #\a * 8]
.endm

.macro caller_saved op
    pair \op, 0, 1
    pair \op, 2, 3
    pair \op, 4, 5
    pair \op, 6, 7
    pair \op, 8, 9
    pair \op, 10, 11
    pair \op, 12, 13
    pair \op, 14, 15
    pair \op, 16, 17
.endm

exception_common:
    sub     sp, sp, #160
    caller_saved stp
    mrs     x0, elr_el1
    str     x0, [sp, #144]
    mov     x0, x29
    mrs     x1, esr_el1
    add     x2, sp, #144
    bl      guest_exception
    ldr     x0, [sp, #144]
    msr     elr_el1, x0
    caller_saved ldp
    add     sp, sp, #160
    ldp     x29, x30, [sp], #16
    eret

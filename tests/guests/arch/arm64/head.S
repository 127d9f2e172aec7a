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

exception_common:
    sub     sp, sp, #160
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    mrs     x0, elr_el1
    str     x0, [sp, #144]
    mov     x0, x29
    mrs     x1, esr_el1
    add     x2, sp, #144
    bl      guest_exception
    ldr     x0, [sp, #144]
    msr     elr_el1, x0
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    add     sp, sp, #160
    ldp     x29, x30, [sp], #16
    eret

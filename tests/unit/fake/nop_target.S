/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A "hypervisor function" for the NOP payloads (tests/unit/payloads/world.c):
 * returns 1, or 7 once its first instruction (EB 06, jmp over the mov) is
 * replaced by two NOPs.
 */
    .text
    .globl fake_nop_target
    .type fake_nop_target, @function
fake_nop_target:
    jmp     1f                      /* EB 06 */
    movl    $7, %eax                /* B8 07 00 00 00 */
    ret
1:  movl    $1, %eax
    ret
    .size fake_nop_target, . - fake_nop_target
    .section .note.GNU-stack, "", @progbits

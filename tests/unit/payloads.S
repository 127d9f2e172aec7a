/* SPDX-License-Identifier: GPL-2.0-only */
/* The compiler-built sample payloads, embedded for test_livepatch_elf.c. */
    .section .rodata
    .balign 8
    .globl sample_x86_64, sample_x86_64_end, sample_aarch64, sample_aarch64_end
sample_x86_64:
    .incbin "sample-x86_64.o"
sample_x86_64_end:
    .balign 8
sample_aarch64:
    .incbin "sample-aarch64.o"
sample_aarch64_end:
    .section .note.GNU-stack, "", @progbits

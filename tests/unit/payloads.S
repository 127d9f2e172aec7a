/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler-built payloads, embedded for the live-patch tests (tests/unit/suite.mk). */
    .macro payload name, file
    .balign 8
    .globl \name, \name\()_end
\name:
    .incbin "\file"
\name\()_end:
    .endm

    .section .rodata
    payload sample_x86_64, "sample-x86_64.o"
    payload sample_aarch64, "sample-aarch64.o"
    payload lp_hello, "lp-hello.o"
    payload lp_no_build_id, "lp-no-build-id.o"
    payload lp_no_xen_id, "lp-no-xen-id.o"
    payload lp_wrong_xen_id, "lp-wrong-xen-id.o"
    payload lp_unknown_symbol, "lp-unknown-symbol.o"
    payload lp_unknown_old, "lp-unknown-old.o"
    payload lp_bad_version, "lp-bad-version.o"
    payload lp_hook_outside_text, "lp-hook-outside-text.o"
    payload lp_abs32_overflow, "lp-abs32-overflow.o"
    payload lp_unsupported_reloc, "lp-unsupported-reloc.o"
    payload world_hello, "world-hello.o"
    payload world_bye, "world-bye.o"
    payload world_replace, "world-replace.o"
    payload world_veto, "world-veto.o"
    payload world_nop, "world-nop.o"
    payload world_expect_ok, "world-expect_ok.o"
    payload world_expect_fail, "world-expect_fail.o"
    payload world_bad_dep, "world-bad_dep.o"
    payload world_bad_old, "world-bad_old.o"
    .section .note.GNU-stack, "", @progbits

/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler-built payloads, embedded for the live-patch tests (tests/unit/suite.mk). */
#include "embed.inc"

    .section .rodata
    embed sample_x86_64, "sample-x86_64.o"
    embed sample_aarch64, "sample-aarch64.o"
    embed lp_hello, "lp-hello.o"
    embed lp_no_build_id, "lp-no-build-id.o"
    embed lp_no_xen_id, "lp-no-xen-id.o"
    embed lp_wrong_xen_id, "lp-wrong-xen-id.o"
    embed lp_unknown_symbol, "lp-unknown-symbol.o"
    embed lp_unknown_old, "lp-unknown-old.o"
    embed lp_bad_version, "lp-bad-version.o"
    embed lp_hook_outside_text, "lp-hook-outside-text.o"
    embed lp_abs32_overflow, "lp-abs32-overflow.o"
    embed lp_unsupported_reloc, "lp-unsupported-reloc.o"
    embed world_hello, "world-hello.o"
    embed world_bye, "world-bye.o"
    embed world_replace, "world-replace.o"
    embed world_veto, "world-veto.o"
    embed world_nop, "world-nop.o"
    embed world_expect_ok, "world-expect_ok.o"
    embed world_expect_fail, "world-expect_fail.o"
    embed world_bad_dep, "world-bad_dep.o"
    embed world_bad_old, "world-bad_old.o"
    .section .note.GNU-stack, "", @progbits

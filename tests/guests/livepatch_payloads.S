/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-patch test payloads of this arch's hypervisor build
 * (out/<arch>/livepatch/, see tests/livepatch/suite.mk), embedded in the
 * livepatch test guest. Assembled with -I out/<arch>/livepatch.
 */
    .macro payload name
    .section .rodata.lp_\name, "a"
    .balign 8
    .globl lp_\name, lp_\name\()_end
lp_\name:
    .incbin "\name\().livepatch"
lp_\name\()_end:
    .endm

    payload hello_world
    payload bye_world
    payload replace_world
    payload nop
    payload no_xen_buildid
    payload hooks
    payload prehook_veto
    payload expect_ok
    payload expect_fail

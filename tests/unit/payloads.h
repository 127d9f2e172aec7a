/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test payloads tests/unit/payloads.S embeds (built from the sources in
 * tests/unit/payloads/): each is the bytes [name, name_end).
 */
#ifndef TESTS_UNIT_PAYLOADS_H
#define TESTS_UNIT_PAYLOADS_H

#include <stdint.h>

#define PAYLOAD(n) extern const uint8_t n[], n##_end[]
/* Well-formed, against the fake hypervisor's build-id (hello.c, world.c). */
PAYLOAD(lp_hello);
PAYLOAD(world_hello);
PAYLOAD(world_bye);
PAYLOAD(world_replace);
PAYLOAD(world_veto);
PAYLOAD(world_nop);
PAYLOAD(world_expect_ok);
PAYLOAD(world_expect_fail);
/* Each broken in one way the loader or APPLY must refuse. */
PAYLOAD(world_bad_dep);
PAYLOAD(world_bad_old);
PAYLOAD(lp_no_build_id);
PAYLOAD(lp_no_xen_id);
PAYLOAD(lp_wrong_xen_id);
PAYLOAD(lp_unknown_symbol);
PAYLOAD(lp_unknown_old);
PAYLOAD(lp_bad_version);
PAYLOAD(lp_hook_outside_text);
PAYLOAD(lp_abs32_overflow);
PAYLOAD(lp_unsupported_reloc);
/* Compiler-built objects for each machine. */
PAYLOAD(sample_x86_64);
PAYLOAD(sample_aarch64);
#undef PAYLOAD

#endif

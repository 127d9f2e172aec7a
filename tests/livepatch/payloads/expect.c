// SPDX-License-Identifier: GPL-2.0-only
/*
 * expect_ok / expect_fail: expect the first 4 bytes of xen_extra_version()
 * as linked in this hypervisor build (OLD_BYTES, from func-info.py), or the
 * same with the first byte inverted (-DEXPECT_FAIL): APPLY must succeed
 * ("Expected World") or be refused with nothing changed.
 */
#include "payload.h"

#ifdef EXPECT_FAIL
#define FIRST(b0, ...) (uint8_t)~(b0), __VA_ARGS__
#else
#define FIRST(b0, ...) b0, __VA_ARGS__
#endif
#define EXPECT_BYTES(...) FIRST(__VA_ARGS__)

static const char *expected_version(void)
{
    return "Expected World";
}

LIVEPATCH_FUNC(expect_func, "xen_extra_version", expected_version, xen_extra_version, 0, OLD_SIZE,
               .expect = {.flags = LIVEPATCH_EXPECT_ENABLED | (4 << LIVEPATCH_EXPECT_LEN_SHIFT),
                          .data = {EXPECT_BYTES(OLD_BYTES)}});

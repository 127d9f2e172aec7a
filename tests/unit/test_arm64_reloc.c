/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ARM64 relocator (xen/arch/arm/livepatch_reloc.c, built for the host
 * with its entry point renamed) against instruction encodings from the Arm
 * ARM (checked with GNU as) and the overflow checks of AAELF64: every relocation type the issue
 * lists, its field, and the first value that does not fit.
 */
#include <string.h>

#include <public/errno.h>

#include "helpers.h"

int arm64_apply_rela(uint8_t *loc, uint64_t place, uint32_t type, uint64_t value, size_t room);

#define PLACE 0x40001000ULL

static uint32_t insn;

/* Apply type to the instruction base at PLACE with S + A = value. */
static int rel(uint32_t base, uint32_t type, uint64_t value)
{
    uint32_t buf[1] = {base};
    int rc = arm64_apply_rela((uint8_t *)buf, PLACE, type, value, 4);

    insn = buf[0];
    return rc;
}

static void test_branches(void)
{
    CU_ASSERT_EQUAL(rel(0x94000000, 283, PLACE + 0x1000), 0); /* BL: CALL26 */
    CU_ASSERT_EQUAL(insn, 0x94000400);
    CU_ASSERT_EQUAL(rel(0x14000000, 282, PLACE - 4), 0); /* B: JUMP26 */
    CU_ASSERT_EQUAL(insn, 0x17ffffff);
    CU_ASSERT_EQUAL(rel(0x94000000, 283, PLACE + (128 << 20) - 4), 0);
    CU_ASSERT_EQUAL(rel(0x94000000, 283, PLACE + (128 << 20)), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0x94000000, 283, PLACE - (128 << 20) - 4), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0x94000000, 283, PLACE + 2), -XEN_EINVAL);
    CU_ASSERT_EQUAL(rel(0x54000000, 280, PLACE + 0x100), 0); /* B.EQ: CONDBR19 */
    CU_ASSERT_EQUAL(insn, 0x54000800);
    CU_ASSERT_EQUAL(rel(0x54000000, 280, PLACE + (1 << 20)), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0x36000000, 279, PLACE + 0x20), 0); /* TBZ: TSTBR14 */
    CU_ASSERT_EQUAL(insn, 0x36000100);
    CU_ASSERT_EQUAL(rel(0x36000000, 279, PLACE - 0x8000), 0);
    CU_ASSERT_EQUAL(rel(0x36000000, 279, PLACE + 0x8000), -XEN_EOVERFLOW);
}

static void test_adrp_and_lo12(void)
{
    CU_ASSERT_EQUAL(rel(0x90000000, 275, PLACE + 0x3abc), 0); /* ADRP x0: 3 pages */
    CU_ASSERT_EQUAL(insn, 0xf0000000);
    CU_ASSERT_EQUAL(rel(0x90000000, 275, PLACE - 0x1000), 0); /* -1 page */
    CU_ASSERT_EQUAL(insn, 0x90ffffe0 | 0x60000000);
    CU_ASSERT_EQUAL(rel(0x90000000, 275, PLACE + (4ULL << 30)), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0x90000000, 276, PLACE + (4ULL << 30)), 0); /* _NC: no check */
    CU_ASSERT_EQUAL(rel(0x10000000, 274, PLACE + 5), 0); /* ADR x0: LO21 */
    CU_ASSERT_EQUAL(insn, 0x30000020);
    CU_ASSERT_EQUAL(rel(0x10000000, 274, PLACE + (1 << 20)), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0x91000000, 277, 0x1234567), 0); /* ADD x0, x0, #lo12 */
    CU_ASSERT_EQUAL(insn, 0x91159c00);
    CU_ASSERT_EQUAL(rel(0x39400000, 278, 0x10fff), 0); /* LDRB: LDST8 */
    CU_ASSERT_EQUAL(insn, 0x397ffc00);
    CU_ASSERT_EQUAL(rel(0x79400000, 284, 0x10ffe), 0); /* LDRH: LDST16 */
    CU_ASSERT_EQUAL(insn, 0x795ffc00);
    CU_ASSERT_EQUAL(rel(0x79400000, 284, 0x10fff), -XEN_EINVAL);
    CU_ASSERT_EQUAL(rel(0xb9400000, 285, 0x10ffc), 0); /* LDR w0: LDST32 */
    CU_ASSERT_EQUAL(insn, 0xb94ffc00);
    CU_ASSERT_EQUAL(rel(0xf9400000, 286, 0x10ff8), 0); /* LDR x0: LDST64 */
    CU_ASSERT_EQUAL(insn, 0xf947fc00);
    CU_ASSERT_EQUAL(rel(0xf9400000, 286, 0x10ff4), -XEN_EINVAL);
    CU_ASSERT_EQUAL(rel(0x3dc00000, 299, 0x10ff0), 0); /* LDR q0: LDST128 */
    CU_ASSERT_EQUAL(insn, 0x3dc3fc00);
    CU_ASSERT_EQUAL(rel(0x3dc00000, 299, 0x10ff8), -XEN_EINVAL);
}

static void test_movw(void)
{
    CU_ASSERT_EQUAL(rel(0xd2800000, 263, 0x1234), 0); /* MOVZ x0: G0 */
    CU_ASSERT_EQUAL(insn, 0xd2824680);
    CU_ASSERT_EQUAL(rel(0xd2800000, 263, 0x12345), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0xf2800000, 264, 0x12345), 0); /* G0_NC */
    CU_ASSERT_EQUAL(insn, 0xf28468a0);
    CU_ASSERT_EQUAL(rel(0xd2a00000, 265, 0x12340000), 0); /* G1 */
    CU_ASSERT_EQUAL(insn, 0xd2a24680);
    CU_ASSERT_EQUAL(rel(0xd2a00000, 265, 0x100000000ULL), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0xf2a00000, 266, 0x112340000ULL), 0); /* G1_NC */
    CU_ASSERT_EQUAL(rel(0xd2c00000, 267, 0xffff00000000ULL), 0); /* G2 */
    CU_ASSERT_EQUAL(insn, 0xd2dfffe0);
    CU_ASSERT_EQUAL(rel(0xd2c00000, 267, 1ULL << 48), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(rel(0xf2c00000, 268, 1ULL << 48), 0); /* G2_NC */
    CU_ASSERT_EQUAL(rel(0xd2e00000, 269, 0xabcdULL << 48), 0); /* G3 */
    CU_ASSERT_EQUAL(insn, 0xd2f579a0);
}

static void test_data(void)
{
    uint8_t buf[8];
    uint64_t v;

    memset(buf, 0, sizeof(buf));
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 257, 0x1122334455667788ULL, 8), 0); /* ABS64 */
    memcpy(&v, buf, 8);
    CU_ASSERT_EQUAL(v, 0x1122334455667788ULL);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 257, 1, 7), -XEN_EINVAL);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 258, 0xffffffffULL, 4), 0); /* ABS32 */
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 258, 0x100000000ULL, 4), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 258, (uint64_t)-0x80000000LL, 4), 0);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 258, (uint64_t)-0x80000001LL, 4),
                    -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 261, PLACE - 8, 4), 0); /* PREL32 */
    CU_ASSERT_EQUAL(buf[0], 0xf8);
    CU_ASSERT_EQUAL(buf[3], 0xff);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 261, PLACE + (8ULL << 30), 4), -XEN_EOVERFLOW);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 260, PLACE - 16, 8), 0); /* PREL64 */
    memcpy(&v, buf, 8);
    CU_ASSERT_EQUAL(v, (uint64_t)-16);
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 259, 0x10000, 2), -XEN_EOVERFLOW); /* ABS16 */
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 0, 0, 0), 0); /* NONE */
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 1026, 0, 8), -XEN_EOPNOTSUPP); /* GLOB_DAT */
    CU_ASSERT_EQUAL(arm64_apply_rela(buf, PLACE, 283, PLACE, 3), -XEN_EINVAL);
}

int register_arm64_reloc_tests(void)
{
    CU_pSuite s = CU_add_suite("arm64_reloc", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_branches);
    ADD_TEST(s, test_adrp_and_lo12);
    ADD_TEST(s, test_movw);
    ADD_TEST(s, test_data);
    return 0;
}

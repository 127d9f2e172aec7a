/* SPDX-License-Identifier: GPL-2.0-only */
/* The per-domain MMIO region registry and mmio_dispatch() (xen/common/mmio.c). */
#include <string.h>

#include <public/errno.h>
#include <xen/mmio.h>
#include <xen/sched.h>

#include "helpers.h"

#define DEV 0x8000000ULL

static uint64_t last_off, last_write, reg_value;
static unsigned int calls;

static bool dev(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val)
{
    calls++;
    last_off = off;
    if (a->write)
        last_write = *val;
    else
        *val = reg_value;
    return off != 0xff0; /* the model refuses this one */
}

static struct mmio_access acc(uint64_t gpa, unsigned int size, bool write, bool sx, bool x64)
{
    struct mmio_access a = {gpa, size, write, 3, sx, x64};

    return a;
}

static uint64_t load(uint64_t gpa, unsigned int size, bool sx, bool x64)
{
    struct mmio_access a = acc(gpa, size, false, sx, x64);
    uint64_t val = 0x5555;

    CU_ASSERT_TRUE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    return val;
}

static void test_register(void)
{
    test_reset();
    memset(&dom_ctl->mmio, 0, sizeof(dom_ctl->mmio));
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV, 0x1000, dev), 0);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV + 0xfff, 1, dev), -XEN_EEXIST);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV - 0x1000, 0x1001, dev), -XEN_EEXIST);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV + 0x1000, 0, dev), -XEN_EINVAL);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, ~0ULL - 10, 0x100, dev), -XEN_EINVAL);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV + 0x1000, 0x1000, NULL), -XEN_EINVAL);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV + 0x1000, 0x1000, dev), 0);
    while (dom_ctl->mmio.nr < MMIO_MAX_REGIONS)
        CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV + 0x1000 * (dom_ctl->mmio.nr + 1), 0x1000, dev), 0);
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, 0, 0x1000, dev), -XEN_ENOMEM);
    /* Another domain's regions are its own. */
    memset(&dom_plain->mmio, 0, sizeof(dom_plain->mmio));
    CU_ASSERT_EQUAL(mmio_register(dom_plain, DEV, 0x1000, dev), 0);
}

static void test_loads_extend_like_the_instruction(void)
{
    test_reset();
    memset(&dom_ctl->mmio, 0, sizeof(dom_ctl->mmio));
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV, 0x1000, dev), 0);
    reg_value = 0xffffffff876543a0ULL;
    CU_ASSERT_EQUAL(load(DEV + 8, 1, true, true), 0xffffffffffffffa0ULL);  /* LDRSB Xt */
    CU_ASSERT_EQUAL(load(DEV + 8, 1, true, false), 0xffffffa0ULL);         /* LDRSB Wt */
    CU_ASSERT_EQUAL(load(DEV + 8, 1, false, false), 0xa0ULL);              /* LDRB */
    CU_ASSERT_EQUAL(load(DEV + 8, 2, true, true), 0x43a0ULL);              /* LDRSH, positive */
    CU_ASSERT_EQUAL(load(DEV + 8, 4, true, true), 0xffffffff876543a0ULL);  /* LDRSW */
    CU_ASSERT_EQUAL(load(DEV + 8, 4, false, true), 0x876543a0ULL);         /* LDR Wt into Xt */
    CU_ASSERT_EQUAL(load(DEV + 8, 8, false, true), 0xffffffff876543a0ULL);
    CU_ASSERT_EQUAL(last_off, 8);
}

static void test_writes_and_refusals(void)
{
    struct mmio_access a;
    uint64_t val;

    test_reset();
    memset(&dom_ctl->mmio, 0, sizeof(dom_ctl->mmio));
    CU_ASSERT_EQUAL(mmio_register(dom_ctl, DEV, 0x1000, dev), 0);
    /* A byte store passes the byte only. */
    a = acc(DEV + 0x10, 1, true, false, true);
    val = 0x1234567;
    CU_ASSERT_TRUE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    CU_ASSERT_EQUAL(last_write, 0x67);
    /* Misaligned: reads as zero, writes ignored, the model never sees it. */
    calls = 0;
    a = acc(DEV + 0x11, 2, false, false, true);
    val = 7;
    CU_ASSERT_TRUE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    CU_ASSERT_EQUAL(val, 0);
    a.write = true;
    CU_ASSERT_TRUE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    CU_ASSERT_EQUAL(calls, 0);
    /* No region, a model's refusal, an access off the end, a bad size: crash. */
    a = acc(DEV + 0x1000, 4, false, false, true);
    CU_ASSERT_FALSE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    a = acc(DEV + 0xff0, 4, false, false, true);
    CU_ASSERT_FALSE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    a = acc(DEV - 4, 8, false, false, true);
    CU_ASSERT_FALSE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    a = acc(DEV, 3, false, false, true);
    CU_ASSERT_FALSE(mmio_dispatch(dom_ctl->vcpu, &a, &val));
    /* The other domain has no such region. */
    memset(&dom_plain->mmio, 0, sizeof(dom_plain->mmio));
    a = acc(DEV, 4, false, false, true);
    CU_ASSERT_FALSE(mmio_dispatch(dom_plain->vcpu, &a, &val));
}

int register_mmio_tests(void)
{
    CU_pSuite s = CU_add_suite("mmio", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_register);
    ADD_TEST(s, test_loads_extend_like_the_instruction);
    ADD_TEST(s, test_writes_and_refusals);
    return 0;
}

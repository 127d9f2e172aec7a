/* SPDX-License-Identifier: GPL-2.0-only */
/* sched_op (29) and what shutting domains down does. */
#include <string.h>

#include <public/sched.h>
#include <public/xen.h>
#include <xen/sched.h>

#include "helpers.h"

#define BUF 0x4000

static long sop(int cmd, uint64_t arg)
{
    return hcall(__HYPERVISOR_sched_op, (unsigned long)(unsigned int)cmd, arg, 0, 0, 0);
}

static void put_reason(struct domain *d, uint32_t reason)
{
    memcpy(gmem(d, BUF), &reason, 4);
}

static void test_yield_block(void)
{
    test_reset();
    dom_ctl->arch.yields = dom_ctl->arch.blocks = 0;
    CU_ASSERT_EQUAL(sop(SCHEDOP_yield, 0), 0);
    CU_ASSERT_EQUAL(sop(SCHEDOP_block, 0), 0);
    CU_ASSERT_EQUAL(sop(SCHEDOP_block, 0), 0);
    CU_ASSERT_EQUAL(dom_ctl->arch.yields, 1);
    CU_ASSERT_EQUAL(dom_ctl->arch.blocks, 2);
}

static void test_unknown(void)
{
    test_reset();
    CU_ASSERT_EQUAL(sop(3, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(sop(-1, 0), -XEN_ENOSYS);
}

static void test_shutdown_bad_input(void)
{
    test_reset();
    put_reason(dom_plain, SHUTDOWN_MAX + 1);
    run_as(dom_plain);
    CU_ASSERT_EQUAL(sop(SCHEDOP_shutdown, gva(BUF)), -XEN_EINVAL);
    put_reason(dom_plain, 0xffffffff);
    CU_ASSERT_EQUAL(sop(SCHEDOP_shutdown, gva(BUF)), -XEN_EINVAL);
    CU_ASSERT_EQUAL(sop(SCHEDOP_shutdown, 0), -XEN_EFAULT);
    CU_ASSERT_EQUAL(sop(SCHEDOP_shutdown, gva(TEST_RAM_BYTES - 2)), -XEN_EFAULT);
    CU_ASSERT_EQUAL(dom_plain->state, DOMAIN_RUNNING);
    CU_ASSERT_FALSE(dom_plain->arch.stopped);
}

/* Runs last in this suite: it ends both domains. */
static void test_shutdown_then_power_off(void)
{
    test_reset();
    memcpy(gmem(dom_plain, BUF + 8), "unfinished", 10);
    run_as(dom_plain);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_console_io, 0, 10, gva(BUF + 8), 0, 0), 0);
    put_reason(dom_plain, SHUTDOWN_crash);
    CU_ASSERT_EQUAL(sop(SCHEDOP_shutdown, gva(BUF)), 0);
    CU_ASSERT_EQUAL(dom_plain->state, DOMAIN_SHUTDOWN);
    CU_ASSERT_EQUAL(dom_plain->shutdown_reason, SHUTDOWN_crash);
    CU_ASSERT_TRUE(dom_plain->arch.stopped);
    CU_ASSERT(console_has("(d2) unfinished\n")); /* pending output flushed */
    CU_ASSERT(console_has("(XEN) d2 (plain) shut down: crash\n"));
    CU_ASSERT_EQUAL(domain_count_running(), 1);

    /* A second shutdown of the same domain changes nothing. */
    dom_plain->arch.stopped = false;
    put_reason(dom_plain, SHUTDOWN_poweroff);
    CU_ASSERT_EQUAL(sop(SCHEDOP_shutdown, gva(BUF)), 0);
    CU_ASSERT_EQUAL(dom_plain->shutdown_reason, SHUTDOWN_crash);
    CU_ASSERT_FALSE(dom_plain->arch.stopped);

    /* The last domain: the machine powers off, with a summary line. */
    run_as(dom_ctl);
    put_reason(dom_ctl, SHUTDOWN_poweroff);
    fake_system_off_calls = 0;
    if (setjmp(fake_system_off_jmp) == 0) {
        fake_system_off_armed = 1;
        sop(SCHEDOP_shutdown, gva(BUF));
        CU_FAIL("arch_system_off() was not called");
    }
    CU_ASSERT_EQUAL(fake_system_off_calls, 1);
    CU_ASSERT(console_has("(XEN) all domains have ended (2, 1 crashed): d1:poweroff d2:crash; "
                          "powering off\n"));
}

int register_sched_tests(void)
{
    CU_pSuite s = CU_add_suite("sched_op", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_yield_block);
    ADD_TEST(s, test_unknown);
    ADD_TEST(s, test_shutdown_bad_input);
    ADD_TEST(s, test_shutdown_then_power_off);
    return 0;
}

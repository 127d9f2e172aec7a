/* SPDX-License-Identifier: GPL-2.0-only */
/* The domain table: creation, ids, errors, crash. */
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <public/sched.h>
#include <xen/config.h>
#include <xen/sched.h>

#include "helpers.h"

static int setup_empty(void)
{
    domain_table_reset();
    fake_domain_create_rc = 0;
    fake_console_clear();
    return 0;
}

static struct domain *created[CONFIG_MAX_DOMAINS + 1];

static void free_all(void)
{
    unsigned int i;

    for (i = 0; i < CONFIG_MAX_DOMAINS + 1; i++) {
        if (created[i])
            free(created[i]->ram_hva);
        created[i] = NULL;
    }
    domain_table_reset();
}

static void test_bad_configs(void)
{
    struct domain_config c = {.name = "x", .mem_kib = 4, .nr_vcpus = 1};
    int err = 0;

    c.nr_vcpus = 0;
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    CU_ASSERT_EQUAL(err, -XEN_EINVAL);
    c.nr_vcpus = CONFIG_MAX_VCPUS + 1;
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    c.nr_vcpus = 1;
    c.mem_kib = 0;
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    CU_ASSERT_EQUAL(err, -XEN_EINVAL);
    c.mem_kib = UINT64_MAX;
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    c.mem_kib = 4;
    c.name = NULL;
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    CU_ASSERT_EQUAL(domain_count_running(), 0);
}

static void test_ids_and_table_full(void)
{
    struct domain_config c = {.name = "a-very-long-domain-name-that-will-not-fit-in-32",
                              .mem_kib = 4, .nr_vcpus = 2};
    unsigned int i;
    int err = 0;

    for (i = 0; i < CONFIG_MAX_DOMAINS; i++) {
        created[i] = domain_create(&c, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(created[i]);
        CU_ASSERT_EQUAL(created[i]->domain_id, i + 1);
        CU_ASSERT_PTR_EQUAL(domain_by_id((domid_t)(i + 1)), created[i]);
    }
    CU_ASSERT_EQUAL(strlen(created[0]->name), DOMAIN_NAME_LEN - 1);
    CU_ASSERT_EQUAL(created[1]->vcpu[1].vcpu_id, 1);
    CU_ASSERT_PTR_EQUAL(created[1]->vcpu[1].domain, created[1]);
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    CU_ASSERT_EQUAL(err, -XEN_ENOMEM);
    CU_ASSERT_PTR_NULL(domain_by_id(0));
    CU_ASSERT_PTR_NULL(domain_by_id(CONFIG_MAX_DOMAINS + 1));
    CU_ASSERT_EQUAL(domain_count_running(), CONFIG_MAX_DOMAINS);
    free_all();
}

static void test_arch_failure_frees_slot(void)
{
    struct domain_config c = {.name = "bad", .mem_kib = 4, .nr_vcpus = 1};
    int err = 0;

    fake_domain_create_rc = -XEN_ENOMEM;
    CU_ASSERT_PTR_NULL(domain_create(&c, &err));
    CU_ASSERT_EQUAL(err, -XEN_ENOMEM);
    CU_ASSERT_PTR_NULL(domain_by_id(1));
    fake_domain_create_rc = 0;
    created[0] = domain_create(&c, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(created[0]);
    CU_ASSERT_EQUAL(created[0]->domain_id, 1); /* the failed slot was reused */
    CU_ASSERT_EQUAL(err, 0);
    free_all();
}

static void test_crash(void)
{
    struct domain_config c = {.name = "victim", .mem_kib = 4, .nr_vcpus = 1};
    int err = 0;

    created[0] = domain_create(&c, &err);
    created[1] = domain_create(&c, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(created[1]);
    fake_console_clear();
    domain_crash(created[1], "stage-2 fault at IPA 0x0");
    CU_ASSERT(console_has("(XEN) d2 crashed: stage-2 fault at IPA 0x0\n"));
    CU_ASSERT(console_has("(XEN) d2 (victim) shut down: crash\n"));
    CU_ASSERT_EQUAL(created[1]->state, DOMAIN_SHUTDOWN);
    CU_ASSERT_TRUE(created[1]->arch.stopped);
    CU_ASSERT_EQUAL(created[0]->state, DOMAIN_RUNNING);
    CU_ASSERT_FALSE(created[0]->arch.stopped);
    /* An out-of-range reason from inside the hypervisor is taken as a crash. */
    if (setjmp(fake_system_off_jmp) == 0) {
        fake_system_off_armed = 1;
        domain_shutdown(created[0], 99);
    }
    CU_ASSERT_EQUAL(created[0]->shutdown_reason, SHUTDOWN_crash);
    free_all();
}

int register_domain_tests(void)
{
    CU_pSuite s = CU_add_suite("domain", setup_empty, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_bad_configs);
    ADD_TEST(s, test_ids_and_table_full);
    ADD_TEST(s, test_arch_failure_frees_slot);
    ADD_TEST(s, test_crash);
    return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdlib.h>
#include <string.h>

#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/version.h>

#include "helpers.h"

struct domain *dom_ctl;
struct domain *dom_plain;

static const uint8_t ctl_handle[16] = {0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4,
                                       5, 6, 7, 8, 9, 10, 11, 12};

void run_as(struct domain *d)
{
    fake_current = &d->vcpu[0];
}

uint8_t *gmem(struct domain *d, uint64_t off)
{
    return d->ram_hva + off;
}

long hcall(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
           unsigned long a3, unsigned long a4)
{
    unsigned long args[5] = {a0, a1, a2, a3, a4};
    unsigned long restarts = fake_hcall_restarts;
    long rc;

    /*
     * As a guest's CPU does: a continuation leaves the hypercall instruction
     * to execute again, with the arguments the handler wrote back to args.
     */
    for (;;) {
        rc = hypercall_dispatch(nr, args);
        if (fake_hcall_restarts == restarts)
            return rc;
        restarts = fake_hcall_restarts;
        CU_ASSERT_EQUAL(rc, (long)args[0]);
    }
}

int console_has(const char *s)
{
    return strstr(fake_console, s) != NULL;
}

int suite_setup(void)
{
    struct domain_config ctl = {.name = "ctl", .mem_kib = TEST_RAM_KIB, .nr_vcpus = 1,
                                .is_control = true, .handle = ctl_handle};
    struct domain_config plain = {.name = "plain", .mem_kib = TEST_RAM_KIB, .nr_vcpus = 2};
    int err;

    domain_table_reset();
    fake_domain_create_rc = 0;
    dom_ctl = domain_create(&ctl, &err);
    dom_plain = domain_create(&plain, &err);
    if (!dom_ctl || !dom_plain)
        return -1;
    test_reset();
    return 0;
}

int suite_teardown(void)
{
    if (dom_ctl)
        free(dom_ctl->ram_hva);
    if (dom_plain)
        free(dom_plain->ram_hva);
    dom_ctl = dom_plain = NULL;
    domain_table_reset();
    return 0;
}

void test_reset(void)
{
    fake_console_clear();
    console_reset();
    fake_unmapped_page = UINT64_MAX;
    fake_readonly_page = UINT64_MAX;
    fake_domain_create_rc = 0;
    fake_arch_bits = 0;
    fake_capabilities = "fake-1.0-test";
    fake_system_off_armed = 0;
    cmdline_save("console=dtuart loglvl=all");
    memset(dom_ctl->ram_hva, 0, dom_ctl->ram_size);
    memset(dom_plain->ram_hva, 0, dom_plain->ram_size);
    console_domain_init(dom_ctl);
    console_domain_init(dom_plain);
    fake_time_ns = 0;
    run_as(dom_ctl);
}

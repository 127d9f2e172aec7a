/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared set-up for the unit suites: a control domain d1 and a plain d2. */
#ifndef TESTS_UNIT_HELPERS_H
#define TESTS_UNIT_HELPERS_H

#include <CUnit/CUnit.h>
#include <stdint.h>

#include "fake/fake.h"

/* Guest RAM of each test domain. */
#define TEST_RAM_KIB 256
#define TEST_RAM_BYTES ((uint64_t)TEST_RAM_KIB * 1024)

extern struct domain *dom_ctl;   /* d1, control domain */
extern struct domain *dom_plain; /* d2 */

/* Fresh domain table, console and fakes; current = d1's vCPU 0. */
int suite_setup(void);
/* Frees the guest RAM. */
int suite_teardown(void);
/* Reset between tests: fakes, console, RAM contents; current = d1. */
void test_reset(void);

void run_as(struct domain *d);

/* Guest virtual (= physical) address of byte off of guest RAM. */
static inline uint64_t gva(uint64_t off)
{
    return FAKE_RAM_GPA + off;
}

/* Host pointer to byte off of d's RAM. */
uint8_t *gmem(struct domain *d, uint64_t off);

/* Issue hypercall nr from the current vCPU through the dispatcher. */
long hcall(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
           unsigned long a3, unsigned long a4);

/* Does the captured console contain s? */
int console_has(const char *s);

#define ADD_TEST(suite, fn)                                                                        \
    do {                                                                                           \
        if (!CU_add_test(suite, #fn, fn))                                                          \
            return -1;                                                                             \
    } while (0)

int register_hypercall_tests(void);
int register_xen_version_tests(void);
int register_version_op_tests(void);
int register_console_tests(void);
int register_sched_tests(void);
int register_sysctl_tests(void);
int register_guest_access_tests(void);
int register_domain_tests(void);
int register_lib_tests(void);
int register_build_id_tests(void);
int register_livepatch_elf_tests(void);
int register_livepatch_load_tests(void);
int register_livepatch_tests(void);
int register_symbols_tests(void);
int register_page_pool_tests(void);
int register_scheduler_tests(void);
int register_mmio_tests(void);
int register_arm64_reloc_tests(void);
int register_kernel_image_tests(void);
int register_dt_tests(void);
int register_direct_map_tests(void);
int register_static_mem_tests(void);
int register_passthrough_tests(void);

#endif /* TESTS_UNIT_HELPERS_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host unit tests of xen/common/: every suite runs under ASan and UBSan.
 * The last line is "unit: N passed, N failed" (counted in tests), which
 * make test adds to its total.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include <xen/sched.h>

#include "helpers.h"

int main(void)
{
    int (*const reg[])(void) = {
        register_hypercall_tests, register_xen_version_tests, register_version_op_tests,
        register_console_tests,   register_sched_tests,       register_sysctl_tests,
        register_guest_access_tests, register_domain_tests,   register_lib_tests,
        register_build_id_tests,    register_livepatch_elf_tests,
        register_livepatch_load_tests, register_livepatch_tests, register_symbols_tests,
        register_arm64_reloc_tests, register_page_pool_tests, register_kernel_image_tests,
        register_dt_tests,          register_scheduler_tests, register_mmio_tests,
        register_direct_map_tests,  register_static_mem_tests,  register_passthrough_tests,
    };
    unsigned int i, run, failed, suites_failed;

    sched_init(0xff); /* the fake machine has 8 CPUs */
    fake_symbols_init();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    for (i = 0; i < sizeof(reg) / sizeof(reg[0]); i++) {
        if (reg[i]()) {
            fprintf(stderr, "unit: cannot register suite %u: %s\n", i, CU_get_error_msg());
            CU_cleanup_registry();
            return 2;
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    run = CU_get_number_of_tests_run();
    failed = CU_get_number_of_tests_failed();
    /* A suite whose set-up failed never ran its tests: count it as a failure. */
    suites_failed = CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    printf("\nunit: %u passed, %u failed\n", run - failed, failed + suites_failed);
    failed += suites_failed;
    return failed ? 1 : 0;
}

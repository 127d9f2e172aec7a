/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-patch loader against GCC-built payloads (tests/unit/payloads/
 * hello.c and its broken variants): after a load the payload's replacement
 * function is called for real; every rejected payload leaves no memory
 * behind.
 */
#include <string.h>

#include <public/errno.h>
#include <xen/livepatch.h>
#include <xen/version.h>

#include "helpers.h"

#include "payloads.h"

static struct payload p;

static int load(const uint8_t *start, const uint8_t *end)
{
    struct livepatch_elf e;
    int rc;

    memset(&p, 0, sizeof(p));
    strcpy(p.name, "test");
    rc = livepatch_elf_check(&e, start, (size_t)(end - start), arch_livepatch_machine());
    return rc ? rc : livepatch_load(&p, &e);
}

static int setup(void)
{
    return fake_build_id_init();
}

static void test_hello(void)
{
    const char *(*fn)(void);
    void (*hook)(void);
    unsigned int protects[3];

    memcpy(protects, fake_lp_protects, sizeof(protects));
    CU_ASSERT_EQUAL_FATAL(load(lp_hello, lp_hello_end), 0);
    CU_ASSERT_EQUAL(p.nfuncs, 1);
    /* Found by name in the hypervisor's symbols. */
    CU_ASSERT_EQUAL(p.funcs[0].old_addr, (uint64_t)(uintptr_t)xen_extra_version);
    CU_ASSERT_STRING_EQUAL((const char *)(uintptr_t)p.funcs[0].name, "xen_extra_version");
    /* The relocated replacement runs, calling back into the hypervisor. */
    fn = (const char *(*)(void))(uintptr_t)p.funcs[0].new_addr;
    CU_ASSERT_STRING_EQUAL(fn(), "Hello World");
    CU_ASSERT_EQUAL(p.nhooks[LP_HOOK_LOAD], 1);
    CU_ASSERT_EQUAL(p.nhooks[LP_HOOK_PRE_APPLY], 0);
    hook = (void (*)(void))(uintptr_t)p.hooks[LP_HOOK_LOAD][0];
    hook();
    CU_ASSERT_EQUAL(p.id.len, 20);
    CU_ASSERT_EQUAL(p.id.bytes[0], 0xb0);
    CU_ASSERT_EQUAL(p.depends.len, 0);
    /* Text read-execute, rodata read-only, data read-write. */
    CU_ASSERT_EQUAL(fake_lp_protects[LP_PERM_RX], protects[LP_PERM_RX] + 1);
    CU_ASSERT_EQUAL(fake_lp_protects[LP_PERM_RO], protects[LP_PERM_RO] + 1);
    CU_ASSERT_EQUAL(fake_lp_protects[LP_PERM_RW], protects[LP_PERM_RW] + 1);
    CU_ASSERT_PTR_NOT_NULL(p.text.base);
    livepatch_unload(&p);
    CU_ASSERT_EQUAL(livepatch_pool_in_use(), 0);
    CU_ASSERT_PTR_NULL(p.text.base);
}

#define REJECTED(payload, err)                                                                     \
    do {                                                                                           \
        CU_ASSERT_EQUAL(load(payload, payload##_end), err);                                        \
        CU_ASSERT_EQUAL(livepatch_pool_in_use(), 0);                                                   \
    } while (0)

static void test_rejected(void)
{
    REJECTED(lp_no_build_id, -XEN_EINVAL);
    REJECTED(lp_no_xen_id, -XEN_EINVAL);
    REJECTED(lp_wrong_xen_id, -XEN_EINVAL);
    REJECTED(lp_unknown_symbol, -XEN_ENOENT);
    REJECTED(lp_unknown_old, -XEN_ENOENT);
    REJECTED(lp_bad_version, -XEN_EINVAL);
    REJECTED(lp_hook_outside_text, -XEN_EINVAL);
    REJECTED(lp_abs32_overflow, -XEN_EOVERFLOW);
    REJECTED(lp_unsupported_reloc, -XEN_EOPNOTSUPP);
}

static void test_hypervisor_without_build_id(void)
{
    build_id_init(NULL, 0);
    REJECTED(lp_hello, -XEN_EINVAL);
    CU_ASSERT_EQUAL(fake_build_id_init(), 0);
}

static void test_out_of_memory(void)
{
    int n;

    /* Fail each allocation of a load in turn: always -ENOMEM, never a leak. */
    for (n = 0; n < 6; n++) {
        fake_lp_fail_alloc_after = n;
        REJECTED(lp_hello, -XEN_ENOMEM);
    }
    fake_lp_fail_alloc_after = 6;
    CU_ASSERT_EQUAL(load(lp_hello, lp_hello_end), 0);
    fake_lp_fail_alloc_after = -1;
    livepatch_unload(&p);
}

int register_livepatch_load_tests(void)
{
    CU_pSuite s = CU_add_suite("livepatch_load", setup, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_hello);
    ADD_TEST(s, test_rejected);
    ADD_TEST(s, test_hypervisor_without_build_id);
    ADD_TEST(s, test_out_of_memory);
    return 0;
}

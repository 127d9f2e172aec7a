/* SPDX-License-Identifier: GPL-2.0-only */
/* xen_version (17): Xen's sub-ops 0..14 with Xen's buffers and errors. */
#include <string.h>

#include <public/version.h>
#include <public/xen.h>
#include <xen/sched.h>
#include <xen/version.h>

#include "helpers.h"

#define BUF 0x2000
#define POISON 0x5a

static long xv(int cmd, uint64_t arg)
{
    return hcall(__HYPERVISOR_xen_version, (unsigned long)(unsigned int)cmd, arg, 0, 0, 0);
}

static void poison(struct domain *d, size_t n)
{
    memset(gmem(d, BUF), POISON, n);
}

static void set_u32(struct domain *d, uint64_t off, uint32_t v)
{
    memcpy(gmem(d, off), &v, 4);
}

static uint32_t get_u32(struct domain *d, uint64_t off)
{
    uint32_t v;

    memcpy(&v, gmem(d, off), 4);
    return v;
}

static void test_version(void)
{
    test_reset();
    CU_ASSERT_EQUAL(xv(XENVER_version, 0), (long)((xen_major_version() << 16) | xen_minor_version()));
    /* Xen takes cmd as an int: the upper half of the register is ignored. */
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_xen_version, 0x100000000UL, 0, 0, 0, 0), 0x10000);
}

/* A fixed-size string sub-op: the string, NUL padding, nothing beyond. */
static void check_fixed(int cmd, const char *expect, size_t size)
{
    size_t n = strlen(expect) < size ? strlen(expect) : size - 1;
    size_t i;

    poison(dom_ctl, size + 8);
    CU_ASSERT_EQUAL(xv(cmd, gva(BUF)), 0);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), expect, n), 0);
    for (i = n; i < size; i++)
        CU_ASSERT_EQUAL_FATAL(gmem(dom_ctl, BUF)[i], 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[size], POISON);
    CU_ASSERT_EQUAL(xv(cmd, 0), -XEN_EFAULT);
    CU_ASSERT_EQUAL(xv(cmd, gva(TEST_RAM_BYTES - size + 1)), -XEN_EFAULT);
}

static void test_fixed_strings(void)
{
    test_reset();
    check_fixed(XENVER_extraversion, xen_extra_version(), 16);
    check_fixed(XENVER_capabilities, "fake-1.0-test", 1024);
    check_fixed(XENVER_changeset, xen_changeset(), 64);
    check_fixed(XENVER_commandline, "console=dtuart loglvl=all", 1024);
}

static void test_fixed_string_truncates(void)
{
    test_reset();
    fake_capabilities = "a-capability-string-much-longer-than-sixteen-bytes";
    poison(dom_ctl, 1100);
    CU_ASSERT_EQUAL(xv(XENVER_capabilities, gva(BUF)), 0);
    CU_ASSERT_STRING_EQUAL((char *)gmem(dom_ctl, BUF), fake_capabilities);
    /* The command line buffer is 1024 bytes: 1023 characters and the NUL. */
    {
        static char longcmd[2000];

        memset(longcmd, 'c', sizeof(longcmd) - 1);
        cmdline_save(longcmd);
        CU_ASSERT_EQUAL(xv(XENVER_commandline, gva(BUF)), 0);
        CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[1022], 'c');
        CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[1023], 0);
    }
}

static void test_compile_info(void)
{
    struct xen_compile_info info;

    test_reset();
    poison(dom_ctl, sizeof(info) + 4);
    CU_ASSERT_EQUAL(xv(XENVER_compile_info, gva(BUF)), 0);
    memcpy(&info, gmem(dom_ctl, BUF), sizeof(info));
    CU_ASSERT_EQUAL(strncmp(info.compiler, xen_compiler(), sizeof(info.compiler) - 1), 0);
    CU_ASSERT_EQUAL(strncmp(info.compile_by, xen_compile_by(), sizeof(info.compile_by) - 1), 0);
    CU_ASSERT_EQUAL(strncmp(info.compile_date, xen_compile_date(), 31), 0);
    CU_ASSERT_EQUAL(info.compile_domain[sizeof(info.compile_domain) - 1], 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[sizeof(info)], POISON);
    CU_ASSERT_EQUAL(xv(XENVER_compile_info, 8), -XEN_EFAULT);
}

static void test_platform_parameters(void)
{
    uint64_t v = ~0ULL;

    test_reset();
    poison(dom_ctl, 16);
    CU_ASSERT_EQUAL(xv(XENVER_platform_parameters, gva(BUF)), 0);
    memcpy(&v, gmem(dom_ctl, BUF), 8);
    CU_ASSERT_EQUAL(v, 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[8], POISON);
    CU_ASSERT_EQUAL(xv(XENVER_platform_parameters, 0), -XEN_EFAULT);
}

static void test_get_features(void)
{
    test_reset();
    fake_arch_bits = 1U << 14;
    set_u32(dom_ctl, BUF, 0);
    set_u32(dom_ctl, BUF + 4, 0);
    CU_ASSERT_EQUAL(xv(XENVER_get_features, gva(BUF)), 0);
    CU_ASSERT_EQUAL(get_u32(dom_ctl, BUF), 0);
    CU_ASSERT_EQUAL(get_u32(dom_ctl, BUF + 4),
                    (1U << 0) | (1U << 2) | (1U << 11) | (1U << 14) | (1U << 16));
    run_as(dom_plain);
    set_u32(dom_plain, BUF, 0);
    CU_ASSERT_EQUAL(xv(XENVER_get_features, gva(BUF)), 0);
    CU_ASSERT_EQUAL(get_u32(dom_plain, BUF + 4) & (1U << 11), 0);
}

static void test_get_features_bad_index(void)
{
    test_reset();
    set_u32(dom_ctl, BUF, 1);
    set_u32(dom_ctl, BUF + 4, 0x77777777);
    CU_ASSERT_EQUAL(xv(XENVER_get_features, gva(BUF)), -XEN_EINVAL);
    CU_ASSERT_EQUAL(get_u32(dom_ctl, BUF + 4), 0x77777777);
    CU_ASSERT_EQUAL(xv(XENVER_get_features, 0), -XEN_EFAULT);
    fake_readonly_page = gva(BUF) >> 12;
    set_u32(dom_ctl, BUF, 0);
    CU_ASSERT_EQUAL(xv(XENVER_get_features, gva(BUF)), -XEN_EFAULT);
}

static void test_pagesize(void)
{
    test_reset();
    CU_ASSERT_EQUAL(xv(XENVER_pagesize, 0), 4096);
    CU_ASSERT_EQUAL(xv(XENVER_pagesize, gva(BUF)), -XEN_EINVAL);
}

static void test_guest_handle(void)
{
    test_reset();
    poison(dom_ctl, 20);
    CU_ASSERT_EQUAL(xv(XENVER_guest_handle, gva(BUF)), 0);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), dom_ctl->handle, 16), 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[16], POISON);
    CU_ASSERT_EQUAL(xv(XENVER_guest_handle, 0), -XEN_EFAULT);
}

static void test_commandline_denied(void)
{
    test_reset();
    run_as(dom_plain);
    poison(dom_plain, 16);
    CU_ASSERT_EQUAL(xv(XENVER_commandline, gva(BUF)), 0);
    CU_ASSERT_STRING_EQUAL((char *)gmem(dom_plain, BUF), "<denied>");
    CU_ASSERT_EQUAL(gmem(dom_plain, BUF)[9], POISON); /* only the 9 bytes */
}

static void test_varbuf(int cmd, const void *expect, size_t size)
{
    set_u32(dom_ctl, BUF, 0);
    poison(dom_ctl, 0);
    CU_ASSERT_EQUAL(xv(cmd, 0), (long)size);
    memset(gmem(dom_ctl, BUF + 4), POISON, size + 8);
    set_u32(dom_ctl, BUF, (uint32_t)size - 1);
    CU_ASSERT_EQUAL(xv(cmd, gva(BUF)), -XEN_ENOBUFS);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF + 4)[0], POISON);
    set_u32(dom_ctl, BUF, (uint32_t)size + 8);
    CU_ASSERT_EQUAL(xv(cmd, gva(BUF)), (long)size);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF + 4), expect, size), 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF + 4)[size], POISON);
    CU_ASSERT_EQUAL(get_u32(dom_ctl, BUF), size + 8); /* len is IN only */
    CU_ASSERT_EQUAL(xv(cmd, gva(TEST_RAM_BYTES - 2)), -XEN_EFAULT);
    /* The header fits but the buffer runs past the end of RAM. */
    set_u32(dom_ctl, TEST_RAM_BYTES - 4, 64);
    CU_ASSERT_EQUAL(xv(cmd, gva(TEST_RAM_BYTES - 4)), size ? -XEN_EFAULT : 0);
}

static void test_varbuf_strings(void)
{
    test_reset();
    test_varbuf(XENVER_extraversion2, xen_extra_version(), strlen(xen_extra_version()));
    test_varbuf(XENVER_capabilities2, "fake-1.0-test", 13);
    test_varbuf(XENVER_changeset2, xen_changeset(), strlen(xen_changeset()));
    test_varbuf(XENVER_commandline2, "console=dtuart loglvl=all", 25);
}

static void test_build_id(void)
{
    static const struct {
        uint32_t namesz, descsz, type;
        char name[4];
        uint8_t id[8];
    } note = {4, 8, 3, "GNU", {0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8}};

    test_reset();
    CU_ASSERT_EQUAL(build_id_init(&note, sizeof(note)), 0);
    test_varbuf(XENVER_build_id, note.id, 8);
    build_id_init(NULL, 0);
    CU_ASSERT_EQUAL(xv(XENVER_build_id, 0), -XEN_ENODATA);
}

static void test_privileged_varbufs(void)
{
    test_reset();
    run_as(dom_plain);
    CU_ASSERT_EQUAL(xv(XENVER_build_id, 0), -XEN_EPERM);
    CU_ASSERT_EQUAL(xv(XENVER_commandline2, 0), -XEN_EPERM);
    /* The others are open to every domain, as on Xen. */
    CU_ASSERT_EQUAL(xv(XENVER_changeset2, 0), (long)strlen(xen_changeset()));
    CU_ASSERT_EQUAL(xv(XENVER_extraversion2, 0), (long)strlen(xen_extra_version()));
}

static void test_varbuf_too_big(void)
{
    static char big[70000];

    test_reset();
    memset(big, 'y', sizeof(big) - 1);
    fake_capabilities = big;
    CU_ASSERT_EQUAL(xv(XENVER_capabilities2, 0), -XEN_E2BIG);
}

static void test_unknown(void)
{
    test_reset();
    CU_ASSERT_EQUAL(xv(15, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(xv(-1, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(xv(0x7fffffff, gva(BUF)), -XEN_ENOSYS);
}

int register_xen_version_tests(void)
{
    CU_pSuite s = CU_add_suite("xen_version", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_version);
    ADD_TEST(s, test_fixed_strings);
    ADD_TEST(s, test_fixed_string_truncates);
    ADD_TEST(s, test_compile_info);
    ADD_TEST(s, test_platform_parameters);
    ADD_TEST(s, test_get_features);
    ADD_TEST(s, test_get_features_bad_index);
    ADD_TEST(s, test_pagesize);
    ADD_TEST(s, test_guest_handle);
    ADD_TEST(s, test_commandline_denied);
    ADD_TEST(s, test_varbuf_strings);
    ADD_TEST(s, test_build_id);
    ADD_TEST(s, test_privileged_varbufs);
    ADD_TEST(s, test_varbuf_too_big);
    ADD_TEST(s, test_unknown);
    return 0;
}

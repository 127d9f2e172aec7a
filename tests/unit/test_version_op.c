/* SPDX-License-Identifier: GPL-2.0-only */
/* version_op (43): the probe / ENOBUFS / E2BIG / EPERM / ENOSYS rules. */
#include <string.h>

#include <public/version.h>
#include <public/xen.h>
#include <xen/sched.h>
#include <xen/version.h>

#include "helpers.h"

#define BUF 0x1000 /* offset of the guest buffer in guest RAM */
#define POISON 0xa5

static long vop(unsigned int cmd, uint64_t buf, unsigned long len)
{
    return hcall(__HYPERVISOR_version_op, cmd, buf, len, 0, 0);
}

static void poison(struct domain *d, size_t n)
{
    memset(gmem(d, BUF), POISON, n);
}

static int untouched(struct domain *d, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (gmem(d, BUF)[i] != POISON)
            return 0;
    return 1;
}

static uint64_t le64_at(struct domain *d, uint64_t off)
{
    uint64_t v = 0;
    int i;

    for (i = 7; i >= 0; i--)
        v = (v << 8) | gmem(d, off)[i];
    return v;
}

/* Probe, short buffer, exact buffer and roomy buffer for one sub-op. */
static void check_shape(unsigned int cmd, const void *expect, size_t size)
{
    CU_ASSERT_EQUAL(vop(cmd, 0, 0), (long)size);
    CU_ASSERT_EQUAL(vop(cmd, 0, 4096), (long)size);
    if (size) {
        poison(dom_ctl, size + 16);
        CU_ASSERT_EQUAL(vop(cmd, gva(BUF), size - 1), -XEN_ENOBUFS);
        CU_ASSERT(untouched(dom_ctl, size + 16));
    }
    poison(dom_ctl, size + 16);
    CU_ASSERT_EQUAL(vop(cmd, gva(BUF), size), (long)size);
    if (expect)
        CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), expect, size), 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[size], POISON); /* nothing past the answer */
    poison(dom_ctl, size + 16);
    CU_ASSERT_EQUAL(vop(cmd, gva(BUF), size + 16), (long)size);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[size], POISON);
}

static void test_version_number(void)
{
    uint64_t want = ((uint64_t)xen_major_version() << 16) | xen_minor_version();

    test_reset();
    check_shape(VERSION_version, NULL, 8);
    CU_ASSERT_EQUAL(le64_at(dom_ctl, BUF), want);
    CU_ASSERT_EQUAL(want, 0x10000); /* Keel 1.0 */
}

static void test_strings(void)
{
    test_reset();
    check_shape(VERSION_extraversion, xen_extra_version(), strlen(xen_extra_version()));
    check_shape(VERSION_capabilities, "fake-1.0-test", strlen("fake-1.0-test"));
    check_shape(VERSION_changeset, xen_changeset(), strlen(xen_changeset()));
    check_shape(VERSION_commandline, "console=dtuart loglvl=all", 25);
}

static void test_strings_not_terminated(void)
{
    size_t n = strlen(xen_extra_version());

    test_reset();
    poison(dom_ctl, 64);
    CU_ASSERT_EQUAL(vop(VERSION_extraversion, gva(BUF), 64), (long)n);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[n], POISON); /* no NUL written */
}

static void test_empty_string(void)
{
    test_reset();
    cmdline_save("");
    CU_ASSERT_EQUAL(vop(VERSION_commandline, 0, 0), 0);
    poison(dom_ctl, 4);
    CU_ASSERT_EQUAL(vop(VERSION_commandline, gva(BUF), 0), 0);
    CU_ASSERT(untouched(dom_ctl, 4));
}

static void test_numbers(void)
{
    test_reset();
    check_shape(VERSION_platform_parameters, NULL, 8);
    CU_ASSERT_EQUAL(le64_at(dom_ctl, BUF), 0);
    check_shape(VERSION_pagesize, NULL, 8);
    CU_ASSERT_EQUAL(le64_at(dom_ctl, BUF), 4096);
}

static void test_guest_handle(void)
{
    test_reset();
    check_shape(VERSION_guest_handle, dom_ctl->handle, 16);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[0], 0xde);
    run_as(dom_plain);
    memset(gmem(dom_plain, BUF), POISON, 16);
    CU_ASSERT_EQUAL(vop(VERSION_guest_handle, gva(BUF), 16), 16);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_plain, BUF), dom_plain->handle, 16), 0);
}

static void test_features(void)
{
    struct version_op_features f = {0, 0xffffffff};

    test_reset();
    fake_arch_bits = 1U << 14;
    CU_ASSERT_EQUAL(vop(VERSION_get_features, 0, 0), 8);
    memcpy(gmem(dom_ctl, BUF), &f, sizeof(f));
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(BUF), 7), -XEN_ENOBUFS);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), &f, sizeof(f)), 0);
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(BUF), 8), 8);
    memcpy(&f, gmem(dom_ctl, BUF), sizeof(f));
    CU_ASSERT_EQUAL(f.index, 0);
    CU_ASSERT_EQUAL(f.bitmap, (1U << 0) | (1U << 2) | (1U << 11) | (1U << 14) | (1U << 16));

    run_as(dom_plain);
    f.index = 0;
    memcpy(gmem(dom_plain, BUF), &f, sizeof(f));
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(BUF), 8), 8);
    memcpy(&f, gmem(dom_plain, BUF), sizeof(f));
    CU_ASSERT_EQUAL(f.bitmap & (1U << 11), 0); /* not the control domain */
}

static void test_features_bad_index(void)
{
    struct version_op_features f = {1, 0x12345678};

    test_reset();
    memcpy(gmem(dom_ctl, BUF), &f, sizeof(f));
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(BUF), 8), -XEN_EINVAL);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), &f, sizeof(f)), 0);
    f.index = 0xffffffff;
    memcpy(gmem(dom_ctl, BUF), &f, sizeof(f));
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(BUF), 8), -XEN_EINVAL);
}

static void test_build_id(void)
{
    static const struct {
        uint32_t namesz, descsz, type;
        char name[4];
        uint8_t id[20];
    } note = {4, 20, 3, "GNU", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                                 19, 20}};

    test_reset();
    CU_ASSERT_EQUAL(build_id_init(&note, sizeof(note)), 0);
    check_shape(VERSION_build_id, note.id, 20);
    build_id_init(NULL, 0);
    CU_ASSERT_EQUAL(vop(VERSION_build_id, 0, 0), -XEN_ENODATA);
}

static void test_privileged(void)
{
    test_reset();
    run_as(dom_plain);
    memset(gmem(dom_plain, BUF), POISON, 64);
    CU_ASSERT_EQUAL(vop(VERSION_commandline, 0, 0), -XEN_EPERM);
    CU_ASSERT_EQUAL(vop(VERSION_commandline, gva(BUF), 64), -XEN_EPERM);
    CU_ASSERT_EQUAL(vop(VERSION_build_id, 0, 0), -XEN_EPERM);
    CU_ASSERT_EQUAL(vop(VERSION_build_id, gva(BUF), 64), -XEN_EPERM);
    CU_ASSERT_EQUAL(gmem(dom_plain, BUF)[0], POISON);
    /* Everything else is open to every domain. */
    CU_ASSERT_EQUAL(vop(VERSION_version, 0, 0), 8);
    CU_ASSERT_EQUAL(vop(VERSION_changeset, 0, 0), (long)strlen(xen_changeset()));
}

static void test_unknown(void)
{
    test_reset();
    CU_ASSERT_EQUAL(vop(10, 0, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(vop(11, gva(BUF), 64), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(vop(1000, 0, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(vop(0xffffffffU, 0, 0), -XEN_ENOSYS);
    /* Unknown beats privilege: a plain domain learns nothing more. */
    run_as(dom_plain);
    CU_ASSERT_EQUAL(vop(12, 0, 0), -XEN_ENOSYS);
}

static void test_too_big(void)
{
    static char big[70000];

    test_reset();
    memset(big, 'x', sizeof(big) - 1);
    fake_capabilities = big;
    CU_ASSERT_EQUAL(vop(VERSION_capabilities, 0, 0), -XEN_E2BIG);
    CU_ASSERT_EQUAL(vop(VERSION_capabilities, gva(BUF), 100000), -XEN_E2BIG);
    /* The limit itself is allowed. */
    big[VERSION_OP_MAX_ANSWER] = '\0';
    CU_ASSERT_EQUAL(vop(VERSION_capabilities, 0, 0), VERSION_OP_MAX_ANSWER);
    CU_ASSERT_EQUAL(vop(VERSION_capabilities, gva(BUF), VERSION_OP_MAX_ANSWER),
                    VERSION_OP_MAX_ANSWER);
    big[VERSION_OP_MAX_ANSWER] = 'x';
}

static void test_bad_buffer(void)
{
    test_reset();
    CU_ASSERT_EQUAL(vop(VERSION_version, 0x1000, 8), -XEN_EFAULT);          /* below RAM */
    CU_ASSERT_EQUAL(vop(VERSION_version, gva(TEST_RAM_BYTES - 4), 8), -XEN_EFAULT); /* straddles end */
    CU_ASSERT_EQUAL(vop(VERSION_version, UINT64_MAX - 3, 8), -XEN_EFAULT);  /* wraps */
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(TEST_RAM_BYTES), 8), -XEN_EFAULT);
    fake_readonly_page = gva(BUF) >> 12;
    CU_ASSERT_EQUAL(vop(VERSION_changeset, gva(BUF), 64), -XEN_EFAULT);
    /* Reading the index still works from a read-only page, writing back does not. */
    CU_ASSERT_EQUAL(vop(VERSION_get_features, gva(BUF), 8), -XEN_EFAULT);
}

int register_version_op_tests(void)
{
    CU_pSuite s = CU_add_suite("version_op", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_version_number);
    ADD_TEST(s, test_strings);
    ADD_TEST(s, test_strings_not_terminated);
    ADD_TEST(s, test_empty_string);
    ADD_TEST(s, test_numbers);
    ADD_TEST(s, test_guest_handle);
    ADD_TEST(s, test_features);
    ADD_TEST(s, test_features_bad_index);
    ADD_TEST(s, test_build_id);
    ADD_TEST(s, test_privileged);
    ADD_TEST(s, test_unknown);
    ADD_TEST(s, test_too_big);
    ADD_TEST(s, test_bad_buffer);
    return 0;
}

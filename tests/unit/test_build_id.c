/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading the GNU build-id note, and rejecting malformed ones. */
#include <string.h>

#include <public/errno.h>
#include <xen/version.h>

#include "helpers.h"

static void test_after_other_notes(void)
{
    /* A 5-byte-name note first (padded to 8), then the build-id. */
    static const uint32_t sect[] = {
        5, 4, 1, 0x64636261, 0x00000065, 0xcafef00d,
        4, 4, 3, 0x00554e47, 0x11223344,
    };
    const uint8_t *id;
    unsigned int len;

    CU_ASSERT_EQUAL(build_id_init(sect, sizeof(sect)), 0);
    CU_ASSERT_EQUAL(xen_build_id(&id, &len), 0);
    CU_ASSERT_EQUAL(len, 4);
    CU_ASSERT_EQUAL(id[0], 0x44);
}

static void test_malformed(void)
{
    uint32_t sect[] = {4, 20, 3, 0x00554e47, 1, 2, 3, 4, 5};
    const uint8_t *id;
    unsigned int len;

    /* descsz says 20 but the section ends after 20 bytes of note. */
    CU_ASSERT_EQUAL(build_id_init(sect, 4 * 8), -XEN_ENODATA);
    CU_ASSERT_EQUAL(xen_build_id(&id, &len), -XEN_ENODATA);
    CU_ASSERT_EQUAL(build_id_init(sect, sizeof(sect)), 0);
    /* A huge namesz must not wrap the bounds check. */
    sect[0] = 0xfffffffc;
    CU_ASSERT_EQUAL(build_id_init(sect, sizeof(sect)), -XEN_ENODATA);
    sect[0] = 4;
    sect[3] = 0x00554e48; /* "HNU" */
    CU_ASSERT_EQUAL(build_id_init(sect, sizeof(sect)), -XEN_ENODATA);
    sect[3] = 0x00554e47;
    sect[2] = 1; /* not NT_GNU_BUILD_ID */
    CU_ASSERT_EQUAL(build_id_init(sect, sizeof(sect)), -XEN_ENODATA);
    CU_ASSERT_EQUAL(build_id_init(sect, 5), -XEN_ENODATA);
    CU_ASSERT_EQUAL(build_id_init(NULL, 0), -XEN_ENODATA);
}

int register_build_id_tests(void)
{
    CU_pSuite s = CU_add_suite("build_id", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_after_other_notes);
    ADD_TEST(s, test_malformed);
    return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arm64 Image header checks and guest RAM layout
 * (xen/arch/arm/kernel_image.c, built for the host): hostile header fields
 * whose sums wrap, a BSS (image_size) that would swallow the ramdisk or the
 * device tree, and the fields booting.rst gives meaning to.
 */
#include <string.h>

#include <public/errno.h>

#include "helpers.h"
#include "xen/arch/arm/include/asm/kernel_image.h"

#define MIB (1024ULL * 1024)
#define RAM (16 * MIB)
#define DTB (64 * 1024ULL)

static uint8_t img[4096];
static struct kernel_layout l;

static void put64(unsigned int off, uint64_t v)
{
    unsigned int i;

    for (i = 0; i < 8; i++)
        img[off + i] = (uint8_t)(v >> (8 * i));
}

/* An Image header: text_offset, image_size, flags. */
static void header(uint64_t text, uint64_t size, uint64_t flags)
{
    memset(img, 0, sizeof(img));
    img[0] = 0x02; /* b #8, as any code */
    img[3] = 0x14;
    put64(8, text);
    put64(16, size);
    put64(24, flags);
    memcpy(img + 56, "ARM\x64", 4);
}

static int layout(uint64_t rd)
{
    return kernel_image_layout(img, sizeof(img), rd, RAM, DTB, &l);
}

static void test_raw_and_plain(void)
{
    memset(img, 0, sizeof(img));
    CU_ASSERT_EQUAL(layout(0), 0); /* no magic: a raw binary from offset 0 */
    CU_ASSERT_FALSE(l.has_header);
    CU_ASSERT_EQUAL(l.text_offset, 0);
    CU_ASSERT_EQUAL(l.footprint, sizeof(img));
    CU_ASSERT_EQUAL(l.dtb_offset, RAM - DTB);

    header(0x80000, 2 * MIB, 0xa);
    CU_ASSERT_EQUAL(layout(5000), 0);
    CU_ASSERT_TRUE(l.has_header);
    CU_ASSERT_EQUAL(l.text_offset, 0x80000);
    CU_ASSERT_EQUAL(l.footprint, 2 * MIB);
    /* Two pages for 5000 bytes, right below the device tree. */
    CU_ASSERT_EQUAL(l.ramdisk_offset, RAM - DTB - 8192);

    /* Before Linux 3.17: image_size 0, text_offset assumed 0x80000 whatever it says. */
    header(0x1234567, 0, 0);
    CU_ASSERT_EQUAL(layout(0), 0);
    CU_ASSERT_EQUAL(l.text_offset, 0x80000);
    CU_ASSERT_EQUAL(l.footprint, sizeof(img));
}

static void test_wrapping_fields(void)
{
    /* text_offset + size wraps to a small number: must not pass. */
    header(0xfffffffffffff000ULL, 0x2000, 0);
    CU_ASSERT_EQUAL(layout(0), -XEN_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(l.why);
    header(0x1000, 0xfffffffffffff000ULL, 0);
    CU_ASSERT_EQUAL(layout(0), -XEN_E2BIG);
    header(RAM - DTB, 0x1000, 0); /* starts on the device tree */
    CU_ASSERT_EQUAL(layout(0), -XEN_E2BIG);
    header(RAM, 0x1000, 0);
    CU_ASSERT_EQUAL(layout(0), -XEN_EINVAL);
    /* A ramdisk length near 2^64 must not wrap when rounded to pages. */
    header(0, 0x1000, 0);
    CU_ASSERT_EQUAL(layout(0xfffffffffffff001ULL), -XEN_E2BIG);
    CU_ASSERT_EQUAL(kernel_image_layout(img, sizeof(img), 0, DTB - 4096, DTB, &l), -XEN_E2BIG);
}

static void test_image_size_is_respected(void)
{
    /* BSS up to the device tree exactly: fits without a ramdisk, not with one. */
    header(0, RAM - DTB, 0);
    CU_ASSERT_EQUAL(layout(0), 0);
    CU_ASSERT_EQUAL(layout(1), -XEN_E2BIG);
    /* BSS one byte into the device tree. */
    header(0, RAM - DTB + 1, 0);
    CU_ASSERT_EQUAL(layout(0), -XEN_E2BIG);
    /* 5000 bytes rounded down to a page boundary would start in the kernel's last page. */
    header(0, RAM - DTB - 8192 + 1, 0);
    CU_ASSERT_EQUAL(layout(4096), 0);
    CU_ASSERT_EQUAL(l.ramdisk_offset, RAM - DTB - 4096);
    CU_ASSERT_EQUAL(layout(5000), -XEN_E2BIG);
    CU_ASSERT_EQUAL(layout(8192), -XEN_E2BIG);
    header(0, RAM - DTB - 8192, 0);
    CU_ASSERT_EQUAL(layout(8192), 0);
    CU_ASSERT_EQUAL(l.ramdisk_offset, RAM - DTB - 8192);
    /* The file may be longer than image_size says: the copy still has to fit. */
    header(0, 64, 0);
    CU_ASSERT_EQUAL(layout(0), 0);
    CU_ASSERT_EQUAL(l.footprint, sizeof(img));
}

static void test_header_rules(void)
{
    header(0, 0x10000, 1); /* big-endian kernel */
    CU_ASSERT_EQUAL(layout(0), -XEN_EINVAL);
    header(0x80002, 0x10000, 0); /* entry not 4-byte aligned */
    CU_ASSERT_EQUAL(layout(0), -XEN_EINVAL);
    header(0x80004, 0x10000, 0x8); /* bit 3: any 2 MiB aligned base; ours is */
    CU_ASSERT_EQUAL(layout(0), 0);
    /* A header cut short is no header: a raw binary. */
    header(0, 0x10000, 1);
    CU_ASSERT_EQUAL(kernel_image_layout(img, 60, 0, RAM, DTB, &l), 0);
    CU_ASSERT_FALSE(l.has_header);
}

int register_kernel_image_tests(void)
{
    CU_pSuite s = CU_add_suite("kernel_image", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_raw_and_plain);
    ADD_TEST(s, test_wrapping_fields);
    ADD_TEST(s, test_image_size_is_respected);
    ADD_TEST(s, test_header_rules);
    return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The arm64 Image header of a guest kernel (Linux
 * Documentation/arch/arm64/booting.rst) and the placement of kernel, ramdisk
 * and device tree in the guest's RAM. The module is not trusted: every sum is
 * checked for overflow before it is compared, and nothing is placed inside
 * the kernel's image_size, which covers its BSS and early page tables.
 * Also built for the host unit tests (no arch headers needed).
 */
#include <asm/kernel_image.h>
#include <xen/errno.h>

/*
 * Header, all fields little endian: code0 u32 @0, code1 u32 @4,
 * text_offset u64 @8, image_size u64 @16, flags u64 @24, res2-4 u64,
 * magic u32 @56 ("ARM\x64"), res5 u32 @60.
 */
#define IMAGE_HDR_LEN 64
#define IMAGE_TEXT_OFFSET 8
#define IMAGE_SIZE 16
#define IMAGE_FLAGS 24
#define IMAGE_MAGIC_AT 56
#define IMAGE_MAGIC 0x644d5241u
/* flags bit 0: kernel endianness, 1 = big endian (our vCPUs start little-endian). */
#define IMAGE_FLAG_BE 1u
/* Before Linux 3.17 image_size is 0 and text_offset of unknown endianness: it was 0x80000. */
#define IMAGE_LEGACY_TEXT_OFFSET 0x80000u

#define LAYOUT_PAGE 4096u

static uint64_t le_read(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    while (bytes--)
        v = (v << 8) | p[bytes];
    return v;
}

static int reject(struct kernel_layout *l, int rc, const char *why)
{
    l->why = why;
    return rc;
}

int kernel_image_layout(const uint8_t *img, uint64_t img_len, uint64_t ramdisk_len,
                        uint64_t ram_size, uint64_t dtb_size, struct kernel_layout *l)
{
    uint64_t below_dtb, kernel_end, rd_pages;

    l->has_header = false;
    l->text_offset = 0;
    l->image_size = 0;
    l->flags = 0;
    l->footprint = img_len;
    l->ramdisk_offset = 0;
    l->why = NULL;

    if (img_len >= IMAGE_HDR_LEN && le_read(img + IMAGE_MAGIC_AT, 4) == IMAGE_MAGIC) {
        l->has_header = true;
        l->text_offset = le_read(img + IMAGE_TEXT_OFFSET, 8);
        l->image_size = le_read(img + IMAGE_SIZE, 8);
        l->flags = le_read(img + IMAGE_FLAGS, 8);
        if (!l->image_size) {
            /* Neither text_offset nor flags can be trusted to mean anything. */
            l->text_offset = IMAGE_LEGACY_TEXT_OFFSET;
        } else {
            if (l->flags & IMAGE_FLAG_BE)
                return reject(l, -EINVAL, "big-endian kernel, but vCPUs start little-endian");
            /* The entry point is the image's first instruction: A64 code is 4-byte aligned. */
            if (l->text_offset & 3)
                return reject(l, -EINVAL, "text_offset is not a multiple of 4");
            /* image_size counts from the image's start, so it also covers the file. */
            if (l->image_size > l->footprint)
                l->footprint = l->image_size;
        }
    }

    /*
     * RAM from offset 0: [text_offset, +footprint) kernel, then the ramdisk
     * (page aligned, as high as it goes), then the device tree at the top.
     */
    if (dtb_size > ram_size)
        return reject(l, -E2BIG, "no room for the device tree");
    below_dtb = ram_size - dtb_size;
    l->dtb_offset = below_dtb;
    if (l->text_offset > below_dtb)
        return reject(l, l->has_header ? -EINVAL : -E2BIG,
                      "text_offset lies beyond the guest's RAM");
    if (l->footprint > below_dtb - l->text_offset)
        return reject(l, -E2BIG, "the kernel (image_size) does not fit below the device tree");
    if (!ramdisk_len)
        return 0;
    kernel_end = l->text_offset + l->footprint; /* <= below_dtb: no overflow */
    kernel_end = (kernel_end + LAYOUT_PAGE - 1) & ~(uint64_t)(LAYOUT_PAGE - 1);
    if (ramdisk_len > below_dtb || kernel_end > below_dtb)
        return reject(l, -E2BIG, "no room for the ramdisk above the kernel's image_size");
    rd_pages = (ramdisk_len + LAYOUT_PAGE - 1) & ~(uint64_t)(LAYOUT_PAGE - 1);
    if (rd_pages > below_dtb - kernel_end)
        return reject(l, -E2BIG, "no room for the ramdisk above the kernel's image_size");
    l->ramdisk_offset = below_dtb - rd_pages;
    return 0;
}

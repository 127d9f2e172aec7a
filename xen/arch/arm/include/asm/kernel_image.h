/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a guest kernel, its ramdisk and its device tree go in the guest's
 * RAM, from the kernel's arm64 Image header (Linux
 * Documentation/arch/arm64/booting.rst, "Call the kernel image"). The header
 * comes from a boot module, so every field is checked before it is used.
 */
#ifndef ASM_ARM_KERNEL_IMAGE_H
#define ASM_ARM_KERNEL_IMAGE_H

#include <xen/types.h>

/* The device tree goes in the last 64 KiB of guest RAM. */
#define GUEST_FDT_SIZE (64 * 1024)

/* Offsets from the start of guest RAM (which is 2 MiB aligned). */
struct kernel_layout {
    bool has_header;      /* an arm64 Image header was found */
    uint64_t text_offset; /* the kernel's first byte, also its entry point */
    uint64_t image_size;  /* as the header says (0: none or pre-3.17) */
    uint64_t flags;       /* as the header says */
    uint64_t footprint;   /* bytes from text_offset the kernel may use (BSS included) */
    uint64_t ramdisk_offset; /* page aligned, above the footprint; 0 without a ramdisk */
    uint64_t dtb_offset;  /* the last dtb_size bytes of RAM */
    const char *why;      /* on failure: what is wrong, for the message */
};

/*
 * Check the Image at img (img_len bytes, a boot module) and lay it out with
 * a ramdisk_len-byte ramdisk and a dtb_size-byte device tree in ram_size
 * bytes of RAM. An image without the header's magic is a raw binary run
 * from offset 0. 0, or -EINVAL (bad header) / -E2BIG (does not fit) with
 * l->why set. ram_size and dtb_size must be page multiples.
 */
int kernel_image_layout(const uint8_t *img, uint64_t img_len, uint64_t ramdisk_len,
                        uint64_t ram_size, uint64_t dtb_size, struct kernel_layout *l);

#endif /* ASM_ARM_KERNEL_IMAGE_H */

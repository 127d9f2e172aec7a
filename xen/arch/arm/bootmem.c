// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot allocator: RAM from the host device tree's memory banks, minus
 * what must not be touched (the hypervisor image, the DTB, every boot
 * module, and whatever was handed out before). The hypervisor's own pools
 * (page tables, stage-2 tables, live-patch payloads) come from here rather
 * than from .bss, so the Image header's image_size stays within the file
 * rounded up to 2 MiB and boot tooling that places the DTB right after the
 * file (Xen's ImageBuilder) does not overlap it. Guest RAM comes from here
 * too. Nothing is freed but the RAM of a guest whose creation failed
 * (boot_free_ram), so that the guests after it can have it: this is static
 * partitioning.
 */
#include <asm/setup.h>
#include <xen/lib.h>

static uint64_t ram_cursor; /* next guest RAM candidate */

void boot_reserve(uint64_t start, uint64_t size)
{
    if (bootinfo.nr_reserved == MAX_RESERVED)
        panic("too many reserved memory ranges");
    bootinfo.reserved[bootinfo.nr_reserved].start = start;
    bootinfo.reserved[bootinfo.nr_reserved].size = size;
    bootinfo.nr_reserved++;
}

int boot_range_clash(uint64_t pa, uint64_t size, bool own_entry)
{
    unsigned int i;
    bool in_ram = false;

    for (i = 0; i < bootinfo.nr_mem; i++)
        if (pa >= bootinfo.mem[i].start &&
            pa + size <= bootinfo.mem[i].start + bootinfo.mem[i].size)
            in_ram = true;
    if (!in_ram)
        return BOOT_RANGE_NOT_RAM;
    for (i = 0; i < bootinfo.nr_reserved; i++) {
        const struct memrange *r = &bootinfo.reserved[i];

        if (own_entry && i >= 2 && r->start == pa && r->size == size) {
            own_entry = false; /* its own entry, once */
            continue;
        }
        if (ranges_overlap(pa, size, r->start, r->size))
            return (int)i;
    }
    return BOOT_RANGE_OK;
}

/*
 * The lowest align-aligned range of size bytes at or above from, inside one
 * memory bank, that misses every reserved range; 0 if there is none. Not
 * reserved yet. Runs with the MMU off too (no locks, no printk).
 */
uint64_t boot_find_free(uint64_t from, uint64_t size, uint64_t align)
{
    unsigned int b, r;

    for (b = 0; b < bootinfo.nr_mem; b++) {
        uint64_t start = bootinfo.mem[b].start, end = start + bootinfo.mem[b].size;
        uint64_t pa = (MAX(start, from) + align - 1) & ~(align - 1);

        while (pa >= start && pa + size <= end && pa + size > pa) {
            bool clash = false;

            for (r = 0; r < bootinfo.nr_reserved; r++) {
                const struct memrange *m = &bootinfo.reserved[r];

                if (ranges_overlap(pa, size, m->start, m->size)) {
                    pa = (m->start + m->size + align - 1) & ~(align - 1);
                    clash = true;
                    break;
                }
            }
            if (!clash)
                return pa;
        }
    }
    return 0;
}

/* Page-aligned pool memory for the hypervisor, anywhere in RAM; 0 if none. */
uint64_t boot_alloc_pages(uint64_t size)
{
    uint64_t pa = boot_find_free(0, size, PAGE_SIZE);

    if (pa)
        boot_reserve(pa, size);
    return pa;
}

/*
 * Physically contiguous RAM for a guest: the lowest aligned free range above
 * the previous guest's. 0 on failure.
 */
uint64_t boot_alloc_ram(uint64_t size, uint64_t align)
{
    uint64_t pa = boot_find_free(ram_cursor, size, align);

    if (pa) {
        boot_reserve(pa, size);
        ram_cursor = pa + size;
    }
    return pa;
}

/*
 * Give back a range boot_alloc_ram() handed out (a guest whose creation
 * failed): it leaves the reserved list, and the next guest's search starts
 * there again if it was the last one handed out.
 */
void boot_free_ram(uint64_t pa, uint64_t size)
{
    unsigned int i;

    for (i = bootinfo.nr_reserved; i-- > 0;) {
        if (bootinfo.reserved[i].start != pa || bootinfo.reserved[i].size != size)
            continue;
        /* Later entries move down: the first two (hypervisor, DTB) keep their places. */
        for (; i + 1 < bootinfo.nr_reserved; i++)
            bootinfo.reserved[i] = bootinfo.reserved[i + 1];
        bootinfo.nr_reserved--;
        if (ram_cursor == pa + size)
            ram_cursor = pa;
        return;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's address space and its memory allocator.
 *
 * Everything is identity mapped (virtual = physical) below 4 GiB. RAM and
 * devices are mapped with 2 MiB pages, read-write and never executable; the
 * first 4 MiB, which hold the image, use 4 KiB pages so that .text is
 * read-only and executable, .rodata read-only, .data/.bss writable but not
 * executable (W^X), and page 0 is absent so a NULL dereference faults.
 *
 * Memory for guests, VMCSs and EPT tables comes from a bump allocator over
 * the largest free RAM range above the image, the modules and the boot
 * info. A static partitioner never frees except to undo a failed domain
 * creation (alloc_mark/alloc_release).
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/livepatch.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define MAPPED_LIMIT (4UL << 30)  /* identity map: the first 4 GiB */
#define SMALL_LIMIT (4UL << 20)   /* 4 KiB pages below this (the image) */
#define E820_RAM 1

static uint64_t l4[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l3[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l2[4][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l1[SMALL_LIMIT / LARGE_PAGE_SIZE][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

static uint64_t alloc_next, alloc_limit;

static uint64_t image_page_flags(uint64_t pa)
{
    if (pa == 0)
        return 0; /* not present: catches NULL */
    if (pa >= (uint64_t)_start && pa < (uint64_t)_etext)
        return _PAGE_PRESENT; /* text: read-only, executable */
    if (pa >= (uint64_t)_srodata && pa < (uint64_t)_erodata)
        return _PAGE_PRESENT | _PAGE_NX;
    return _PAGE_PRESENT | _PAGE_RW | _PAGE_NX;
}

static void build_page_tables(void)
{
    uint64_t i, j;

    l4[0] = (uint64_t)l3 | _PAGE_PRESENT | _PAGE_RW;
    for (i = 0; i < 4; i++) {
        l3[i] = (uint64_t)l2[i] | _PAGE_PRESENT | _PAGE_RW;
        for (j = 0; j < PT_ENTRIES; j++) {
            uint64_t pa = (i << L3_SHIFT) | (j << L2_SHIFT);

            l2[i][j] = pa | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_NX;
        }
    }
    for (i = 0; i < SMALL_LIMIT / LARGE_PAGE_SIZE; i++) {
        l2[0][i] = (uint64_t)l1[i] | _PAGE_PRESENT | _PAGE_RW;
        for (j = 0; j < PT_ENTRIES; j++) {
            uint64_t pa = (i << L2_SHIFT) | (j << L1_SHIFT);

            l1[i][j] = pa | image_page_flags(pa);
        }
    }
}

/* Count mappings that are both writable and executable: there must be none. */
static unsigned int count_wx(void)
{
    unsigned int i, j, n = 0;

    for (i = 0; i < 4; i++)
        for (j = 0; j < PT_ENTRIES; j++) {
            uint64_t e = l2[i][j];

            if ((e & _PAGE_PSE) && (e & _PAGE_RW) && !(e & _PAGE_NX))
                n++;
        }
    for (i = 0; i < SMALL_LIMIT / LARGE_PAGE_SIZE; i++)
        for (j = 0; j < PT_ENTRIES; j++) {
            uint64_t e = l1[i][j];

            if ((e & _PAGE_PRESENT) && (e & _PAGE_RW) && !(e & _PAGE_NX))
                n++;
        }
    return n;
}

static uint64_t str_end(const char *s)
{
    return s ? (uint64_t)s + strlen(s) + 1 : 0;
}

/* The lowest address the allocator may hand out. */
static uint64_t alloc_floor(void)
{
    uint64_t floor = MAX((uint64_t)_end, boot_info.info_end);
    unsigned int i;

    floor = MAX(floor, str_end(boot_info.cmdline));
    for (i = 0; i < boot_info.nr_modules; i++) {
        floor = MAX(floor, boot_info.mod[i].end);
        floor = MAX(floor, str_end(boot_info.mod[i].cmdline));
    }
    return (floor + LARGE_PAGE_SIZE - 1) & ~(LARGE_PAGE_SIZE - 1);
}

static void alloc_init(void)
{
    uint64_t floor = alloc_floor(), best = 0;
    unsigned int i;

    for (i = 0; i < boot_info.nr_memmap; i++) {
        const struct memmap_entry *m = &boot_info.memmap[i];
        uint64_t start = MAX(m->addr, floor), end = MIN(m->addr + m->size, MAPPED_LIMIT);

        if (m->type != E820_RAM || end <= start || end - start <= best)
            continue;
        best = end - start;
        alloc_next = start;
        alloc_limit = end;
    }
    printk("memory: %u map entries; allocating from %#llx-%#llx (%llu KiB)\n",
           boot_info.nr_memmap, (unsigned long long)alloc_next, (unsigned long long)alloc_limit,
           (unsigned long long)(best >> 10));
}

/*
 * Live patching (livepatch.c): set the permission flags of image pages
 * (the 4 KiB-mapped first 4 MiB). 0, or -1 for a range outside them.
 */
int mm_set_page_flags(uint64_t va, uint64_t size, uint64_t flags)
{
    uint64_t a;

    if (va + size > SMALL_LIMIT || va + size < va)
        return -1;
    for (a = va & ~(PAGE_SIZE - 1); a < va + size; a += PAGE_SIZE) {
        l1[a >> L2_SHIFT][PT_INDEX(a, L1_SHIFT)] = a | flags;
        __asm__ volatile("invlpg (%0)" : : "r"(a) : "memory");
    }
    return 0;
}

void mm_init(void)
{
    unsigned int wx;

    build_page_tables();
    wx = count_wx();
    write_cr0(read_cr0() | X86_CR0_WP); /* read-only applies to ring 0 too */
    write_cr3((unsigned long)l4);
    printk("paging: identity map of 4 GiB, image W^X (%u writable+executable mappings)\n", wx);
    alloc_init();
}

/* Zero whole pages with rep stosq: an emulator runs it far faster than a loop. */
static void clear_pages(void *p, uint64_t bytes)
{
    uint64_t count = bytes / 8;

    __asm__ volatile("rep stosq" : "+D"(p), "+c"(count) : "a"(0UL) : "memory");
}

void *alloc_pages(uint64_t bytes, uint64_t align)
{
    uint64_t start = (alloc_next + align - 1) & ~(align - 1);

    bytes = (bytes + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    if (!bytes || start < alloc_next || start > alloc_limit || bytes > alloc_limit - start)
        return NULL;
    alloc_next = start + bytes;
    clear_pages((void *)start, bytes);
    return (void *)start;
}

uint64_t alloc_mark(void)
{
    return alloc_next;
}

void alloc_release(uint64_t mark)
{
    alloc_next = mark;
}

uint64_t alloc_free_bytes(void)
{
    return alloc_limit - alloc_next;
}

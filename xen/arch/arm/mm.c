// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own stage-1 translation (EL2 regime, 4 KiB granule, 48-bit
 * VA, four levels: Arm ARM D8.2). Everything is mapped 1:1 so that the code
 * runs at the same addresses before and after the MMU is switched on. RAM is
 * Normal write-back and execute-never; the image is split by permission:
 * text read-only executable, rodata read-only, data and bss writable
 * execute-never. SCTLR_EL2.WXN backs this up in hardware.
 */
#include <asm/livepatch.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <xen/lib.h>
#include <xen/string.h>

/* Stage-1 descriptor bits (Arm ARM D8.3). */
#define PTE_VALID (1UL << 0)
#define PTE_TABLE (1UL << 1) /* table at levels 0-2, page at level 3 */
#define PTE_ATTR(idx) ((uint64_t)(idx) << 2)
#define PTE_AP1 (1UL << 6)   /* RES1 in the single-privilege EL2 regime */
#define PTE_RO (1UL << 7)    /* AP[2] */
#define PTE_SH_IS (3UL << 8)
#define PTE_AF (1UL << 10)
#define PTE_XN (1UL << 54)
#define PTE_ADDR_MASK 0x0000fffffffff000UL

#define PT_ENTRIES 512
#define PT_POOL_PAGES 96

#define MAP_NORMAL_RW (PTE_ATTR(MAIR_NORMAL_IDX) | PTE_AP1 | PTE_SH_IS | PTE_AF | PTE_XN)
#define MAP_NORMAL_RX (PTE_ATTR(MAIR_NORMAL_IDX) | PTE_AP1 | PTE_RO | PTE_SH_IS | PTE_AF)
#define MAP_NORMAL_RO (MAP_NORMAL_RW | PTE_RO)
#define MAP_DEVICE (PTE_ATTR(MAIR_DEVICE_IDX) | PTE_AP1 | PTE_AF | PTE_XN)

/* From the boot allocator, not .bss: see bootmem.c. */
static uint64_t (*pt_pool)[PT_ENTRIES];
static unsigned int pt_used;
static uint64_t *pt_root;

static uint64_t *pt_alloc(void)
{
    uint64_t *t;

    if (pt_used == PT_POOL_PAGES)
        panic("out of hypervisor page-table pages");
    /* Zeroed here: with the MMU off these are plain aligned stores. */
    t = pt_pool[pt_used++];
    memset(t, 0, PAGE_SIZE);
    return t;
}

static unsigned int pt_index(uint64_t va, unsigned int level)
{
    return (va >> (39 - 9 * level)) & (PT_ENTRIES - 1);
}

/*
 * Map [pa, pa + size) 1:1 with attributes attr. Entries that are already
 * valid are left alone, so the image can be mapped first with its own
 * permissions and RAM around it afterwards. Blocks (2 MiB at level 2, 1 GiB
 * at level 1) are used where alignment allows.
 */
static void map_range(uint64_t pa, uint64_t size, uint64_t attr)
{
    uint64_t end = pa + size;

    pa &= ~(PAGE_SIZE - 1);
    while (pa < end) {
        uint64_t *table = pt_root;
        unsigned int level;

        for (level = 0; level <= 3; level++) {
            uint64_t *e = &table[pt_index(pa, level)];
            uint64_t block = 1UL << (39 - 9 * level);

            if (level == 3) {
                if (!(*e & PTE_VALID))
                    *e = pa | attr | PTE_VALID | PTE_TABLE;
                pa += PAGE_SIZE;
                break;
            }
            if (level >= 1 && !(*e & PTE_VALID) && !(pa & (block - 1)) && pa + block <= end) {
                *e = pa | attr | PTE_VALID;
                pa += block;
                break;
            }
            if (!(*e & PTE_VALID))
                *e = (uint64_t)pt_alloc() | PTE_VALID | PTE_TABLE;
            else if (!(*e & PTE_TABLE)) {
                /* Already covered by a block: skip the rest of that block. */
                pa = (pa & ~(block - 1)) + block;
                break;
            }
            table = (uint64_t *)(*e & PTE_ADDR_MASK);
        }
    }
}

/* Level-3 entry for va, or NULL when va is unmapped or inside a block. */
static uint64_t *pte_of(uint64_t va, bool alloc)
{
    uint64_t *table = pt_root;
    unsigned int level;

    for (level = 0; level < 3; level++) {
        uint64_t *e = &table[pt_index(va, level)];

        if (!(*e & PTE_VALID)) {
            if (!alloc)
                return NULL;
            *e = (uint64_t)pt_alloc() | PTE_VALID | PTE_TABLE;
        } else if (!(*e & PTE_TABLE)) {
            return NULL;
        }
        table = (uint64_t *)(*e & PTE_ADDR_MASK);
    }
    return &table[pt_index(va, 3)];
}

static void tlb_flush_page(uint64_t va)
{
    dsb_ishst();
    __asm__ volatile("tlbi vae2is, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
    dsb_ish();
    isb();
}

void mm_map_pages(uint64_t pa, uint64_t size)
{
    uint64_t a;

    /* Chunks under 2 MiB can never become blocks. */
    for (a = 0; a < size; a += 1UL << 20)
        map_range(pa + a, MIN(1UL << 20, size - a), MAP_NORMAL_RW);
}

int mm_set_perm(uint64_t va, uint64_t size, enum mm_perm perm)
{
    static const uint64_t attr[] = {MAP_NORMAL_RX, MAP_NORMAL_RO, MAP_NORMAL_RW};
    uint64_t a;

    for (a = va & ~(PAGE_SIZE - 1); a < va + size; a += PAGE_SIZE) {
        uint64_t *e = pte_of(a, false);

        if (!e || !(*e & PTE_VALID))
            return -1;
        /* Only permissions change: no break-before-make needed (Arm ARM D8.16.1). */
        *e = (*e & PTE_ADDR_MASK) | attr[perm] | PTE_VALID | PTE_TABLE;
        tlb_flush_page(a);
    }
    return 0;
}

/* Far from RAM and devices, below the 48-bit limit of TTBR0_EL2. */
#define ALIAS_VA 0xff8000000000UL

void *mm_map_alias(uint64_t pa)
{
    uint64_t page = pa & ~(PAGE_SIZE - 1), i;

    for (i = 0; i < 2; i++) {
        uint64_t *e = pte_of(ALIAS_VA + i * PAGE_SIZE, true);

        *e = (page + i * PAGE_SIZE) | MAP_NORMAL_RW | PTE_VALID | PTE_TABLE;
        tlb_flush_page(ALIAS_VA + i * PAGE_SIZE);
    }
    return (void *)(ALIAS_VA + (pa - page));
}

void mm_unmap_alias(void)
{
    uint64_t i;

    for (i = 0; i < 2; i++) {
        *pte_of(ALIAS_VA + i * PAGE_SIZE, false) = 0;
        tlb_flush_page(ALIAS_VA + i * PAGE_SIZE);
    }
}

void mm_map_device(uint64_t pa, uint64_t size)
{
    map_range(pa, size, MAP_DEVICE);
    dsb_ishst();
    isb();
}

void flush_dcache_range(const void *p, size_t size)
{
    /* CTR_EL0.DminLine (D19.2.34): log2 of the smallest D-cache line in words. */
    uint64_t line = 4UL << ((READ_SYSREG(ctr_el0) >> 16) & 0xf);
    uint64_t a = (uint64_t)p & ~(line - 1);

    for (; a < (uint64_t)p + size; a += line)
        __asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
    dsb_sy();
}

/* Build the boot map: image by permission, then RAM, then the console. */
int mm_boot_map(void)
{
    unsigned int i;

    pt_pool = (uint64_t (*)[PT_ENTRIES])boot_alloc_pages(PT_POOL_PAGES * PAGE_SIZE);
    if (!pt_pool)
        return -1;
    pt_root = pt_alloc();
    /* Page by page, before the RAM around it, so live patching can make pages W^X. */
    if (livepatch_pool)
        mm_map_pages((uint64_t)livepatch_pool, LIVEPATCH_POOL_SIZE);
    map_range((uint64_t)_stext, _etext - _stext, MAP_NORMAL_RX);
    map_range((uint64_t)_srodata, _erodata - _srodata, MAP_NORMAL_RO);
    map_range((uint64_t)_sdata, _end - _sdata, MAP_NORMAL_RW);
    for (i = 0; i < bootinfo.nr_mem; i++)
        map_range(bootinfo.mem[i].start, bootinfo.mem[i].size, MAP_NORMAL_RW);
    if (bootinfo.uart_base)
        map_range(bootinfo.uart_base, PAGE_SIZE, MAP_DEVICE);
    if (bootinfo.gicd_size)
        map_range(bootinfo.gicd_base, bootinfo.gicd_size, MAP_DEVICE);
    if (bootinfo.gicr_size)
        map_range(bootinfo.gicr_base, bootinfo.gicr_size, MAP_DEVICE);
    return 0;
}

/* Invalidate [a, end) to the PoC: lines that must not shadow what was written with the MMU off. */
static void inval_dcache(uint64_t a, uint64_t end)
{
    for (a &= ~63UL; a < end; a += 64)
        __asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
}

/*
 * Switch this CPU's MMU on with the boot map. Called by every CPU; the boot
 * CPU wrote the tables and its data with the MMU off, so it invalidates stale
 * cache lines for them first (the loader cleaned the image to PoC, and
 * the table pages are RAM it cleaned before handing over). The
 * secondaries must not: by then the boot CPU has dirty lines there.
 */
void mm_enable_mmu(bool boot_cpu)
{
    uint64_t pa_range = READ_SYSREG(id_aa64mmfr0_el1) & 0xf;
    uint64_t tcr;

    if (pa_range > 5)
        pa_range = 5; /* 48 bits: 52-bit output needs FEAT_LPA descriptors */
    tcr = TCR_EL2_RES1 | TCR_T0SZ(48) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_IS |
          TCR_TG0_4K | (pa_range << TCR_PS_SHIFT);

    if (boot_cpu) {
        inval_dcache((uint64_t)__entry_start, (uint64_t)_end); /* what head.S moved too */
        inval_dcache((uint64_t)pt_pool, (uint64_t)pt_pool + pt_used * PAGE_SIZE);
        dsb_sy();
    }
    WRITE_SYSREG(mair_el2, MAIR_EL2_VALUE);
    WRITE_SYSREG(tcr_el2, tcr);
    WRITE_SYSREG(ttbr0_el2, (uint64_t)pt_root);
    isb();
    __asm__ volatile("tlbi alle2" : : : "memory");
    dsb_sy();
    isb();
    WRITE_SYSREG(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I | SCTLR_WXN);
    isb();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-2 translation of each guest (Arm ARM D8.2, 4 KiB granule): a 32-bit
 * IPA space (VTCR_EL2.T0SZ = 32) starting at level 1, so the root is one
 * 4-entry level-1 table. Only the guest's RAM is mapped; everything else it
 * touches faults to EL2, where emulated devices are recognised and anything
 * else crashes the domain.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

/* Stage-2 descriptor bits (Arm ARM D8.3.2, D8.6.5). */
#define S2_VALID (1UL << 0)
#define S2_TABLE (1UL << 1)      /* table at levels 1-2, page at level 3 */
#define S2_MEMATTR_NORMAL_WB (0xfUL << 2)
#define S2_AP_RW (3UL << 6)
#define S2_SH_IS (3UL << 8)
#define S2_AF (1UL << 10)
#define S2_RAM (S2_MEMATTR_NORMAL_WB | S2_AP_RW | S2_SH_IS | S2_AF | S2_VALID)
/*
 * A guest's device: MemAttr 0b0001 = Device-nGnRE (D8.6.5, stage 2
 * MemAttr[3:2] = 0b00 Device, [1:0] = 0b01 nGnRE), never executable
 * (XN[1:0] = 0b10, bits [54:53], D8.3.2: not at EL1 nor EL0).
 */
#define S2_MEMATTR_DEV_NGNRE (0x1UL << 2)
#define S2_XN (2UL << 53)
#define S2_DEV (S2_MEMATTR_DEV_NGNRE | S2_AP_RW | S2_AF | S2_XN | S2_VALID)
#define S2_ADDR_MASK 0x0000fffffffff000UL

#define P2M_POOL_PAGES 64
#define IPA_LIMIT (1UL << 32)

/* From the boot allocator, not .bss, so image_size stays small (bootmem.c). */
static uint64_t (*p2m_pool)[512];
/* Bit n: pool page n holds a table (a failed domain gives its tables back). */
static uint64_t p2m_used;

int p2m_pool_init(void)
{
    p2m_pool = (uint64_t (*)[512])boot_alloc_pages(P2M_POOL_PAGES * PAGE_SIZE);
    return p2m_pool ? 0 : -ENOMEM;
}

static uint64_t *p2m_alloc(void)
{
    unsigned int n;
    uint64_t *t;

    BUILD_BUG_ON(P2M_POOL_PAGES != 64);
    if (!p2m_pool || !~p2m_used)
        return NULL;
    n = (unsigned int)__builtin_ctzll(~p2m_used);
    p2m_used |= 1UL << n;
    t = p2m_pool[n];
    memset(t, 0, PAGE_SIZE);
    return t;
}

static void p2m_free(const uint64_t *t)
{
    p2m_used &= ~(1UL << (((uint64_t)t - (uint64_t)p2m_pool) / PAGE_SIZE));
}

/*
 * Give d's stage-2 tables back to the pool (its creation failed, before any
 * of its vCPUs ran: no CPU has walked them or cached what they say, so no
 * TLB maintenance is due). Level-1 entries are tables (p2m_map() makes no
 * 1 GiB blocks); a level-2 entry is a table or a 2 MiB block.
 */
void p2m_teardown(struct domain *d)
{
    uint64_t *root = d->arch.p2m_root;
    unsigned int i, j;

    if (!root)
        return;
    for (i = 0; i < IPA_LIMIT >> 30; i++) {
        uint64_t *l2;

        if (!(root[i] & S2_VALID))
            continue;
        l2 = (uint64_t *)(root[i] & S2_ADDR_MASK);
        for (j = 0; j < 512; j++)
            if ((l2[j] & (S2_VALID | S2_TABLE)) == (S2_VALID | S2_TABLE))
                p2m_free((const uint64_t *)(l2[j] & S2_ADDR_MASK));
        p2m_free(l2);
    }
    p2m_free(root);
    d->arch.p2m_root = NULL;
    d->arch.vttbr = 0;
}

unsigned int p2m_tables_used(void)
{
    uint64_t m = p2m_used;
    unsigned int n = 0;

    for (; m; m &= m - 1) /* no libgcc: __builtin_popcount would call it */
        n++;
    return n;
}

/* VTCR_EL2 is the same for every guest; set on each CPU before its first entry. */
void p2m_cpu_init(void);
void p2m_cpu_init(void)
{
    uint64_t ps = READ_SYSREG(id_aa64mmfr0_el1) & 0xf;

    if (ps > 5)
        ps = 5;
    WRITE_SYSREG(vtcr_el2, VTCR_RES1 | VTCR_T0SZ_32 | VTCR_SL0_L1 | VTCR_IRGN0_WBWA |
                               VTCR_ORGN0_WBWA | VTCR_SH0_IS | VTCR_TG0_4K | (ps << VTCR_PS_SHIFT));
    isb();
}

int p2m_init(struct domain *d)
{
    d->arch.p2m_root = p2m_alloc();
    if (!d->arch.p2m_root)
        return -ENOMEM;
    /* VMID = domain id (8-bit VMIDs: VTCR_EL2.VS = 0). */
    d->arch.vttbr = ((uint64_t)d->domain_id << 48) | (uint64_t)d->arch.p2m_root;
    return 0;
}

/*
 * Map [ipa, ipa + size) to pa with attributes attr: RAM with 2 MiB blocks
 * where aligned, a device with pages only (p2m_unmap() clears pages).
 */
static int p2m_map_attr(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size, uint64_t attr)
{
    uint64_t end = ipa + size;

    if (end > IPA_LIMIT || end < ipa || (ipa | pa | size) & (PAGE_SIZE - 1))
        return -EINVAL;
    while (ipa < end) {
        uint64_t *table = d->arch.p2m_root;
        unsigned int level;

        for (level = 1; level <= 3; level++) {
            uint64_t *e = &table[(ipa >> (39 - 9 * level)) & 511];
            uint64_t block = 1UL << (39 - 9 * level);

            if (level == 3) {
                *e = pa | attr | S2_TABLE;
                ipa += PAGE_SIZE;
                pa += PAGE_SIZE;
                break;
            }
            if (level == 2 && attr == S2_RAM && !(*e & S2_VALID) && !((ipa | pa) & (block - 1)) &&
                ipa + block <= end) {
                *e = pa | attr;
                ipa += block;
                pa += block;
                break;
            }
            if (!(*e & S2_VALID)) {
                uint64_t *t = p2m_alloc();

                if (!t)
                    return -ENOMEM;
                *e = (uint64_t)t | S2_VALID | S2_TABLE;
            }
            table = (uint64_t *)(*e & S2_ADDR_MASK);
        }
    }
    dsb_ishst();
    return 0;
}

int p2m_map(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size)
{
    return p2m_map_attr(d, ipa, pa, size, S2_RAM);
}

int p2m_map_device(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size)
{
    return p2m_map_attr(d, ipa, pa, size, S2_DEV);
}

/*
 * Unmap the pages of [ipa, ipa + size) that p2m_map_device() mapped, then
 * drop every CPU's TLB entries of d's VMID: TLBI VMALLS12E1IS (Arm ARM
 * C5.5) acts on the VMID in VTTBR_EL2, so this CPU takes d's for the
 * moment (EL2's own accesses do not use stage 2). A vCPU of d still running
 * elsewhere then faults on the range, and is crashed like any other access
 * to an unmapped IPA.
 */
void p2m_unmap(struct domain *d, uint64_t ipa, uint64_t size)
{
    uint64_t end = ipa + size, saved;

    if (!d->arch.p2m_root)
        return;
    for (; ipa < end && ipa < IPA_LIMIT; ipa += PAGE_SIZE) {
        uint64_t *table = d->arch.p2m_root;
        unsigned int level;

        for (level = 1; level <= 3; level++) {
            uint64_t *e = &table[(ipa >> (39 - 9 * level)) & 511];

            if (level == 3) {
                *e = 0;
                break;
            }
            if ((*e & (S2_VALID | S2_TABLE)) != (S2_VALID | S2_TABLE))
                break;
            table = (uint64_t *)(*e & S2_ADDR_MASK);
        }
    }
    dsb_ishst();
    saved = READ_SYSREG(vttbr_el2);
    WRITE_SYSREG(vttbr_el2, d->arch.vttbr);
    isb();
    __asm__ volatile("tlbi vmalls12e1is\n\tdsb ish" : : : "memory");
    WRITE_SYSREG(vttbr_el2, saved);
    isb();
}

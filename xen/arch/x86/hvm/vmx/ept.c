// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extended page tables: a domain's guest-physical space is exactly its RAM,
 * [0, ram_size), mapped read/write/execute and write-back onto the
 * contiguous block the allocator gave it. Every other guest-physical
 * address is absent, so touching it is an EPT violation (exit 48).
 */
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/page.h>
#include <asm/setup.h>

/* EPT entry bits (SDM Vol. 3C 29.3.2, tables 29-1 to 29-6). */
#define EPT_READ (1UL << 0)
#define EPT_WRITE (1UL << 1)
#define EPT_EXEC (1UL << 2)
#define EPT_RWX (EPT_READ | EPT_WRITE | EPT_EXEC)
#define EPT_MT_WB (6UL << 3)     /* leaf: memory type write-back */
#define EPT_LARGE (1UL << 7)     /* PDE: maps 2 MiB */
/* EPTP (25.6.11): memory type WB, page-walk length 4 (encoded as 3). */
#define EPTP_WB_WALK4 ((6UL << 0) | (3UL << 3))

/* The table below entry e[idx], allocated on first use. */
static uint64_t *ept_next(uint64_t *e, unsigned int idx)
{
    if (!e[idx]) {
        uint64_t *t = alloc_pages(PAGE_SIZE, PAGE_SIZE);

        if (!t)
            return NULL;
        e[idx] = (uint64_t)t | EPT_RWX;
    }
    return (uint64_t *)(e[idx] & PADDR_MASK);
}

static int ept_map(uint64_t *pml4, uint64_t gpa, uint64_t hpa, bool large)
{
    uint64_t *pdpt, *pd, *pt;

    pdpt = ept_next(pml4, PT_INDEX(gpa, L4_SHIFT));
    pd = pdpt ? ept_next(pdpt, PT_INDEX(gpa, L3_SHIFT)) : NULL;
    if (!pd)
        return -ENOMEM;
    if (large) {
        pd[PT_INDEX(gpa, L2_SHIFT)] = hpa | EPT_RWX | EPT_MT_WB | EPT_LARGE;
        return 0;
    }
    pt = ept_next(pd, PT_INDEX(gpa, L2_SHIFT));
    if (!pt)
        return -ENOMEM;
    pt[PT_INDEX(gpa, L1_SHIFT)] = hpa | EPT_RWX | EPT_MT_WB;
    return 0;
}

int ept_build(struct domain *d)
{
    uint64_t *pml4 = alloc_pages(PAGE_SIZE, PAGE_SIZE);
    uint64_t hpa = (uint64_t)d->ram_hva, off = 0;

    if (!pml4)
        return -ENOMEM;
    while (off < d->ram_size) {
        bool large = vmx_caps.ept_2m && !((hpa + off) & (LARGE_PAGE_SIZE - 1)) &&
                     !(off & (LARGE_PAGE_SIZE - 1)) && d->ram_size - off >= LARGE_PAGE_SIZE;

        if (ept_map(pml4, d->ram_gpa + off, hpa + off, large))
            return -ENOMEM;
        off += large ? LARGE_PAGE_SIZE : PAGE_SIZE;
    }
    d->arch.eptp = (uint64_t)pml4 | EPTP_WB_WALK4;
    return 0;
}

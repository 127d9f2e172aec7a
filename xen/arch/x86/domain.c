// SPDX-License-Identifier: GPL-2.0-only
/*
 * Domains on x86: contiguous RAM from the boot allocator at guest-physical
 * 0, an EPT that maps exactly that RAM, one VMCS per vCPU, and the
 * translation of guest virtual addresses for hypercall arguments.
 */
#include <xen/arch.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define GUEST_RAM_ALIGN LARGE_PAGE_SIZE

int pvh_load(struct domain *d, const struct x86_guest_image *img);


int arch_domain_create(struct domain *d, const struct domain_config *cfg)
{
    const struct x86_guest_image *img = cfg->arch;
    uint64_t mark = alloc_mark(), size;
    unsigned int i;
    int rc;

    if (!img)
        return -EINVAL;
    size = ((cfg->mem_kib << 10) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    if (cfg->mem_kib > (1UL << 30) >> 10 || size < 2 * PAGE_SIZE + PAGE_SIZE) {
        printk("d%u: %llu KiB of RAM is outside 12 KiB .. 1 GiB\n", d->domain_id,
               (unsigned long long)cfg->mem_kib);
        return -EINVAL;
    }
    d->ram_hva = alloc_pages(size, GUEST_RAM_ALIGN);
    if (!d->ram_hva) {
        printk("d%u: not enough memory for %llu KiB (%llu KiB free)\n", d->domain_id,
               (unsigned long long)cfg->mem_kib, (unsigned long long)(alloc_free_bytes() >> 10));
        return -ENOMEM;
    }
    d->ram_gpa = 0;
    d->ram_size = size;
    memset(&d->arch.uart, 0, sizeof(d->arch.uart));
    d->console.takes_input = true; /* console input reaches its COM1 (hvm/vuart.c) */

    rc = pvh_load(d, img);
    if (!rc)
        rc = ept_build(d);
    for (i = 0; !rc && i < d->nr_vcpus; i++) {
        rc = vmx_vcpu_create(&d->vcpu[i]);
        /* Placed by the common scheduler (shared round robin past one per CPU). */
        if (!rc)
            printk("d%u: vCPU %u pinned to CPU%u\n", d->domain_id, i, d->vcpu[i].pcpu);
    }
    if (rc) {
        while (i--)
            vmx_vcpu_destroy(&d->vcpu[i]);
        alloc_release(mark);
        d->ram_hva = NULL;
        d->ram_size = 0;
    }
    return rc;
}

/*
 * exitstats=1: the TSC ticks since the domain was built and its exits by
 * reason, one line, once: when it ends, or, for the last one, just before
 * the machine powers off (domain_shutdown() calls arch_system_off() first).
 */
void print_exit_stats(struct domain *d)
{
    char line[512];
    size_t n;
    unsigned int r;

    if (!d->arch.exit_stats)
        return;
    d->arch.exit_stats = false;
    n = (size_t)ksnprintf(line, sizeof(line), "d%u: %llu TSC ticks; VM exits by reason:",
                          d->domain_id, (unsigned long long)(rdtsc() - d->arch.start_tsc));
    for (r = 0; r < VMX_NR_EXIT_REASONS && n < sizeof(line); r++)
        if (d->arch.exits[r])
            n += (size_t)ksnprintf(line + n, sizeof(line) - n, " %u:%llu", r,
                                   (unsigned long long)d->arch.exits[r]);
    printk("%s\n", line);
}

/*
 * Its vCPUs become DEAD and their CPUs are kicked: each leaves its vCPU at
 * its next exit (this one too, once the exit that ended the domain is
 * handled) and never enters it again. Their VMCSs stay as they are: the
 * boot allocator never reuses the pages.
 */
void arch_domain_shutdown(struct domain *d)
{
    print_exit_stats(d);
    sched_domain_kill(d);
}

/* Read a page-table entry of the guest's own tables, or fail if it is not in its RAM. */
static int read_guest_pte(const struct domain *d, uint64_t gpa, unsigned int size, uint64_t *e)
{
    uint64_t off;

    if (gpa < d->ram_gpa || gpa - d->ram_gpa > d->ram_size - size)
        return -EFAULT;
    /*
     * The address comes from the guest's own tables and the entry read
     * here addresses the next read: bounded under speculation too, or a
     * mispredicted check would walk the hypervisor's memory for it.
     */
    off = array_index_nospec(gpa - d->ram_gpa, d->ram_size - size + 1);
    if (size == 8)
        memcpy(e, d->ram_hva + off, 8);
    else {
        uint32_t e32;

        memcpy(&e32, d->ram_hva + off, 4);
        *e = e32;
    }
    return 0;
}

/*
 * Walk the guest's tables as its CPU would (SDM Vol. 3A 4.3-4.5): 4-level
 * when EFER.LMA, PAE when CR4.PAE, otherwise 32-bit paging. Present bits
 * and, for stores, R/W bits are checked at each level (R/W only matters
 * when CR0.WP is set, as for the guest kernel itself).
 */
/* Caches are coherent with every memory type a guest can use (SDM Vol. 3A 11.3). */
void arch_guest_ram_written(struct vcpu *v, void *p, size_t len)
{
}

void arch_guest_ram_to_read(struct vcpu *v, const void *p, size_t len)
{
}

int arch_gva_to_gpa(struct vcpu *v, gvaddr_t gva, bool write, gpaddr_t *gpa)
{
    const struct domain *d = v->domain;
    unsigned long cr0, cr4, efer;
    uint64_t table, e = 0;
    unsigned int levels, shift, esize, i;
    bool check_rw;

    if (this_cpu()->loaded != v) /* its VMCS, hence its CR3, is not at hand */
        return -EFAULT;
    cr0 = vmread(GUEST_CR0);
    if (!(cr0 & X86_CR0_PG)) {
        *gpa = gva;
        return 0;
    }
    cr4 = vmread(GUEST_CR4);
    efer = vmread(GUEST_IA32_EFER);
    table = vmread(GUEST_CR3);
    check_rw = write && (cr0 & X86_CR0_WP);
    if (efer & EFER_LMA) {
        /* Canonical: bits 63:47 all equal. */
        if ((uint64_t)((int64_t)(gva << 16) >> 16) != gva)
            return -EFAULT;
        levels = 4, shift = L4_SHIFT, esize = 8;
        table &= PADDR_MASK;
    } else if (cr4 & X86_CR4_PAE) {
        if (gva >> 32)
            return -EFAULT;
        levels = 3, shift = L3_SHIFT, esize = 8;
        table &= 0xffffffe0UL;
    } else {
        if (gva >> 32)
            return -EFAULT;
        levels = 2, shift = 22, esize = 4;
        table &= 0xfffff000UL;
    }

    for (i = 0; i < levels; i++) {
        unsigned int bits = esize == 8 ? 9 : 10;
        uint64_t idx = (gva >> shift) & ((1UL << bits) - 1);
        bool pae_pdpte = levels == 3 && i == 0;

        if (levels == 3 && i == 0)
            idx = (gva >> 30) & 3;
        if (read_guest_pte(d, table + idx * esize, esize, &e) || !(e & _PAGE_PRESENT))
            return -EFAULT;
        /* PAE PDPTEs have no R/W bit (4.4.1). */
        if (check_rw && !pae_pdpte && !(e & _PAGE_RW))
            return -EFAULT;
        if (i + 1 < levels && !pae_pdpte && (e & _PAGE_PSE) &&
            (shift == L3_SHIFT || shift == L2_SHIFT || shift == 22)) {
            uint64_t base = esize == 8 ? e & PADDR_MASK : e & 0xffc00000UL;

            base &= ~((1UL << shift) - 1);
            *gpa = base | (gva & ((1UL << shift) - 1));
            return 0;
        }
        table = esize == 8 ? e & PADDR_MASK : e & 0xfffff000UL;
        shift -= bits;
    }
    *gpa = table | (gva & (PAGE_SIZE - 1));
    return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Domains on AArch64: contiguous RAM behind a stage-2 map, vCPUs pinned one
 * to one to physical CPUs, and entry into a guest kernel by the arm64 boot
 * protocol (EL1h, MMU off, interrupts masked, x0 = device tree).
 */
#include <asm/kernel_image.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <public/features.h>
#include <xen/arch.h>
#include <xen/errno.h>
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/string.h>

void p2m_cpu_init(void);

/*
 * Zero a guest's RAM fast: DC ZVA clears a whole block per instruction
 * (DCZID_EL0, Arm ARM D19.2.34), else 16 bytes per store. Boot time is
 * dominated by this, so the byte loop of memset() will not do.
 */
static void clear_ram(uint8_t *p, uint64_t size)
{
    uint64_t dczid = READ_SYSREG(dczid_el0);
    uint64_t block = 4UL << (dczid & 0xf);
    uint8_t *end = p + size;

    if (!(dczid & (1u << 4)) && !((uint64_t)p & (block - 1)) && !(size & (block - 1))) {
        for (; p < end; p += block)
            __asm__ volatile("dc zva, %0" : : "r"(p) : "memory");
        return;
    }
    for (; p < end; p += 16)
        __asm__ volatile("stp xzr, xzr, [%0]" : : "r"(p) : "memory");
}

/*
 * Undo a creation that failed once d's RAM was taken: its stage-2 tables go
 * back to the pool and its RAM to the boot allocator, for the guests after
 * it. Everything else of it lives in struct domain (vGIC and vPL011 state,
 * MMIO regions, console), which domain_create() clears with the slot; its
 * VMID is its domain id, free with the slot. None of its vCPUs ran, so no
 * CPU holds TLB entries of that VMID or cached lines of the RAM it did not
 * clean (the next owner's clear_ram() overwrites them through the cache).
 */
static void domain_release(struct domain *d, const struct guest_boot *gb, uint64_t pa,
                           uint64_t size, int rc)
{
    unsigned int tables = p2m_tables_used();

    p2m_teardown(d);
    if (!gb->static_pa)
        boot_free_ram(pa, size);
    d->ram_hva = NULL;
    d->ram_size = 0;
    printk("d%u: creation failed (error %d): RAM %#lx-%#lx and %u stage-2 tables released\n",
           d->domain_id, rc, (unsigned long)pa, (unsigned long)(pa + size - 1),
           tables - p2m_tables_used());
}

int arch_domain_create(struct domain *d, const struct domain_config *cfg)
{
    const struct guest_boot *gb = cfg->arch;
    uint64_t size, pa, initrd = 0;
    struct kernel_layout l;
    unsigned int i;
    int rc;

    /* mem_kib is checked before it is scaled, so that the product cannot wrap. */
    if (!gb || cfg->mem_kib > GUEST_RAM0_SIZE / 1024)
        return -EINVAL;
    size = cfg->mem_kib * 1024;
    if (size < 2 * GUEST_FDT_SIZE || (size & (PAGE_SIZE - 1)))
        return -EINVAL;
    /* dom0less.c has reported a module that fails here by name; this is the last line. */
    rc = kernel_image_layout((const uint8_t *)gb->kernel_pa, gb->kernel_size, gb->ramdisk_size,
                             size, GUEST_FDT_SIZE, &l);
    if (rc)
        return rc;

    /* Static memory (static_mem.c) is reserved for it already, and stays so if this fails. */
    pa = gb->static_pa ? gb->static_pa : boot_alloc_ram(size, 2UL << 20);
    if (!pa)
        return -ENOMEM;
    clear_ram((uint8_t *)pa, size);
    d->arch.map = gb->map;
    d->ram_gpa = gb->map.ram;
    d->ram_size = size;
    d->ram_hva = (uint8_t *)pa;
    d->arch.vpl011 = gb->vpl011;
    if (d->arch.vpl011)
        d->console.takes_input = true; /* console input reaches its vPL011 */
    vgic_domain_init(d);
    vpl011_init(d);
    rc = mmio_register_devices(d);
    if (!rc)
        rc = p2m_init(d);
    if (!rc)
        rc = p2m_map(d, d->ram_gpa, pa, size);
    if (!rc)
        rc = passthrough_map(d, &gb->pt);
    if (rc) {
        domain_release(d, gb, pa, size, rc);
        return rc;
    }

    memcpy(d->ram_hva + l.text_offset, (const void *)gb->kernel_pa, gb->kernel_size);
    d->arch.entry = d->ram_gpa + l.text_offset;
    d->arch.dtb = d->ram_gpa + l.dtb_offset;
    if (gb->ramdisk_size) {
        memcpy(d->ram_hva + l.ramdisk_offset, (const void *)gb->ramdisk_pa, gb->ramdisk_size);
        initrd = d->ram_gpa + l.ramdisk_offset;
    }
    rc = guest_fdt_build(d, gb, d->ram_hva + l.dtb_offset, GUEST_FDT_SIZE, initrd);
    if (rc) {
        domain_release(d, gb, pa, size, rc);
        return rc;
    }

    /*
     * The common scheduler placed each vCPU on its CPU (v->pcpu); vCPU 0
     * starts at the kernel once the domain is created.
     */
    for (i = 0; i < d->nr_vcpus; i++) {
        struct vcpu *v = &d->vcpu[i];

        v->arch.vmpidr = (1UL << 31) | i; /* bit 31 RES1; Aff0 = vCPU id */
        v->arch.start_pc = d->arch.entry;
        v->arch.start_x0 = d->arch.dtb;
        vgic_vcpu_init(v);
    }
    /* Last: nothing after this can fail, and no SPI is handed over to be taken back. */
    passthrough_route(d, &gb->pt);
    printk("d%u: RAM IPA %#lx-%#lx at PA %#lx, entry %#lx, DT %#lx\n", d->domain_id,
           (unsigned long)d->ram_gpa, (unsigned long)(d->ram_gpa + size - 1),
           (unsigned long)pa, (unsigned long)d->arch.entry, (unsigned long)d->arch.dtb);
    /* The guest's RAM now holds code: make it visible to an MMU-off guest. */
    flush_dcache_range(d->ram_hva, size);
    return 0;
}

/*
 * HCR_EL2 for v. WFI and WFE trap only where another vCPU may want the CPU:
 * on a CPU of its own (sched_vcpu_dedicated) the guest waits in hardware,
 * as with Xen's vwfi=native, and the interrupt that wakes it (its timer
 * through EL2, a kick, a live-patch rendezvous) is taken at EL2 as usual.
 * A guest waiting there holds the CPU no longer than a busy loop would.
 * Placement is fixed once the domains are built, so the value a vCPU's
 * context starts with (ctxt_reset) holds for its life.
 */
uint64_t vcpu_hcr(const struct vcpu *v)
{
    return sched_vcpu_dedicated(v) ? HCR_GUEST & ~(HCR_TWI | HCR_TWE) : HCR_GUEST;
}

/*
 * EL2 state a vCPU's first entry on its CPU needs beyond its own context
 * (context_switch.c has loaded that, reset, with VTTBR_EL2 and HCR_EL2): the
 * stage-2 controls, the debug/PMU traps, and no TLB or I-cache entries of
 * its VMID from before (a VMID of a failed creation, or this vCPU's previous
 * life before CPU_OFF).
 */
void vcpu_enter_fresh(struct vcpu *v)
{
    p2m_cpu_init();
    vsysreg_vcpu_traps();
    __asm__ volatile("tlbi vmalls12e1\n\tdsb nsh\n\tic iallu\n\tdsb nsh" : : : "memory");
    isb();
}

void vcpu_stop_current(void)
{
    struct vcpu *v = current;

    /* A guest can switch vCPUs off and on in a loop: within its log budget. */
    printk_guest(v->domain, "d%u: vCPU%u %s on CPU%u (switched out %lu times)\n",
                 v->domain->domain_id, v->vcpu_id, v->state == VCPU_OFFLINE ? "off" : "stopped",
                 v->pcpu, (unsigned long)v->arch.switches);
    /* Leave the guest's world: no stage 2, no traps of a guest that is gone. */
    WRITE_SYSREG(hcr_el2, HCR_RW);
    isb();
    gic_vcpu_stop();
    ctxt_drop(v);
    /*
     * Its domain ended: none of its vCPUs may run again. The last domain to
     * end powers the machine off without killing them (domain_shutdown()),
     * and a vCPU still RUNNING would be picked again by the idle loop and
     * stop again, over and over, while the machine waits for CPUs to idle.
     */
    if (v->domain->state != DOMAIN_RUNNING && v->state != VCPU_DEAD)
        sched_domain_kill(v->domain);
    cpu_idle_loop();
}

void vcpu_kick(struct vcpu *v)
{
    /* An interrupt for a vCPU blocked off its CPU makes it runnable (a no-op otherwise). */
    vcpu_wake(v);
    dsb_sy();
    if (v->pcpu != smp_processor_id())
        gic_send_sgi(v->pcpu, SGI_KICK);
    else if (v != current)
        sched_poke(); /* a vCPU of this CPU that is off it */
    sev();
}

void arch_domain_shutdown(struct domain *d)
{
    unsigned int i;

    /* Its devices go quiet before its vCPUs stop: no interrupt or access of theirs gets through. */
    passthrough_quiet(d);
    sched_domain_kill(d);
    for (i = 0; i < d->nr_vcpus; i++)
        vcpu_kick(&d->vcpu[i]); /* an idle CPU waiting in WFE wants the event too */
}

int arch_gva_to_gpa(struct vcpu *v, gvaddr_t gva, bool write, gpaddr_t *gpa)
{
    uint64_t saved, par;

    /* AT runs in this CPU's EL1 context, which is only v's while v is current. */
    if (v != current)
        return -EFAULT;
    saved = READ_SYSREG(par_el1);
    if (write)
        __asm__ volatile("at s1e1w, %0" : : "r"(gva) : "memory");
    else
        __asm__ volatile("at s1e1r, %0" : : "r"(gva) : "memory");
    isb();
    par = READ_SYSREG(par_el1);
    WRITE_SYSREG(par_el1, saved); /* PAR_EL1 is the guest's register */
    if (par & PAR_F)
        return -EFAULT;
    *gpa = (par & PAR_PA_MASK) | (gva & (PAGE_SIZE - 1));
    return 0;
}

/*
 * Whether v's data accesses may bypass the caches: its stage 1 or its data
 * cache is off (SCTLR_EL1.M/C, D19.2.118; Normal memory is then
 * Non-cacheable or Device). Only the running vCPU's SCTLR_EL1 is in the
 * register: for any other, assume the worst.
 */
static bool guest_caches_off(const struct vcpu *v)
{
    return v != current ||
           (READ_SYSREG(sctlr_el1) & (SCTLR_M | SCTLR_C)) != (SCTLR_M | SCTLR_C);
}

void arch_guest_ram_written(struct vcpu *v, void *p, size_t len)
{
    if (guest_caches_off(v))
        flush_dcache_range(p, len); /* clean to PoC: memory holds what we wrote */
}

void arch_guest_ram_to_read(struct vcpu *v, const void *p, size_t len)
{
    /* Drop lines our mapping may hold (speculative fills) over what the guest wrote. */
    if (guest_caches_off(v))
        flush_dcache_range(p, len);
}

void arch_vcpu_yield(struct vcpu *v)
{
    if (!sched_cpu_shared(v->pcpu)) {
        arch_cpu_relax(); /* nobody here to yield to */
        return;
    }
    vcpu_yield(v);
    sched_poke();
    /* The hypercall fast path leaves by the slow exit, which asks the scheduler. */
    __atomic_store_n(&v->arch.exit_work, 1, __ATOMIC_RELEASE);
}

void arch_vcpu_block(struct vcpu *v)
{
    /*
     * Alone on its CPU (the null policy), v waits where it is: WFI at EL2
     * wakes on a pending physical interrupt even though we mask them, and
     * nothing else would run meanwhile. Sharing, v blocks and the exit
     * path switches to another vCPU or to the idle loop.
     */
    if (!sched_cpu_shared(v->pcpu)) {
        if (!vgic_has_pending(v))
            wfi();
        /* What woke the CPU is pending at EL2: take it now, not on a second exit after eret. */
        gic_handle_irq(gic_ack());
        return;
    }
    /*
     * No interrupt is taken here once v is BLOCKED: its virtual timer may
     * fire now, and gic_handle_irq() gives that only to a RUNNING vCPU; the
     * level-triggered PPI, deactivated, would come back at once, for ever.
     * The exit path switches v out (its timer with it) first.
     */
    vcpu_block(v);
}

uint32_t arch_feature_bits(const struct domain *d)
{
    return 1u << XENFEAT_ARM_SMCCC_supported;
}

const char *arch_capabilities(void)
{
    return "xen-3.0-aarch64";
}

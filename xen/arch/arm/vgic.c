// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual GICv3 of each domain (Arm IHI 0069): an emulated distributor
 * with VGIC_NR_SPIS SPIs and one emulated redistributor per vCPU, complete
 * enough for Linux's irq-gic-v3 driver. Interrupts are delivered through the
 * CPU interface's list registers, so the guest acknowledges and ends them
 * with its own ICC_* system registers without trapping. Emulated devices
 * drive SPI lines (vgic_spi_level); a level-sensitive SPI is put in a list
 * register with the EOI maintenance bit, so its deactivation exits and the
 * line is sampled again.
 */
#include <asm/gic.h>
#include <asm/mmio.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/string.h>

#include "vgic_regs.h"

void vgic_domain_init(struct domain *d)
{
    struct vgic_dist *g = &d->arch.vgic;

    memset(g, 0, sizeof(*g));
    memset(g->prio, VGIC_DEFAULT_PRIO, sizeof(g->prio));
}

void vgic_vcpu_init(struct vcpu *v)
{
    v->arch.vppi_enabled = 0;
    v->arch.vppi_pending = 0;
    v->arch.vppi_icfgr1 = 0;
    v->arch.vgicr_waker = GICR_WAKER_PROCESSOR_SLEEP;
    v->arch.vppi_unpend = 0;
    v->arch.vppi_deact = 0;
    v->arch.vppi_act = 0;
    v->arch.vgic_resync = 0;
    v->arch.exit_work = 1; /* the first entry fills the list registers */
    memset(v->arch.vppi_prio, VGIC_DEFAULT_PRIO, sizeof(v->arch.vppi_prio));
}

struct vcpu *spi_target(struct domain *d, unsigned int n)
{
    uint64_t route = d->arch.vgic.route[n];
    unsigned int id = route & 0xff;

    if ((route & (1UL << 31)) || (route & 0xff00ffff00UL) || id >= d->nr_vcpus)
        id = 0;
    return &d->vcpu[id];
}

static bool spi_is_edge(const struct domain *d, unsigned int n)
{
    return d->arch.vgic.icfgr[n / 16] & (2u << (2 * (n % 16)));
}

/* note_work() for every vCPU of d, and a kick for those on other CPUs. */
void note_work_all(struct domain *d)
{
    unsigned int i;

    for (i = 0; i < d->nr_vcpus; i++) {
        note_work(&d->vcpu[i]);
        if (&d->vcpu[i] != current)
            vcpu_kick(&d->vcpu[i]);
    }
}

void vgic_inject(struct vcpu *v, unsigned int irq)
{
    if (irq >= 32)
        return;
    __atomic_fetch_or(&v->arch.vppi_pending, 1u << irq, __ATOMIC_RELEASE);
    note_work(v);
    if (v != current)
        vcpu_kick(v);
}

void vgic_inject_hw(struct vcpu *v, unsigned int irq)
{
    vgic_inject(v, irq);
}

/*
 * SPI irq of d is one of its devices' (passthrough.c): forwarded with the
 * HW bit from now on, edge or level as the hardware has it.
 */
void vgic_spi_forward(struct domain *d, unsigned int irq, bool edge)
{
    unsigned int n = irq - 32;

    if (irq < 32 || n >= VGIC_NR_SPIS)
        return;
    d->arch.vgic.hw |= 1u << n;
    if (edge)
        d->arch.vgic.icfgr[n / 16] |= 2u << (2 * (n % 16));
}

/*
 * The physical SPI irq of d's device fired (its priority dropped, still
 * active): pending in the vGIC until a list register takes it, with the
 * HW bit, so that the guest's deactivation ends the physical one too.
 */
void vgic_spi_hw(struct domain *d, unsigned int irq)
{
    unsigned int n = irq - 32;
    struct vcpu *t;

    if (irq < 32 || n >= VGIC_NR_SPIS)
        return;
    __atomic_fetch_or(&d->arch.vgic.pending, 1u << n, __ATOMIC_ACQ_REL);
    t = spi_target(d, n);
    note_work(t);
    if (t != current)
        vcpu_kick(t);
}

void vgic_spi_level(struct domain *d, unsigned int irq, bool level)
{
    unsigned int n = irq - 32;
    uint32_t bit = 1u << n;
    uint32_t old;

    if (irq < 32 || n >= VGIC_NR_SPIS)
        return;
    if (!level) {
        __atomic_fetch_and(&d->arch.vgic.level, ~bit, __ATOMIC_ACQ_REL);
        return;
    }
    old = __atomic_fetch_or(&d->arch.vgic.level, bit, __ATOMIC_ACQ_REL);
    if (spi_is_edge(d, n) && !(old & bit))
        __atomic_fetch_or(&d->arch.vgic.pending, bit, __ATOMIC_ACQ_REL);
    if (!(old & bit)) {
        struct vcpu *t = spi_target(d, n);

        note_work(t);
        if (t != current)
            vcpu_kick(t);
    }
}

/* Bit n set: INTID 32 + n is edge-triggered (GICD_ICFGR Int_config[1]). */
uint32_t spi_edge_mask(const struct vgic_dist *g)
{
    uint32_t mask = 0;
    unsigned int n;

    for (n = 0; n < VGIC_NR_SPIS; n++)
        if (g->icfgr[n / 16] & (2u << (2 * (n % 16))))
            mask |= 1u << n;
    return mask;
}

/* SPIs (bit n = INTID 32 + n) that want a list register on v. */
static uint32_t spis_for(struct vcpu *v)
{
    struct domain *d = v->domain;
    const struct vgic_dist *g = &d->arch.vgic;
    uint32_t want, mine = 0;

    if (!(g->ctlr & GICD_CTLR_ENABLE_G1))
        return 0;
    want = g->pending | g->level;
    if (!want)
        return 0;
    want = (g->pending | (g->level & ~spi_edge_mask(g))) & g->enabled;
    for (; want; want &= want - 1) {
        unsigned int n = __builtin_ctz(want);

        if (spi_target(d, n) == v)
            mine |= 1u << n;
    }
    return mine;
}

/* The list register holding irq (pending and/or active), or -1. */
static int lr_find(unsigned int irq)
{
    unsigned int i;

    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i);

        if ((lr & ICH_LR_STATE_MASK) && (lr & 0xffffffffUL) == irq)
            return (int)i;
    }
    return -1;
}

static int lr_free(void)
{
    unsigned int i;

    for (i = 0; i < gic_nr_lrs(); i++)
        if (!(gic_read_lr(i) & ICH_LR_STATE_MASK))
            return (int)i;
    return -1;
}

static uint8_t lr_prio(uint64_t lr)
{
    return (uint8_t)(lr >> ICH_LR_PRIO_SHIFT);
}

/*
 * Take a pending (not active) interrupt out of list register i and back to
 * the vGIC's pending state, from where a later flush puts it back. A level
 * SPI needs nothing: its line still says pending. A forwarded interrupt's
 * physical twin stays active meanwhile: the virtual one is still pending.
 */
static void lr_evict(struct vcpu *v, unsigned int i)
{
    struct domain *d = v->domain;
    uint64_t lr = gic_read_lr(i);
    unsigned int irq = lr & 0xffffffffUL;

    gic_write_lr(i, 0);
    if (irq < 32) {
        __atomic_fetch_or(&v->arch.vppi_pending, 1u << irq, __ATOMIC_ACQ_REL);
        note_work(v);
    } else if (irq - 32 < VGIC_NR_SPIS) {
        struct vcpu *t = spi_target(d, irq - 32);

        /* Edge and forwarded SPIs live in pending; a level line is still high. */
        if (spi_is_edge(d, irq - 32) || (d->arch.vgic.hw & (1u << (irq - 32))))
            __atomic_fetch_or(&d->arch.vgic.pending, 1u << (irq - 32), __ATOMIC_ACQ_REL);
        note_work(t);
        if (t != v) /* routed elsewhere meanwhile (IROUTER): its new vCPU takes it */
            vcpu_kick(t);
    }
}

/*
 * The list register to give up for an interrupt of priority prio: the
 * lowest-priority one that is only pending, if prio is strictly higher
 * (numerically lower). Active ones stay: the guest is handling them.
 */
static int lr_victim(uint8_t prio)
{
    unsigned int i;
    int victim = -1;
    uint8_t worst = prio;

    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i);

        if ((lr & ICH_LR_STATE_MASK) == ICH_LR_PENDING && lr_prio(lr) > worst) {
            worst = lr_prio(lr);
            victim = (int)i;
        }
    }
    return victim;
}

/*
 * The forwarded interrupt (the virtual timer) goes in with the HW bit, so
 * that the guest's deactivation deactivates the physical PPI too: that PPI
 * must be active then. It is when the timer fired; make it so when the
 * guest pended it (GICR_ISPENDR0) or made it active (GICR_ISACTIVER0).
 */
static uint64_t lr_hw_bits(unsigned int irq)
{
    if (!gic_ppi_active(irq))
        gic_ppi_set_active(irq, true);
    return ICH_LR_HW | ((uint64_t)irq << ICH_LR_PINTID_SHIFT);
}

/*
 * Put irq in a list register unless one already holds it: a free one, or
 * one a lower-priority pending interrupt gives up (lr_evict: *evicted set).
 * Returns false when neither exists.
 */
static bool lr_place(struct vcpu *v, unsigned int irq, uint8_t prio, bool level_spi, bool *held,
                     bool *evicted)
{
    int i = lr_find(irq);
    uint64_t lr;

    *held = i >= 0;
    if (i >= 0) {
        lr = gic_read_lr((unsigned int)i);
        /* An edge interrupt that came again while active: pending and active. */
        if (!level_spi && !(lr & ICH_LR_HW) && (lr & ICH_LR_STATE_MASK) == ICH_LR_ACTIVE)
            gic_write_lr((unsigned int)i, lr | ICH_LR_PENDING);
        return true;
    }
    i = lr_free();
    if (i < 0) {
        i = lr_victim(prio);
        if (i < 0)
            return false;
        lr_evict(v, (unsigned int)i);
        *evicted = true;
    }
    lr = irq | ICH_LR_GROUP1 | ICH_LR_PENDING | ((uint64_t)prio << ICH_LR_PRIO_SHIFT);
    if (irq == bootinfo.timer_ppi_virt)
        lr |= lr_hw_bits(irq);
    else if (irq >= 32 && (v->domain->arch.vgic.hw & (1u << (irq - 32))))
        lr |= ICH_LR_HW | ((uint64_t)irq << ICH_LR_PINTID_SHIFT); /* active since it fired */
    else if (level_spi)
        lr |= ICH_LR_EOI;
    gic_write_lr((unsigned int)i, lr);
    return true;
}

/* Ask v's CPU to look at v's list registers again (vgic_flush, lr_sync). */
void vgic_resync(struct vcpu *t)
{
    __atomic_store_n(&t->arch.vgic_resync, 1, __ATOMIC_RELEASE);
    note_work(t);
    if (t != current)
        vcpu_kick(t);
}

/* After GICD writes that may concern an SPI in any vCPU's list registers. */
void vgic_resync_all(struct domain *d)
{
    unsigned int i;

    for (i = 0; i < d->nr_vcpus; i++)
        vgic_resync(&d->vcpu[i]);
}

/* Whether a pending-only list register still belongs there: enabled, routed to v. */
static bool lr_still_wanted(struct vcpu *v, unsigned int irq)
{
    const struct vgic_dist *g = &v->domain->arch.vgic;

    if (irq < 32)
        return v->arch.vppi_enabled & (1u << irq);
    irq -= 32;
    return irq < VGIC_NR_SPIS && (g->ctlr & GICD_CTLR_ENABLE_G1) && (g->enabled & (1u << irq)) &&
           spi_target(v->domain, irq) == v;
}

static uint8_t irq_prio(struct vcpu *v, unsigned int irq)
{
    if (irq < 32)
        return v->arch.vppi_prio[irq];
    return v->domain->arch.vgic.prio[array_index_nospec(irq - 32, VGIC_NR_SPIS)];
}

/*
 * The forwarded interrupt's physical PPI is active exactly while the virtual
 * one is pending or active. When the guest ended the virtual one some other
 * way than deactivating it through the HW list register (GICR_ICPENDR0 or
 * GICR_ICACTIVER0), deactivate the physical one here, or the timer never
 * fires again. If the timer condition still holds, the PPI fires at once
 * and the virtual interrupt is pending again, as for any level interrupt.
 */
static void vtimer_hw_sync(struct vcpu *v)
{
    unsigned int irq = bootinfo.timer_ppi_virt;

    if (!(v->arch.vppi_pending & (1u << irq)) && lr_find(irq) < 0 && gic_ppi_active(irq))
        gic_ppi_set_active(irq, false);
}

/*
 * Apply what the guest changed since v last ran its list registers:
 * ICPENDR0/ICACTIVER0/ISACTIVER0 on SGIs and PPIs, and for every pending
 * list register its enable, priority and routing. Group changes need
 * nothing: every interrupt is Group 1 (IGROUPR is RAO/WI).
 */
static void lr_sync(struct vcpu *v)
{
    uint32_t unpend = __atomic_exchange_n(&v->arch.vppi_unpend, 0, __ATOMIC_ACQ_REL);
    uint32_t deact = __atomic_exchange_n(&v->arch.vppi_deact, 0, __ATOMIC_ACQ_REL);
    uint32_t act = __atomic_exchange_n(&v->arch.vppi_act, 0, __ATOMIC_ACQ_REL);
    unsigned int i;

    __atomic_store_n(&v->arch.vgic_resync, 0, __ATOMIC_RELEASE);
    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i), old = lr;
        unsigned int irq = lr & 0xffffffffUL;
        uint32_t bit = irq < 32 ? 1u << irq : 0;

        if (!(lr & ICH_LR_STATE_MASK))
            continue;
        if (unpend & bit)
            lr &= ~ICH_LR_PENDING;
        if (deact & bit)
            lr &= ~ICH_LR_ACTIVE;
        if (act & bit) {
            lr |= ICH_LR_ACTIVE;
            act &= ~bit;
        }
        if ((lr & ICH_LR_STATE_MASK) == ICH_LR_PENDING) {
            if (!lr_still_wanted(v, irq)) {
                lr_evict(v, i);
                continue;
            }
            lr = (lr & ~(0xffUL << ICH_LR_PRIO_SHIFT)) |
                 ((uint64_t)irq_prio(v, irq) << ICH_LR_PRIO_SHIFT);
        }
        if (!(lr & ICH_LR_STATE_MASK))
            lr = 0;
        if (lr != old)
            gic_write_lr(i, lr);
    }
    /* Made active while in no list register: one of its own, if one can be had. */
    for (; act; act &= act - 1) {
        unsigned int irq = __builtin_ctz(act);
        int n = lr_free();
        uint64_t lr;

        if (n < 0)
            n = lr_victim(0xff);
        if (n < 0)
            break; /* every LR active: ignored, like a write the GIC could not hold */
        if (gic_read_lr((unsigned int)n) & ICH_LR_STATE_MASK)
            lr_evict(v, (unsigned int)n);
        lr = irq | ICH_LR_GROUP1 | ICH_LR_ACTIVE | ((uint64_t)v->arch.vppi_prio[irq] << ICH_LR_PRIO_SHIFT);
        if (irq == bootinfo.timer_ppi_virt)
            lr |= lr_hw_bits(irq);
        gic_write_lr((unsigned int)n, lr);
    }
    vtimer_hw_sync(v);
}

/*
 * Move enabled pending interrupts into list registers (on v's CPU), evicting
 * lower-priority pending ones when all are in use. When some still do not
 * fit, or one was evicted, ask for the maintenance interrupt
 * (ICH_HCR_EL2.UIE): it fires once the guest has drained the list
 * registers, and its trap exit comes back here.
 */
void vgic_flush(struct vcpu *v)
{
    uint32_t ppis, spis;
    struct domain *d = v->domain;
    bool full = false, held;

    /* Cleared before the state is read: a change made after this sets it again. */
    __atomic_exchange_n(&v->arch.exit_work, 0, __ATOMIC_ACQ_REL);
    if (__atomic_load_n(&v->arch.vgic_resync, __ATOMIC_ACQUIRE))
        lr_sync(v);
    ppis = v->arch.vppi_pending & v->arch.vppi_enabled;
    spis = spis_for(v);
    if (!ppis && !spis) /* the common case on every trap exit */
        return;
    for (; ppis; ppis &= ppis - 1) {
        unsigned int irq = __builtin_ctz(ppis);

        if (!lr_place(v, irq, v->arch.vppi_prio[irq], false, &held, &full)) {
            full = true;
            continue;
        }
        __atomic_fetch_and(&v->arch.vppi_pending, ~(1u << irq), __ATOMIC_ACQ_REL);
    }
    for (; spis; spis &= spis - 1) {
        unsigned int n = __builtin_ctz(spis);
        /* A forwarded SPI is pending-based like an edge one: its line is the hardware's. */
        bool level = !spi_is_edge(d, n) && !(d->arch.vgic.hw & (1u << n));

        if (!lr_place(v, 32 + n, d->arch.vgic.prio[n], level, &held, &full)) {
            full = true;
            continue;
        }
        if (!held || !level)
            __atomic_fetch_and(&d->arch.vgic.pending, ~(1u << n), __ATOMIC_ACQ_REL);
    }
    WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN | (full ? ICH_HCR_UIE : 0));
    isb();
}

/*
 * The short cut of the exit paths (traps.c): put irq, an SGI or PPI of the
 * running vCPU v, straight into a free list register when that is all
 * vgic_flush() would do: nothing else changed for v since its last flush
 * (exit_work clear), the guest enabled irq, irq is neither queued
 * (vppi_pending) nor in a list register already, and one is empty
 * (gic_lr_free_for). hw: the HW bits of a forwarded interrupt, whose physical
 * twin the caller has just acknowledged (so it is active, as lr_hw_bits()
 * would make it). false: nothing was done; the caller takes the general
 * path (vgic_inject, then vgic_flush on the way out).
 */
static bool lr_place_fast(struct vcpu *v, unsigned int irq, uint64_t hw)
{
    uint32_t bit = 1u << irq;
    int i;

    if (__atomic_load_n(&v->arch.exit_work, __ATOMIC_ACQUIRE) ||
        !(v->arch.vppi_enabled & bit) || (v->arch.vppi_pending & bit))
        return false;
    i = gic_lr_free_for(irq);
    if (i < 0)
        return false;
    gic_write_lr((unsigned int)i, irq | ICH_LR_GROUP1 | ICH_LR_PENDING |
                                      ((uint64_t)v->arch.vppi_prio[irq] << ICH_LR_PRIO_SHIFT) | hw);
    return true;
}

bool vgic_inject_fast(struct vcpu *v, unsigned int irq)
{
    return irq < 32 && lr_place_fast(v, irq, 0);
}

bool vgic_inject_hw_fast(struct vcpu *v, unsigned int irq)
{
    return irq < 32 && lr_place_fast(v, irq, ICH_LR_HW | ((uint64_t)irq << ICH_LR_PINTID_SHIFT));
}

/*
 * The same short cut for a forwarded SPI (passthrough_irq()): irq, INTID
 * 32 + n of d's device, goes straight into a free list register of the
 * running vCPU v with the HW bit when vgic_flush() would put it there and
 * do nothing else: v is the SPI's target and nothing else changed for it
 * (exit_work clear), the guest's distributor and the SPI are enabled, and
 * it is not pending in the vGIC or in a list register already. false:
 * nothing was done; the caller takes vgic_spi_hw().
 */
bool vgic_spi_hw_fast(struct vcpu *v, struct domain *d, unsigned int irq)
{
    const struct vgic_dist *g = &d->arch.vgic;
    unsigned int n = irq - 32;
    uint32_t bit = 1u << n;
    int i;

    if (v->domain != d || n >= VGIC_NR_SPIS || v->state != VCPU_RUNNING ||
        __atomic_load_n(&v->arch.exit_work, __ATOMIC_ACQUIRE) ||
        !(g->ctlr & GICD_CTLR_ENABLE_G1) || !(g->enabled & bit & g->hw) ||
        (g->pending & bit) || spi_target(d, n) != v)
        return false;
    i = gic_lr_free_for(irq);
    if (i < 0)
        return false;
    gic_write_lr((unsigned int)i, irq | ICH_LR_GROUP1 | ICH_LR_PENDING | ICH_LR_HW |
                                      ((uint64_t)g->prio[n] << ICH_LR_PRIO_SHIFT) |
                                      ((uint64_t)irq << ICH_LR_PINTID_SHIFT));
    return true;
}

/* Physical maintenance interrupt: free list registers the guest deactivated. */
void vgic_maintenance(void)
{
    unsigned int i;

    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i);

        if (lr && !(lr & ICH_LR_STATE_MASK))
            gic_write_lr(i, 0);
    }
    if (current)
        note_work(current);
    WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN); /* UIE off: the trap exit refills */
    isb();
}

/* List register i of v: in the CPU while v's state is loaded, else saved (context_switch.c). */
static uint64_t vcpu_lr(const struct vcpu *v, bool loaded, unsigned int i)
{
    return loaded ? gic_read_lr(i) : v->arch.ctxt.lr[i];
}

bool vgic_has_pending(struct vcpu *v)
{
    uint32_t spis = spis_for(v), held = 0;
    bool loaded = vcpu_is_loaded(v);
    unsigned int i;

    if (v->arch.vppi_pending & v->arch.vppi_enabled)
        return true;
    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = vcpu_lr(v, loaded, i);
        uint64_t irq = lr & 0xffffffffUL;

        if ((lr & ICH_LR_STATE_MASK) == ICH_LR_PENDING)
            return true;
        if ((lr & ICH_LR_STATE_MASK) && irq >= 32 && irq < 32 + VGIC_NR_SPIS)
            held |= 1u << (irq - 32);
    }
    /* An SPI that wants v and is in none of its list registers yet. */
    return (spis & ~held) != 0;
}

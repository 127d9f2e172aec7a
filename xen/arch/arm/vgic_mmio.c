// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual GICv3's distributor and redistributor registers (Arm IHI
 * 0069, 12.9 and 12.10): what the guest's GIC driver reads and writes to
 * configure its interrupts. Configuration, on no measured path, so this file
 * is built -Os; delivery through the list registers is in vgic.c.
 */
#include <asm/gic.h>
#include <asm/mmio.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/string.h>

#include "vgic_regs.h"

/*
 * Active (state ICH_LR_ACTIVE) or pending (ICH_LR_PENDING) state held in
 * list registers, as the guest would read it: only v's own CPU can tell.
 */
static uint32_t lr_state_bits(unsigned int base, uint64_t state)
{
    uint32_t bits = 0;
    unsigned int i;

    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i);
        uint64_t irq = lr & 0xffffffffUL;

        if ((lr & state) && irq >= base && irq < base + 32)
            bits |= 1u << (irq - base);
    }
    return bits;
}

/* size 0: an unknown register; else a known one accessed with a size it does not offer. */
static void log_ignored(struct vcpu *v, const char *frame, uint64_t off, bool write,
                        unsigned int size)
{
    struct domain *d = v->domain;
    unsigned int n = __atomic_fetch_add(&d->arch.vgic.unknown_logged, 1, __ATOMIC_RELAXED);
    const char *more = n + 1 == VGIC_LOG_LIMIT ? "; further ones not logged" : "";

    if (n >= VGIC_LOG_LIMIT)
        return;
    if (!size)
        printk("d%u: vGIC: %s of unknown %s register %#lx ignored (RAZ/WI)%s\n", d->domain_id,
               write ? "write" : "read", frame, (unsigned long)off, more);
    else
        printk("d%u: vGIC: %u-byte %s of %s register %#lx ignored (RAZ/WI: size not offered)%s\n",
               d->domain_id, size, write ? "write" : "read", frame, (unsigned long)off, more);
}

/*
 * Byte-wide priority registers (nr entries), accessed a byte or a word at a
 * time; first + len <= nr is checked by the caller, first comes from the guest.
 */
static uint64_t prio_read(const uint8_t *prio, unsigned int nr, unsigned int first,
                          unsigned int len)
{
    uint64_t val = 0;
    unsigned int i;

    for (i = 0; i < len; i++)
        val |= (uint64_t)prio[array_index_nospec(first + i, nr)] << (8 * i);
    return val;
}

static void prio_write(uint8_t *prio, unsigned int nr, unsigned int first, unsigned int len,
                       uint64_t val)
{
    unsigned int i;

    for (i = 0; i < len; i++)
        prio[array_index_nospec(first + i, nr)] = (uint8_t)(val >> (8 * i));
}

/* Set (set = true) or clear bits of a 32-bit state word. */
static void bits_update(volatile uint32_t *word, uint32_t bits, bool set)
{
    if (set)
        __atomic_fetch_or(word, bits, __ATOMIC_ACQ_REL);
    else
        __atomic_fetch_and(word, ~bits, __ATOMIC_ACQ_REL);
}

static bool vgicd_read(struct vcpu *v, uint64_t off, unsigned int len, uint64_t *val)
{
    struct vgic_dist *g = &v->domain->arch.vgic;

    if (off >= GICD_IPRIORITYR + 32 && off + len <= GICD_IPRIORITYR + 32 + VGIC_NR_SPIS) {
        *val = prio_read(g->prio, VGIC_NR_SPIS, off - GICD_IPRIORITYR - 32, len);
        return true;
    }
    if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * (32 + VGIC_NR_SPIS)) {
        uint64_t r = g->route[array_index_nospec((off - GICD_IROUTER) / 8 - 32, VGIC_NR_SPIS)];

        *val = (off & 4) ? r >> 32 : r;
        return true;
    }
    switch (off) {
    case GICD_CTLR:
        *val = g->ctlr | GICD_CTLR_ARE; /* ARE_NS is RAO: affinity routing only */
        return true;
    case GICD_TYPER:
        /* IDbits [23:19] = 9 (10 INTID bits), ITLinesNumber [4:0]: 32 * (N + 1) INTIDs. */
        *val = (9u << 19) | ((32 + VGIC_NR_SPIS) / 32 - 1);
        return true;
    case GICD_IIDR:
        *val = VGIC_IIDR;
        return true;
    case GICD_PIDR2:
        *val = VGIC_PIDR2;
        return true;
    case GICD_IGROUPR + 4:
        *val = 0xffffffffu; /* every SPI is Group 1 */
        return true;
    case GICD_ISENABLER + 4:
    case GICD_ICENABLER + 4:
        *val = g->enabled;
        return true;
    case GICD_ISPENDR + 4:
    case GICD_ICPENDR + 4:
        *val = g->pending | (g->level & ~spi_edge_mask(g));
        return true;
    case GICD_ISACTIVER + 4:
    case GICD_ICACTIVER + 4:
        *val = lr_state_bits(32, ICH_LR_ACTIVE);
        return true;
    case GICD_ICFGR + 8:
    case GICD_ICFGR + 12:
        *val = g->icfgr[(off - GICD_ICFGR) / 4 - 2];
        return true;
    }
    /* Known registers that read as zero here: the banked SGI/PPI words (ARE), TYPER2, ... */
    if (off == GICD_TYPER2 || off == 0x10 || (off >= 0x40 && off < 0x60) ||
        (off >= GICD_IGROUPR && off < GICD_IGROUPR + 0x80) ||
        (off >= GICD_ISENABLER && off < GICD_ICACTIVER + 0x80) ||
        (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) ||
        (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) ||
        (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) ||
        (off >= GICD_IGRPMODR && off < GICD_NSACR + 0x100) ||
        (off >= GICD_IROUTER && off < GICD_IROUTER + 0x2000) || (off >= 0xffd0)) {
        *val = 0;
        return true;
    }
    return false;
}

/*
 * The guest's own SPIs (vgic_dist.hw) follow its GICD writes on the
 * physical distributor; every other bit of its write stays virtual.
 * Enable and priority go through as written, routing to the physical CPU
 * of the vCPU it names, and edge or level only where the hardware lets the
 * configuration change (the virtual bit then says what it kept).
 */
static void hw_enable(struct domain *d, uint32_t bits, bool on)
{
    for (bits &= d->arch.vgic.hw; bits; bits &= bits - 1)
        gic_spi_enable(32 + __builtin_ctz(bits), on);
}

static void hw_prio(struct domain *d, unsigned int first, unsigned int len)
{
    unsigned int n;

    for (n = first; n < first + len && n < VGIC_NR_SPIS; n++) {
        unsigned int i = array_index_nospec(n, VGIC_NR_SPIS); /* first is the guest's */

        if (d->arch.vgic.hw & (1u << i))
            gic_spi_set_prio(32 + i, d->arch.vgic.prio[i]);
    }
}

static void hw_route(struct domain *d, unsigned int n)
{
    if (d->arch.vgic.hw & (1u << n))
        gic_route_spi_to(32 + n, bootinfo.cpu_mpidr[spi_target(d, n)->pcpu]);
}

/*
 * GICD_ICPENDR of a forwarded SPI: one waiting in the vGIC (not yet in a
 * list register) holds its physical twin active, which must end, or the
 * device's interrupt never comes again. One in a list register is ended
 * by the guest's deactivation as usual.
 */
static void hw_unpend(struct domain *d, uint32_t bits)
{
    uint32_t was;

    bits &= d->arch.vgic.hw;
    if (!bits)
        return;
    was = __atomic_fetch_and(&d->arch.vgic.pending, ~bits, __ATOMIC_ACQ_REL) & bits;
    for (; bits; bits &= bits - 1) {
        unsigned int irq = 32 + __builtin_ctz(bits);

        gic_spi_pend(irq, false);
        if (was & (1u << (irq - 32)))
            gic_spi_deactivate(irq);
    }
}

/*
 * GICD_ICFGR word (0 or 1 here: INTIDs 32..63): Int_config[1] (edge) is kept
 * for virtual SPIs; a forwarded SPI keeps what the hardware accepted.
 */
static void icfgr_write(struct domain *d, unsigned int word, uint32_t w)
{
    uint32_t *cfg = &d->arch.vgic.icfgr[word];
    unsigned int i;

    for (i = 0; i < 16; i++) {
        unsigned int n = 16 * word + i;
        uint32_t bit = 2u << (2 * i);
        bool edge = w & bit;

        if (n < VGIC_NR_SPIS && (d->arch.vgic.hw & (1u << n)))
            edge = gic_spi_set_edge(32 + n, edge);
        *cfg = edge ? *cfg | bit : *cfg & ~bit;
    }
}

static bool vgicd_write(struct vcpu *v, uint64_t off, unsigned int len, uint64_t val)
{
    struct domain *d = v->domain;
    struct vgic_dist *g = &d->arch.vgic;
    uint32_t w = (uint32_t)val;

    if (off >= GICD_IPRIORITYR + 32 && off + len <= GICD_IPRIORITYR + 32 + VGIC_NR_SPIS) {
        prio_write(g->prio, VGIC_NR_SPIS, off - GICD_IPRIORITYR - 32, len, val);
        hw_prio(d, off - GICD_IPRIORITYR - 32, len);
        vgic_resync_all(d);
        return true;
    }
    if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * (32 + VGIC_NR_SPIS)) {
        unsigned int n = array_index_nospec((off - GICD_IROUTER) / 8 - 32, VGIC_NR_SPIS);
        uint64_t *r = &g->route[n];

        if (len == 8)
            *r = val;
        else if (off & 4)
            *r = (*r & 0xffffffffUL) | (val << 32);
        else
            *r = (*r & ~0xffffffffUL) | (val & 0xffffffffUL);
        hw_route(d, n);
        vgic_resync_all(d);
        return true;
    }
    switch (off) {
    case GICD_CTLR:
        g->ctlr = w & GICD_CTLR_ENABLE_G1;
        vgic_resync_all(d);
        return true;
    case GICD_ISENABLER + 4:
        bits_update(&g->enabled, w, true);
        hw_enable(d, w, true);
        return true;
    case GICD_ICENABLER + 4:
        bits_update(&g->enabled, w, false);
        hw_enable(d, w, false);
        vgic_resync_all(d);
        return true;
    case GICD_ISPENDR + 4:
        /* A forwarded SPI is pended on the hardware, and arrives from there. */
        bits_update(&g->pending, w & ~g->hw, true);
        for (w &= g->hw; w; w &= w - 1)
            gic_spi_pend(32 + __builtin_ctz(w), true);
        return true;
    case GICD_ICPENDR + 4:
        hw_unpend(d, w);
        bits_update(&g->pending, w & ~g->hw, false);
        return true;
    case GICD_ICFGR + 8:
    case GICD_ICFGR + 12:
        /* Int_config[0] is RES0; only Int_config[1] (edge) is kept. */
        icfgr_write(d, (off - GICD_ICFGR) / 4 - 2, w);
        return true;
    }
    /* Known registers whose writes are ignored: groups (all Group 1), active state, ... */
    if (off == 0x10 || (off >= 0x40 && off < 0x60) ||
        (off >= GICD_IGROUPR && off < GICD_IGROUPR + 0x80) ||
        (off >= GICD_ISENABLER && off < GICD_ICACTIVER + 0x80) ||
        (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) ||
        (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) ||
        (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) ||
        (off >= GICD_IGRPMODR && off < GICD_NSACR + 0x100) || off == 0xf00 ||
        (off >= GICD_IROUTER && off < GICD_IROUTER + 0x2000))
        return true;
    return false;
}

static bool vgicr_read(struct vcpu *v, unsigned int vcpu, uint64_t off, unsigned int len,
                       uint64_t *val)
{
    struct domain *d = v->domain;
    const struct vcpu *t = &d->vcpu[vcpu];
    uint64_t typer;

    if (off >= GICR_SGI_BASE + GICR_IPRIORITYR0 &&
        off + len <= GICR_SGI_BASE + GICR_IPRIORITYR0 + 32) {
        *val = prio_read(t->arch.vppi_prio, 32, off - GICR_SGI_BASE - GICR_IPRIORITYR0, len);
        return true;
    }
    switch (off) {
    case GICR_CTLR:
    case GICR_STATUSR:
    case GICR_PROPBASER:
    case GICR_PENDBASER:
        *val = 0; /* no LPIs; RWP never set */
        return true;
    case GICR_TYPER:
    case GICR_TYPER + 4:
        /* Affinity [63:32] = the vCPU's MPIDR Aff0, Processor_Number [23:8], Last [4]. */
        typer =
            ((uint64_t)vcpu << 32) | (vcpu << 8) | (vcpu + 1 == d->nr_vcpus ? GICR_TYPER_LAST : 0);
        *val = off == GICR_TYPER ? typer : typer >> 32;
        return true;
    case GICR_IIDR:
        *val = VGIC_IIDR;
        return true;
    case GICR_WAKER:
        /* ChildrenAsleep follows ProcessorSleep at once: nothing to quiesce. */
        *val = t->arch.vgicr_waker ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
        return true;
    case GICR_PIDR2:
        *val = VGIC_PIDR2;
        return true;
    case GICR_SGI_BASE + GICR_IGROUPR0:
        *val = 0xffffffffu;
        return true;
    case GICR_SGI_BASE + GICR_ISENABLER0:
    case GICR_SGI_BASE + GICR_ICENABLER0:
        *val = t->arch.vppi_enabled;
        return true;
    case GICR_SGI_BASE + GICR_ISPENDR0:
    case GICR_SGI_BASE + GICR_ICPENDR0:
        *val = t->arch.vppi_pending | (t == v ? lr_state_bits(0, ICH_LR_PENDING) : 0);
        return true;
    case GICR_SGI_BASE + GICR_ISACTIVER0:
    case GICR_SGI_BASE + GICR_ICACTIVER0:
        *val = t == v ? lr_state_bits(0, ICH_LR_ACTIVE) : 0;
        return true;
    case GICR_SGI_BASE + GICR_ICFGR0:
        *val = 0xaaaaaaaau; /* SGIs are edge-triggered */
        return true;
    case GICR_SGI_BASE + GICR_ICFGR1:
        *val = t->arch.vppi_icfgr1;
        return true;
    case GICR_SGI_BASE + GICR_IGRPMODR0:
    case GICR_SGI_BASE + GICR_NSACR:
        *val = 0;
        return true;
    }
    if ((off >= 0xffd0 && off < 0x10000) || off >= GICR_SGI_BASE + 0xffd0) {
        *val = 0; /* other ID registers */
        return true;
    }
    return false;
}

static bool vgicr_write(struct vcpu *v, unsigned int vcpu, uint64_t off, unsigned int len,
                        uint64_t val)
{
    struct vcpu *t = &v->domain->vcpu[vcpu];
    uint32_t w = (uint32_t)val;

    if (off >= GICR_SGI_BASE + GICR_IPRIORITYR0 &&
        off + len <= GICR_SGI_BASE + GICR_IPRIORITYR0 + 32) {
        prio_write(t->arch.vppi_prio, 32, off - GICR_SGI_BASE - GICR_IPRIORITYR0, len, val);
        vgic_resync(t);
        return true;
    }
    /* Every change of state below is finished by t's CPU in lr_sync(). */
    switch (off) {
    case GICR_WAKER:
        t->arch.vgicr_waker = w & GICR_WAKER_PROCESSOR_SLEEP;
        return true;
    case GICR_SGI_BASE + GICR_ISENABLER0:
        bits_update(&t->arch.vppi_enabled, w, true);
        vgic_resync(t);
        return true;
    case GICR_SGI_BASE + GICR_ICENABLER0:
        bits_update(&t->arch.vppi_enabled, w, false);
        vgic_resync(t);
        return true;
    case GICR_SGI_BASE + GICR_ISPENDR0:
        bits_update(&t->arch.vppi_pending, w, true);
        vgic_resync(t);
        return true;
    case GICR_SGI_BASE + GICR_ICPENDR0:
        bits_update(&t->arch.vppi_pending, w, false);
        bits_update(&t->arch.vppi_unpend, w, true);
        vgic_resync(t);
        return true;
    case GICR_SGI_BASE + GICR_ISACTIVER0:
        bits_update(&t->arch.vppi_act, w, true);
        vgic_resync(t);
        return true;
    case GICR_SGI_BASE + GICR_ICACTIVER0:
        bits_update(&t->arch.vppi_deact, w, true);
        vgic_resync(t);
        return true;
    case GICR_SGI_BASE + GICR_ICFGR1:
        t->arch.vppi_icfgr1 = w & 0xaaaaaaaau;
        return true;
    case GICR_CTLR:
    case GICR_STATUSR:
    case GICR_PROPBASER:
    case GICR_PENDBASER:
    case GICR_SGI_BASE + GICR_IGROUPR0:
    case GICR_SGI_BASE + GICR_ICFGR0:
    case GICR_SGI_BASE + GICR_IGRPMODR0:
    case GICR_SGI_BASE + GICR_NSACR:
        return true; /* no LPIs, fixed groups, SGIs always edge */
    }
    return false;
}

/*
 * Access sizes (IHI 0069, the register descriptions of 12.9 and 12.10):
 * GICD_IPRIORITYR, GICD_ITARGETSR and GICR_IPRIORITYR are byte- and
 * word-accessible; the 64-bit registers (GICD_IROUTER, GICR_TYPER,
 * GICR_PROPBASER, GICR_PENDBASER) take a doubleword or either word; every
 * other register a word only. Hardware's answer to another size is
 * IMPLEMENTATION DEFINED; here it reads as zero, ignores the write and is
 * logged like an unknown register.
 */
static bool vgicd_size_ok(uint64_t off, unsigned int size)
{
    if ((off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) ||
        (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400))
        return size == 1 || size == 4;
    if (off >= GICD_IROUTER && off < GICD_IROUTER + 0x2000)
        return size == 4 || size == 8;
    return size == 4;
}

static bool vgicr_size_ok(uint64_t off, unsigned int size)
{
    if (off >= GICR_SGI_BASE + GICR_IPRIORITYR0 && off < GICR_SGI_BASE + GICR_IPRIORITYR0 + 32)
        return size == 1 || size == 4;
    if (off == GICR_TYPER || off == GICR_PROPBASER || off == GICR_PENDBASER)
        return size == 4 || size == 8;
    return size == 4;
}

bool vgicd_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val)
{
    bool known;

    if (!vgicd_size_ok(off, a->size)) {
        log_ignored(v, "GICD", off, a->write, a->size);
        *val = 0;
        return true;
    }
    if (a->write) {
        known = vgicd_write(v, off, a->size, *val);
        /* Enable, pending, configuration or routing of an SPI: any vCPU may be concerned. */
        note_work_all(v->domain);
    } else
        known = vgicd_read(v, off, a->size, val);
    if (!known) {
        log_ignored(v, "GICD", off, a->write, 0);
        *val = 0;
    }
    return true;
}

/* off is from the first redistributor: frame off / GICR_FRAME_SIZE is that vCPU's. */
bool vgicr_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val)
{
    unsigned int vcpu = array_index_nospec(off / GICR_FRAME_SIZE, v->domain->nr_vcpus);
    bool known;

    off %= GICR_FRAME_SIZE;
    if (!vgicr_size_ok(off, a->size)) {
        log_ignored(v, "GICR", off, a->write, a->size);
        *val = 0;
        return true;
    }
    if (a->write) {
        struct vcpu *t = &v->domain->vcpu[vcpu];

        known = vgicr_write(v, vcpu, off, a->size, *val);
        note_work(t);
        if (t != current)
            vcpu_kick(t);
    } else
        known = vgicr_read(v, vcpu, off, a->size, val);
    if (!known) {
        log_ignored(v, "GICR", off, a->write, 0);
        *val = 0;
    }
    return true;
}

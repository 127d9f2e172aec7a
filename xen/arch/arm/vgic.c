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

#define VGIC_DEFAULT_PRIO 0xa0
#define VGIC_IIDR 0x4b454c /* ProductID 0, implementer "KEL" */
#define VGIC_PIDR2 0x3b    /* ArchRev [7:4] = 3: GICv3 (12.9.29) */
/* Unknown register accesses logged per domain; the rest are counted silently. */
#define VGIC_LOG_LIMIT 8

/* Distributor registers (12.9) beyond those in asm/gic.h. */
#define GICD_TYPER2 0x000c
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_IGRPMODR 0x0d00
#define GICD_NSACR 0x0e00
#define GICD_CTLR_DS (1u << 6)
/* Redistributor RD_base (12.10) beyond asm/gic.h. */
#define GICR_STATUSR 0x0010
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
#define GICR_ICFGR1 0x0c04
#define GICR_IGRPMODR0 0x0d00
#define GICR_NSACR 0x0e00
/* ICH_LR<n>_EL2.EOI (12.5.x): maintenance interrupt when a software vINTID is deactivated. */
#define ICH_LR_EOI (1UL << 41)
#define ICH_LR_ACTIVE (1UL << 63)

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
    memset(v->arch.vppi_prio, VGIC_DEFAULT_PRIO, sizeof(v->arch.vppi_prio));
}

/* The vCPU an SPI is routed to (GICD_IROUTER): Aff0, or vCPU 0 for IRM or a bad Aff0. */
static struct vcpu *spi_target(struct domain *d, unsigned int n)
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

void vgic_inject(struct vcpu *v, unsigned int irq)
{
    if (irq >= 32)
        return;
    __atomic_fetch_or(&v->arch.vppi_pending, 1u << irq, __ATOMIC_RELEASE);
    if (v != current)
        vcpu_kick(v);
}

void vgic_inject_hw(struct vcpu *v, unsigned int irq)
{
    vgic_inject(v, irq);
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

        if (t != current)
            vcpu_kick(t);
    }
}

/* Bit n set: INTID 32 + n is edge-triggered (GICD_ICFGR Int_config[1]). */
static uint32_t spi_edge_mask(const struct vgic_dist *g)
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

/*
 * Put irq in a list register unless one already holds it. Returns false
 * when every list register is in use.
 */
static bool lr_place(struct vcpu *v, unsigned int irq, uint8_t prio, bool level_spi, bool *held)
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
    if (i < 0)
        return false;
    lr = irq | ICH_LR_GROUP1 | ICH_LR_PENDING | ((uint64_t)prio << ICH_LR_PRIO_SHIFT);
    if (irq == bootinfo.timer_ppi_virt)
        lr |= ICH_LR_HW | ((uint64_t)irq << ICH_LR_PINTID_SHIFT);
    else if (level_spi)
        lr |= ICH_LR_EOI;
    gic_write_lr((unsigned int)i, lr);
    return true;
}

/*
 * Move enabled pending interrupts into free list registers (on v's CPU).
 * When more are pending than there are free list registers, ask for the
 * maintenance interrupt (ICH_HCR_EL2.UIE): it fires once the guest has
 * drained the list registers, and its trap exit comes back here.
 */
void vgic_flush(struct vcpu *v)
{
    uint32_t ppis = v->arch.vppi_pending & v->arch.vppi_enabled;
    uint32_t spis = spis_for(v);
    struct domain *d = v->domain;
    bool full = false, held;

    if (!ppis && !spis) /* the common case on every trap exit */
        return;
    for (; ppis && !full; ppis &= ppis - 1) {
        unsigned int irq = __builtin_ctz(ppis);

        if (!lr_place(v, irq, v->arch.vppi_prio[irq], false, &held)) {
            full = true;
            break;
        }
        __atomic_fetch_and(&v->arch.vppi_pending, ~(1u << irq), __ATOMIC_ACQ_REL);
    }
    for (; spis && !full; spis &= spis - 1) {
        unsigned int n = __builtin_ctz(spis);
        bool level = !spi_is_edge(d, n);

        if (!lr_place(v, 32 + n, d->arch.vgic.prio[n], level, &held)) {
            full = true;
            break;
        }
        if (!held || !level)
            __atomic_fetch_and(&d->arch.vgic.pending, ~(1u << n), __ATOMIC_ACQ_REL);
    }
    WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN | (full ? ICH_HCR_UIE : 0));
    isb();
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
    WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN); /* UIE off: the trap exit refills */
    isb();
}

bool vgic_has_pending(struct vcpu *v)
{
    uint32_t spis = spis_for(v);
    unsigned int i;

    if (v->arch.vppi_pending & v->arch.vppi_enabled)
        return true;
    for (; spis; spis &= spis - 1)
        if (lr_find(32 + __builtin_ctz(spis)) < 0)
            return true;
    for (i = 0; i < gic_nr_lrs(); i++)
        if ((gic_read_lr(i) & ICH_LR_STATE_MASK) == ICH_LR_PENDING)
            return true;
    return false;
}

/* Active state as the guest would read it: only v's own list registers can tell. */
static uint32_t lr_active_bits(unsigned int base)
{
    uint32_t bits = 0;
    unsigned int i;

    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i);
        uint64_t irq = lr & 0xffffffffUL;

        if ((lr & ICH_LR_ACTIVE) && irq >= base && irq < base + 32)
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
        *val = lr_active_bits(32);
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

static bool vgicd_write(struct vcpu *v, uint64_t off, unsigned int len, uint64_t val)
{
    struct domain *d = v->domain;
    struct vgic_dist *g = &d->arch.vgic;
    uint32_t w = (uint32_t)val;

    if (off >= GICD_IPRIORITYR + 32 && off + len <= GICD_IPRIORITYR + 32 + VGIC_NR_SPIS) {
        prio_write(g->prio, VGIC_NR_SPIS, off - GICD_IPRIORITYR - 32, len, val);
        return true;
    }
    if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * (32 + VGIC_NR_SPIS)) {
        uint64_t *r = &g->route[array_index_nospec((off - GICD_IROUTER) / 8 - 32, VGIC_NR_SPIS)];

        if (len == 8)
            *r = val;
        else if (off & 4)
            *r = (*r & 0xffffffffUL) | (val << 32);
        else
            *r = (*r & ~0xffffffffUL) | (val & 0xffffffffUL);
        return true;
    }
    switch (off) {
    case GICD_CTLR:
        g->ctlr = w & GICD_CTLR_ENABLE_G1;
        return true;
    case GICD_ISENABLER + 4:
        bits_update(&g->enabled, w, true);
        return true;
    case GICD_ICENABLER + 4:
        bits_update(&g->enabled, w, false);
        return true;
    case GICD_ISPENDR + 4:
        bits_update(&g->pending, w, true);
        return true;
    case GICD_ICPENDR + 4:
        bits_update(&g->pending, w, false);
        return true;
    case GICD_ICFGR + 8:
    case GICD_ICFGR + 12:
        /* Int_config[0] is RES0; only Int_config[1] (edge) is kept. */
        g->icfgr[(off - GICD_ICFGR) / 4 - 2] = w & 0xaaaaaaaau;
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
        *val = t->arch.vppi_pending;
        return true;
    case GICR_SGI_BASE + GICR_ISACTIVER0:
    case GICR_SGI_BASE + GICR_ICACTIVER0:
        *val = t == v ? lr_active_bits(0) : 0;
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
        return true;
    }
    switch (off) {
    case GICR_WAKER:
        t->arch.vgicr_waker = w & GICR_WAKER_PROCESSOR_SLEEP;
        return true;
    case GICR_SGI_BASE + GICR_ISENABLER0:
        bits_update(&t->arch.vppi_enabled, w, true);
        return true;
    case GICR_SGI_BASE + GICR_ICENABLER0:
        bits_update(&t->arch.vppi_enabled, w, false);
        return true;
    case GICR_SGI_BASE + GICR_ISPENDR0:
        bits_update(&t->arch.vppi_pending, w, true);
        if (t != current)
            vcpu_kick(t);
        return true;
    case GICR_SGI_BASE + GICR_ICPENDR0:
        bits_update(&t->arch.vppi_pending, w, false);
        return true;
    case GICR_SGI_BASE + GICR_ICFGR1:
        t->arch.vppi_icfgr1 = w & 0xaaaaaaaau;
        return true;
    case GICR_CTLR:
    case GICR_STATUSR:
    case GICR_PROPBASER:
    case GICR_PENDBASER:
    case GICR_SGI_BASE + GICR_IGROUPR0:
    case GICR_SGI_BASE + GICR_ISACTIVER0:
    case GICR_SGI_BASE + GICR_ICACTIVER0:
    case GICR_SGI_BASE + GICR_ICFGR0:
    case GICR_SGI_BASE + GICR_IGRPMODR0:
    case GICR_SGI_BASE + GICR_NSACR:
        return true; /* no LPIs, fixed groups, active state owned by the list registers */
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
    if (a->write)
        known = vgicd_write(v, off, a->size, *val);
    else
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
    if (a->write)
        known = vgicr_write(v, vcpu, off, a->size, *val);
    else
        known = vgicr_read(v, vcpu, off, a->size, val);
    if (!known) {
        log_ignored(v, "GICR", off, a->write, 0);
        *val = 0;
    }
    return true;
}

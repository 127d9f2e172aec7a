// SPDX-License-Identifier: GPL-2.0-only
/*
 * The physical GICv3 as seen from EL2: distributor and redistributors set up
 * with affinity routing, every CPU's SGIs and PPIs in Group 1. Physical IRQs
 * reach EL2 (HCR_EL2.IMO) while a guest runs; the hypervisor itself runs with
 * interrupts masked and only ever waits for them with WFI.
 */
#include <asm/gic.h>
#include <asm/livepatch.h>
#include <asm/passthrough.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/lib.h>
#include <xen/livepatch.h>
#include <xen/spinlock.h>

#define ICC_SRE_EL2 "s3_4_c12_c9_5"
#define ICC_SGI1R_EL1 "s3_0_c12_c11_5"

static volatile uint8_t *gicd;
static volatile uint8_t *gicr_of_cpu[CONFIG_NR_CPUS];
/* Read-modify-writes of distributor words that SPIs of several guests share (IGROUPR, ICFGR). */
static spinlock_t gicd_lock = SPINLOCK_INIT;
static unsigned int nr_lrs;
/* (1 << nr_lrs) - 1: ICH_ELRSR_EL2 when every list register is empty (entry.S checks it). */
uint32_t gic_lrs_all;

static inline uint32_t rd32(volatile uint8_t *base, unsigned int off)
{
    return *(volatile uint32_t *)(base + off);
}

static inline void wr32(volatile uint8_t *base, unsigned int off, uint32_t v)
{
    *(volatile uint32_t *)(base + off) = v;
}

void gic_init(void)
{
    if (!bootinfo.gicd_size || !bootinfo.gicr_size)
        panic("the device tree describes no GICv3");
    gicd = (volatile uint8_t *)bootinfo.gicd_base;
    wr32(gicd, GICD_CTLR, GICD_CTLR_ARE);
    while (rd32(gicd, GICD_CTLR) & GICD_CTLR_RWP)
        ;
    wr32(gicd, GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0);
    if (bootinfo.uart_irq >= 32 && bootinfo.uart_irq < 1020)
        gic_route_spi(bootinfo.uart_irq);
}

/* An SPI of the hypervisor's own (the console UART): Group 1, to the boot CPU. */
void gic_route_spi(unsigned int irq)
{
    uint64_t mpidr = READ_SYSREG(mpidr_el1);
    uint32_t bit = 1u << (irq % 32);

    wr32(gicd, GICD_IGROUPR + 4 * (irq / 32), rd32(gicd, GICD_IGROUPR + 4 * (irq / 32)) | bit);
    gicd[GICD_IPRIORITYR + irq] = 0xa0;
    gic_route_spi_to(irq, mpidr);
    wr32(gicd, GICD_ISENABLER + 4 * (irq / 32), bit);
}

/* Send SPI irq to the CPU with this MPIDR (GICD_IROUTER<n>, GICv3 12.9.22). */
void gic_route_spi_to(unsigned int irq, uint64_t mpidr)
{
    *(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * irq) =
        (mpidr & 0xffffffUL) | ((mpidr >> 32 & 0xff) << 32);
}

/*
 * SPIs of guests' devices (passthrough.c, vgic.c). Writes of one bit per
 * INTID (GICD_IS/ICENABLER, IS/ICPENDR, ICACTIVER, 12.9) touch only that
 * INTID and need no lock. A disable has taken effect once GICD_CTLR.RWP
 * reads 0 (12.9.4): only then may its caller rely on no new activation.
 */
static void spi_bit(unsigned int reg, unsigned int irq)
{
    wr32(gicd, reg + 4 * (irq / 32), 1u << (irq % 32));
}

unsigned int gic_nr_lines(void)
{
    /* GICD_TYPER.ITLinesNumber [4:0]: 32 * (N + 1) INTIDs, at most 1020 usable. */
    unsigned int n = 32 * ((rd32(gicd, GICD_TYPER) & 0x1f) + 1);

    return n > GIC_SPURIOUS ? GIC_SPURIOUS : n;
}

void gic_spi_enable(unsigned int irq, bool on)
{
    spi_bit(on ? GICD_ISENABLER : GICD_ICENABLER, irq);
    if (!on)
        while (rd32(gicd, GICD_CTLR) & GICD_CTLR_RWP)
            ;
}

void gic_spi_pend(unsigned int irq, bool on)
{
    spi_bit(on ? GICD_ISPENDR : GICD_ICPENDR, irq);
}

void gic_spi_deactivate(unsigned int irq)
{
    spi_bit(GICD_ICACTIVER, irq);
    dsb_sy();
}

unsigned int gic_spi_state(unsigned int irq)
{
    unsigned int off = 4 * (irq / 32);
    uint32_t bit = 1u << (irq % 32);

    return (rd32(gicd, GICD_ISENABLER + off) & bit ? 1 : 0) |
           (rd32(gicd, GICD_ISPENDR + off) & bit ? 2 : 0) |
           (rd32(gicd, GICD_ISACTIVER + off) & bit ? 4 : 0);
}

void gic_spi_set_prio(unsigned int irq, uint8_t prio)
{
    gicd[GICD_IPRIORITYR + irq] = prio;
}

bool gic_spi_set_edge(unsigned int irq, bool edge)
{
    unsigned int off = GICD_ICFGR + 4 * (irq / 16);
    uint32_t bit = 2u << (2 * (irq % 16)); /* Int_config[1]: edge-triggered */
    uint32_t now;

    spin_lock(&gicd_lock);
    wr32(gicd, off, edge ? rd32(gicd, off) | bit : rd32(gicd, off) & ~bit);
    now = rd32(gicd, off); /* an SPI whose configuration is fixed keeps it */
    spin_unlock(&gicd_lock);
    return now & bit;
}

/* Take irq for a guest: disabled, not pending or active, Group 1, at prio, to that CPU. */
void gic_spi_assign(unsigned int irq, bool edge, uint64_t mpidr)
{
    gic_spi_enable(irq, false);
    gic_spi_pend(irq, false);
    gic_spi_deactivate(irq);
    spin_lock(&gicd_lock);
    wr32(gicd, GICD_IGROUPR + 4 * (irq / 32),
         rd32(gicd, GICD_IGROUPR + 4 * (irq / 32)) | 1u << (irq % 32));
    spin_unlock(&gicd_lock);
    gic_spi_set_prio(irq, 0xa0);
    gic_spi_set_edge(irq, edge);
    gic_route_spi_to(irq, mpidr);
}

static volatile uint8_t *find_redist(uint64_t mpidr)
{
    uint64_t aff = ((mpidr >> 8) & 0xff000000UL) | (mpidr & 0xffffffUL);
    uint64_t off;

    for (off = 0; off + GICR_FRAME_SIZE <= bootinfo.gicr_size; off += GICR_FRAME_SIZE) {
        volatile uint8_t *rd = (volatile uint8_t *)(bootinfo.gicr_base + off);
        uint64_t typer = *(volatile uint64_t *)(rd + GICR_TYPER);

        if ((typer >> 32) == aff)
            return rd;
        if (typer & GICR_TYPER_LAST)
            break;
    }
    return NULL;
}

void gic_cpu_init(void)
{
    unsigned int cpu = smp_processor_id(), i;
    volatile uint8_t *rd = find_redist(READ_SYSREG(mpidr_el1));
    uint64_t sre;

    if (!rd)
        panic("no GICv3 redistributor for this CPU");
    gicr_of_cpu[cpu] = rd;
    wr32(rd, GICR_WAKER, rd32(rd, GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
    while (rd32(rd, GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
        ;
    wr32(rd, GICR_SGI_BASE + GICR_IGROUPR0, 0xffffffffu);
    for (i = 0; i < 32; i += 4)
        wr32(rd, GICR_SGI_BASE + GICR_IPRIORITYR0 + i, 0xa0a0a0a0u);
    wr32(rd, GICR_SGI_BASE + GICR_ICENABLER0, 0xffffffffu);
    wr32(rd, GICR_SGI_BASE + GICR_ISENABLER0,
         (1u << SGI_KICK) | (1u << SGI_LIVEPATCH) | (1u << bootinfo.timer_ppi_virt) |
             (1u << bootinfo.timer_ppi_hyp) | (1u << GIC_PPI_MAINTENANCE));

    __asm__ volatile("mrs %0, " ICC_SRE_EL2 : "=r"(sre));
    __asm__ volatile("msr " ICC_SRE_EL2 ", %0" : : "r"(sre | ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE));
    isb();
    WRITE_SYSREG(icc_pmr_el1, 0xff);
    WRITE_SYSREG(icc_bpr1_el1, 0);
    WRITE_SYSREG(icc_ctlr_el1, ICC_CTLR_EOIMODE);
    WRITE_SYSREG(icc_igrpen1_el1, 1);
    isb();
    nr_lrs = (READ_SYSREG(ich_vtr_el2) & 0x1f) + 1;
    gic_lrs_all = (1u << nr_lrs) - 1;
}

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
    uint64_t mpidr = bootinfo.cpu_mpidr[cpu];
    uint64_t v = (1UL << (mpidr & 0xf)) | (((mpidr >> 8) & 0xff) << 16) |
                 ((uint64_t)sgi << 24) | (((mpidr >> 16) & 0xff) << 32) |
                 (((mpidr >> 32) & 0xff) << 48);

    dsb_ish();
    __asm__ volatile("msr " ICC_SGI1R_EL1 ", %0" : : "r"(v));
    isb();
}

unsigned int gic_nr_lrs(void)
{
    return nr_lrs;
}

/*
 * An empty list register for vINTID irq, or -1 when none is empty or one
 * already holds irq. Empty is ICH_ELRSR_EL2's word (the Empty List Register
 * Status Register of IHI 0069: no state, and no EOI maintenance still due);
 * only the others are read.
 */
int gic_lr_free_for(unsigned int irq)
{
    uint32_t all = gic_lrs_all, empty = (uint32_t)READ_SYSREG(ich_elrsr_el2) & all, used;

    if (!empty)
        return -1;
    for (used = all & ~empty; used; used &= used - 1)
        if ((uint32_t)gic_read_lr((unsigned int)__builtin_ctz(used)) == irq)
            return -1;
    return __builtin_ctz(empty);
}

/* Acknowledge the highest-priority pending interrupt (ICC_IAR1_EL1): 1023 when none. */
uint64_t gic_ack(void)
{
    return READ_SYSREG(icc_iar1_el1);
}

/*
 * Handle iar, an interrupt gic_ack() returned, then everything else
 * pending; the virtual timer goes to the running vCPU.
 */
void gic_handle_irq(uint64_t iar)
{
    for (;; iar = gic_ack()) {
        unsigned int irq = iar & 0xffffff;

        if (irq >= GIC_SPURIOUS)
            break;
        WRITE_SYSREG(icc_eoir1_el1, iar); /* priority drop only (EOImode 1) */
        isb();
        if (irq == bootinfo.timer_ppi_virt && current &&
            current->state == VCPU_RUNNING) {
            /* Deactivated by the guest's EOI through the list register's HW bit. */
            if (!vgic_inject_hw_fast(current, irq))
                vgic_inject_hw(current, irq);
            continue;
        }
        /* A guest's device: its EOI through the HW list register deactivates it. */
        if (passthrough_irq(irq))
            continue;
        if (irq == SGI_LIVEPATCH) {
            /* Deactivate first: the CPU may wait in the rendezvous for a while. */
            WRITE_SYSREG(icc_dir_el1, iar);
            isb();
            livepatch_rendezvous_cpu();
            continue;
        }
        if (irq == bootinfo.uart_irq)
            pl011_rx_irq();
        if (irq == bootinfo.timer_ppi_hyp) /* the scheduler's: a slice or a blocked vCPU's timer */
            sched_timer_irq();
        if (irq == SGI_KICK) /* another CPU changed something for this one's scheduler */
            sched_poke();
        if (irq == GIC_PPI_MAINTENANCE) /* list registers drained or an EOI: refill on exit */
            vgic_maintenance();
        WRITE_SYSREG(icc_dir_el1, iar);
        isb();
    }
}

bool gic_ppi_active(unsigned int irq)
{
    volatile uint8_t *rd = gicr_of_cpu[smp_processor_id()];

    return rd32(rd, GICR_SGI_BASE + GICR_ISACTIVER0) & (1u << (irq % 32));
}

/* Priority already dropped (EOImode 1): this alone ends or starts the active state. */
void gic_ppi_set_active(unsigned int irq, bool active)
{
    volatile uint8_t *rd = gicr_of_cpu[smp_processor_id()];

    wr32(rd, GICR_SGI_BASE + (active ? GICR_ISACTIVER0 : GICR_ICACTIVER0), 1u << (irq % 32));
    dsb_sy();
}

void gic_vcpu_stop(void)
{
    unsigned int i;

    WRITE_SYSREG(cntv_ctl_el0, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
    /* A timer interrupt still waiting for a list register: the next vCPU here needs the PPI. */
    gic_ppi_set_active(bootinfo.timer_ppi_virt, false);
    for (i = 0; i < nr_lrs; i++) {
        uint64_t lr = gic_read_lr(i);

        /* A timer interrupt the guest never finished: deactivate it here. */
        if ((lr & ICH_LR_HW) && (lr & ICH_LR_STATE_MASK))
            WRITE_SYSREG(icc_dir_el1, (lr >> ICH_LR_PINTID_SHIFT) & 0x1fff);
        gic_write_lr(i, 0);
    }
    WRITE_SYSREG(ich_hcr_el2, 0);
    isb();
}

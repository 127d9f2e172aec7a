/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the vGIC's list-register side (vgic.c, built -O2: interrupt
 * delivery is measured by make bench) and its register emulation
 * (vgic_mmio.c, the guest's GIC driver configuring it: built -Os, which
 * keeps the Image under Bao's 94,208 bytes).
 */
#ifndef ARM_VGIC_REGS_H
#define ARM_VGIC_REGS_H

#include <asm/domain.h>
#include <xen/sched.h>

#define VGIC_DEFAULT_PRIO 0xa0
#define VGIC_IIDR 0x4b454c /* ProductID 0, implementer "KEL" */
#define VGIC_PIDR2 0x3b    /* ArchRev [7:4] = 3: GICv3 (12.9.29) */
/* Unknown register accesses logged per domain; the rest are counted silently. */
#define VGIC_LOG_LIMIT 8

/* Distributor registers (12.9) beyond those in asm/gic.h. */
#define GICD_TYPER2 0x000c
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

/*
 * t's list registers must follow a change: its next exit runs vgic_flush().
 * Stored after the change it announces (release; vgic_flush() clears it
 * with acquire before reading the state) and before the kick.
 */
static inline void note_work(struct vcpu *t)
{
    __atomic_store_n(&t->arch.exit_work, 1, __ATOMIC_RELEASE);
}

/* note_work() for every vCPU of d, and a kick for those on other CPUs. */
void note_work_all(struct domain *d);
/* The vCPU an SPI is routed to (GICD_IROUTER): Aff0, or vCPU 0 for IRM or a bad Aff0. */
struct vcpu *spi_target(struct domain *d, unsigned int n);
/* Bit n set: INTID 32 + n is edge-triggered (GICD_ICFGR Int_config[1]). */
uint32_t spi_edge_mask(const struct vgic_dist *g);
/* Ask t's CPU to look at t's list registers again (vgic_flush, lr_sync). */
void vgic_resync(struct vcpu *t);
/* vgic_resync() for every vCPU of d: after GICD writes that may concern any. */
void vgic_resync_all(struct domain *d);

#endif /* ARM_VGIC_REGS_H */

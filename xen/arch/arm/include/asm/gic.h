/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GICv3 registers the backend uses (Arm IHI 0069, "GIC architecture
 * specification, GICv3 and GICv4": distributor 12.9, redistributor 12.10,
 * CPU interface and virtualization system registers 12.2-12.5).
 */
#ifndef ASM_ARM_GIC_H
#define ASM_ARM_GIC_H

#define GICD_CTLR 0x0000
#define GICD_CTLR_RWP (1u << 31)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_ENABLE_G1 (1u << 1)
#define GICD_CTLR_ENABLE_G0 (1u << 0)
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8

#define GICR_FRAME_SIZE 0x20000 /* RD_base + SGI_base, 64 KiB each */
#define GICR_SGI_BASE 0x10000
#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_TYPER_LAST (1u << 4)
#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_PIDR2 0xffe8
/* In the SGI_base frame: */
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0 0x0200
#define GICR_ICPENDR0 0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR0 0x0400
#define GICR_ICFGR0 0x0c00

/* ICC_SRE_EL2: SRE bit 0, Enable (lets EL1 use the system registers) bit 3. */
#define ICC_SRE_EL2_SRE (1u << 0)
#define ICC_SRE_EL2_ENABLE (1u << 3)
/* ICC_CTLR_EL1.EOImode: EOIR drops priority only; deactivation is separate. */
#define ICC_CTLR_EOIMODE (1u << 1)

/* ICH_LR<n>_EL2 (12.5.x): vINTID [31:0], pINTID [44:32], priority, group, HW, state. */
#define ICH_LR_PINTID_SHIFT 32
#define ICH_LR_PRIO_SHIFT 48
#define ICH_LR_GROUP1 (1UL << 60)
#define ICH_LR_HW (1UL << 61)
#define ICH_LR_STATE_MASK (3UL << 62)
#define ICH_LR_PENDING (1UL << 62)
#define ICH_HCR_EN (1u << 0)
#define ICH_HCR_UIE (1u << 1) /* maintenance IRQ when at most one LR is valid */

#define GIC_SPURIOUS 1020
#define GIC_PPI_MAINTENANCE 25

#endif /* ASM_ARM_GIC_H */

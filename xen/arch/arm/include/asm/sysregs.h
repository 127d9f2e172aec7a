/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 system register fields the backend programs. Section numbers refer to
 * the Arm Architecture Reference Manual for A-profile (DDI 0487), chapter D19
 * ("AArch64 System Register Descriptions") unless stated otherwise.
 */
#ifndef ASM_ARM_SYSREGS_H
#define ASM_ARM_SYSREGS_H

#ifndef __ASSEMBLY__
#include <xen/types.h>
#endif

#define BIT64(n) (1UL << (n))

/* CurrentEL (D19.2.29): EL in bits [3:2]. */
#define CURRENTEL_EL2 (2 << 2)

/* HCR_EL2 (D19.2.48). */
#define HCR_VM   BIT64(0)  /* stage-2 translation for EL1&0 */
#define HCR_SWIO BIT64(1)  /* set/way invalidate becomes clean+invalidate */
#define HCR_FMO  BIT64(3)  /* physical FIQs to EL2, virtual FIQs to EL1 */
#define HCR_IMO  BIT64(4)  /* physical IRQs to EL2, virtual IRQs to EL1 */
#define HCR_AMO  BIT64(5)  /* SErrors to EL2 */
#define HCR_FB   BIT64(9)  /* broadcast TLB/IC maintenance to the Inner Shareable domain */
#define HCR_BSU_IS (1UL << 10) /* barriers upgraded to Inner Shareable */
#define HCR_TWI  BIT64(13) /* trap WFI */
#define HCR_TWE  BIT64(14) /* trap WFE */
#define HCR_TID3 BIT64(18) /* trap ID group 3 reads: ID_AA64*, ID_*, MVFR* */
#define HCR_TSC  BIT64(19) /* trap SMC */
#define HCR_TIDCP BIT64(20) /* trap IMPLEMENTATION DEFINED registers (op0 3, CRn 11 and 15) */
#define HCR_TACR BIT64(21) /* trap ACTLR_EL1 */
#define HCR_TSW  BIT64(22) /* trap data cache maintenance by set/way (DC ISW, CSW, CISW) */
#define HCR_TVM  BIT64(26) /* trap writes of the EL1 virtual memory control registers */
#define HCR_RW   BIT64(31) /* EL1 is AArch64 */
/*
 * A guest's view. Set/way operations, ACTLR_EL1 and IMPLEMENTATION DEFINED
 * registers act on the physical CPU (its caches, its errata workarounds):
 * they trap and are emulated or refused (vsysreg.c, vsetway.c).
 */
#define HCR_GUEST (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_IS | \
                   HCR_TWI | HCR_TWE | HCR_TID3 | HCR_TSC | HCR_TIDCP | HCR_TACR | HCR_TSW | \
                   HCR_RW)

/* SCTLR_EL2 (D19.2.119), non-VHE layout. */
#define SCTLR_EL2_RES1 (BIT64(4) | BIT64(5) | BIT64(11) | BIT64(16) | BIT64(18) | BIT64(22) | \
                        BIT64(23) | BIT64(28) | BIT64(29))
#define SCTLR_M   BIT64(0)
#define SCTLR_A   BIT64(1)
#define SCTLR_C   BIT64(2)
#define SCTLR_SA  BIT64(3)
#define SCTLR_I   BIT64(12)
#define SCTLR_WXN BIT64(19) /* writable implies execute-never */

/* SCTLR_EL1 reset value for a guest: RES1 bits only, MMU and caches off (D19.2.118). */
#define SCTLR_EL1_GUEST 0x30d00800UL

/* CPTR_EL2 (D19.2.30), non-VHE: TFP bit 10 traps FP/SIMD. RES1 bits 13, 12, 9:0. */
#define CPTR_EL2_RES1 (0x33ffUL)

/* TCR_EL2 (D19.2.133), non-VHE single VA range. */
#define TCR_EL2_RES1 (BIT64(31) | BIT64(23))
#define TCR_T0SZ(bits) (64UL - (bits))
#define TCR_IRGN0_WBWA (1UL << 8)
#define TCR_ORGN0_WBWA (1UL << 10)
#define TCR_SH0_IS (3UL << 12)
#define TCR_TG0_4K (0UL << 14)
#define TCR_PS_SHIFT 16

/* VTCR_EL2 (D19.2.159). */
#define VTCR_RES1 BIT64(31)
#define VTCR_T0SZ_32 (32UL)          /* 4 GiB of IPA space */
#define VTCR_SL0_L1 (1UL << 6)       /* 4 KiB granule: start at level 1 */
#define VTCR_IRGN0_WBWA (1UL << 8)
#define VTCR_ORGN0_WBWA (1UL << 10)
#define VTCR_SH0_IS (3UL << 12)
#define VTCR_TG0_4K (0UL << 14)
#define VTCR_PS_SHIFT 16

/* MAIR_EL2 (D19.2.92): index 0 Device-nGnRnE, index 1 Normal write-back. */
#define MAIR_DEVICE_IDX 0
#define MAIR_NORMAL_IDX 1
#define MAIR_EL2_VALUE ((0x00UL << (8 * MAIR_DEVICE_IDX)) | (0xffUL << (8 * MAIR_NORMAL_IDX)))

/* ESR_ELx (D19.2.43): exception class and instruction length. */
#define ESR_EC_SHIFT 26
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL BIT64(25)
#define ESR_ISS(esr) ((esr) & 0x1ffffff)
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_FP 0x07
#define EC_PAC 0x09
#define EC_SVE 0x19
#define EC_SME 0x1d
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

/* Data abort ISS (D19.2.43, "ISS encoding for a Data Abort"). */
#define DABT_ISV BIT64(24)
#define DABT_SAS(iss) (((iss) >> 22) & 3)
#define DABT_SRT(iss) (((iss) >> 16) & 0x1f)
#define DABT_WNR BIT64(6)

/*
 * Trapped MSR/MRS ISS (D19.2.43, "ISS encoding for an exception from MSR,
 * MRS or System instruction"): Op0 [21:20], Op2 [19:17], Op1 [16:14],
 * CRn [13:10], Rt [9:5], CRm [4:1], Direction [0] (1 = read).
 */
#define SYSREG_ISS_MASK 0x3ffc1eUL /* everything but Rt and Direction */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
    (((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_ISS_RT(iss) (((iss) >> 5) & 0x1f)
#define SYSREG_ISS_READ 1UL
/* ICC_SGI1R_EL1: writes trap to EL2 while HCR_EL2.IMO is set (GICv3 12.2.22). */
#define ISS_ICC_SGI1R_EL1 SYSREG_ISS(3UL, 0UL, 12UL, 11UL, 5UL)

/* HPFAR_EL2 (D19.2.50): FIPA holds IPA[47:12] in bits [43:4]. */
#define HPFAR_IPA(hpfar) (((hpfar) & 0xffffffffff0UL) << 8)

/* SPSR_EL2 (C5.2.19) for entering EL1h with D, A, I, F masked. */
#define SPSR_EL1H_MASKED 0x3c5UL
#define SPSR_MODE_MASK 0xfUL
#define SPSR_MODE_EL0T 0x0UL
#define SPSR_MODE_EL1T 0x4UL

/* MPIDR_EL1 (D19.2.99): Aff3 in [39:32], Aff2..Aff0 in [23:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffUL

/* PAR_EL1 (D19.2.101): F bit 0, PA in bits [47:12]. */
#define PAR_F BIT64(0)
#define PAR_PA_MASK 0xfffffffff000UL

/* CNTHCTL_EL2 (D19.2.19), non-VHE: EL1 may read the physical counter. */
#define CNTHCTL_EL1PCTEN BIT64(0)
#define CNTHCTL_EL1PCEN BIT64(1)

#ifndef __ASSEMBLY__
#define READ_SYSREG(name)                                      \
    ({                                                         \
        uint64_t _r;                                           \
        __asm__ volatile("mrs %0, " #name : "=r"(_r));         \
        _r;                                                    \
    })
#define WRITE_SYSREG(name, v)                                          \
    do {                                                               \
        uint64_t _w = (v);                                             \
        __asm__ volatile("msr " #name ", %0" : : "r"(_w) : "memory");  \
    } while (0)

static inline void isb(void)
{
    __asm__ volatile("isb" : : : "memory");
}

static inline void dsb_sy(void)
{
    __asm__ volatile("dsb sy" : : : "memory");
}

static inline void dsb_ish(void)
{
    __asm__ volatile("dsb ish" : : : "memory");
}

static inline void dsb_ishst(void)
{
    __asm__ volatile("dsb ishst" : : : "memory");
}

static inline void sev(void)
{
    __asm__ volatile("sev" : : : "memory");
}

static inline void wfe(void)
{
    __asm__ volatile("wfe" : : : "memory");
}

static inline void wfi(void)
{
    __asm__ volatile("wfi" : : : "memory");
}
#endif

#endif /* ASM_ARM_SYSREGS_H */

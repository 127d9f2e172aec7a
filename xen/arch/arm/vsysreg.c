// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CPU a guest is shown. Reads of the ID registers trap (HCR_EL2.TID3)
 * and return the host's values with every feature the hypervisor does not
 * give the guest removed: EL2/EL3, SVE and SME (their registers trap through
 * CPTR_EL2.TZ/TSM), pointer authentication (HCR_EL2.API/APK stay 0), MTE
 * (HCR_EL2.ATA stays 0), RAS, MPAM, AMU, SPE, trace and the PMU, and only a
 * 32-bit IPA space (stage 2 covers 4 GiB). Debug and PMU registers trap
 * (MDCR_EL2) and read as zero and ignore writes: the guest sees the minimum
 * Armv8.0 debug and no PMU.
 *
 * FP/SIMD is not trapped (CPTR_EL2.TFP = 0): the hypervisor itself is built
 * -mgeneral-regs-only, so a guest's FP/SIMD registers stay in the CPU while
 * it runs and the hypervisor handles its exits; context_switch.c saves and
 * loads them only when vCPUs share a CPU. A vCPU starts with them zeroed
 * (its reset context), so no boot-time value or other guest's leaks in.
 */
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/lib.h>

/* ISS fields of a trapped MSR/MRS (D19.2.43). */
#define ISS_OP0(iss) (((iss) >> 20) & 3)
#define ISS_OP2(iss) (((iss) >> 17) & 7)
#define ISS_OP1(iss) (((iss) >> 14) & 7)
#define ISS_CRN(iss) (((iss) >> 10) & 0xf)
#define ISS_CRM(iss) (((iss) >> 1) & 0xf)

/* A 4-bit ID register field at bit `shift` (D19.2: ID_AA64*_EL1). */
#define FIELD(shift) (0xfUL << (shift))

/* MDCR_EL2 (D19.2.97): HPMN [4:0], TPMCR 5, TPM 6, TDA 9, TDOSA 10, TDRA 11, TPMS 14, TTRF 19. */
#define MDCR_TPMCR BIT64(5)
#define MDCR_TPM BIT64(6)
#define MDCR_TDA BIT64(9)
#define MDCR_TDOSA BIT64(10)
#define MDCR_TDRA BIT64(11)
#define MDCR_TPMS BIT64(14)
#define MDCR_TTRF BIT64(19)
/* CPTR_EL2 (D19.2.30), non-VHE: TTA 20 traps trace, TAM 30 traps activity monitors. */
#define CPTR_TTA BIT64(20)
#define CPTR_TAM BIT64(30)

/* ID_AA64DFR0_EL1 (D19.2.60) fields. */
#define DFR0_PMUVER 8
#define DFR0_PMSVER 32
#define DFR0_TRACEFILT 40

static uint64_t id_field(uint64_t reg, unsigned int shift)
{
    return (reg >> shift) & 0xf;
}

/* The host's value of ID register (op0 3, op1 0, CRn 0, crm, op2). */
#define ID_READ(crm, op2)                                                                          \
    case (crm) << 3 | (op2):                                                                       \
        __asm__ volatile("mrs %0, s3_0_c0_c" #crm "_" #op2 : "=r"(val));                           \
        break
#define ID_ROW(crm)                                                                                \
    ID_READ(crm, 0);                                                                               \
    ID_READ(crm, 1);                                                                               \
    ID_READ(crm, 2);                                                                               \
    ID_READ(crm, 3);                                                                               \
    ID_READ(crm, 4);                                                                               \
    ID_READ(crm, 5);                                                                               \
    ID_READ(crm, 6);                                                                               \
    ID_READ(crm, 7)

static uint64_t id_host(unsigned int crm, unsigned int op2)
{
    uint64_t val = 0;

    switch (crm << 3 | op2) {
        ID_ROW(1);
        ID_ROW(2);
        ID_ROW(3);
        ID_ROW(4);
        ID_ROW(5);
        ID_ROW(6);
        ID_ROW(7);
    default:
        break;
    }
    return val;
}

/* What the guest reads from the ID register (CRm, op2); Arm ARM D19.2.61-D19.2.80. */
static uint64_t id_guest(unsigned int crm, unsigned int op2)
{
    uint64_t val = id_host(crm, op2);

    switch (crm << 3 | op2) {
    case 4 << 3 | 0: /* ID_AA64PFR0_EL1: no EL2/EL3, RAS, SVE, SEL2, MPAM, AMU, RME */
        return val & ~(FIELD(8) | FIELD(12) | FIELD(28) | FIELD(32) | FIELD(36) | FIELD(40) |
                       FIELD(44) | FIELD(52));
    case 4 << 3 | 1: /* ID_AA64PFR1_EL1: keep BT, SSBS, CSV2_frac; no MTE, SME, NMI, ... */
        return val & (FIELD(0) | FIELD(4) | FIELD(32));
    case 4 << 3 | 4: /* ID_AA64ZFR0_EL1: no SVE */
    case 4 << 3 | 5: /* ID_AA64SMFR0_EL1: no SME */
    case 5 << 3 | 1: /* ID_AA64DFR1_EL1 */
    case 5 << 3 | 4: /* ID_AA64AFR0_EL1 */
    case 5 << 3 | 5: /* ID_AA64AFR1_EL1 */
        return 0;
    case 5 << 3 | 0: /* ID_AA64DFR0_EL1: Armv8.0 debug, 2 breakpoints and watchpoints, no PMU */
        return 6 | (1UL << 12) | (1UL << 20) | (1UL << 28) | FIELD(36);
    case 6 << 3 | 0: /* ID_AA64ISAR0_EL1: no TME */
        return val & ~FIELD(24);
    case 6 << 3 | 1: /* ID_AA64ISAR1_EL1: no pointer authentication (APA, API, GPA, GPI), LS64 */
        return val & ~(FIELD(4) | FIELD(8) | FIELD(24) | FIELD(28) | FIELD(60));
    case 6 << 3 | 2: /* ID_AA64ISAR2_EL1: no WFxT, RPRES, GPA3, APA3, PAC_frac */
        return val & ~(FIELD(0) | FIELD(4) | FIELD(8) | FIELD(12) | FIELD(24));
    case 7 << 3 | 0: /* ID_AA64MMFR0_EL1: PARange 32 bits, no FGT, ECV */
        return val & ~(FIELD(0) | FIELD(56) | FIELD(60));
    case 7 << 3 | 1: /* ID_AA64MMFR1_EL1: no VH, LO, XNX, TWED, HCX */
        return val & ~(FIELD(8) | FIELD(16) | FIELD(28) | FIELD(32) | FIELD(40));
    case 7 << 3 | 2: /* ID_AA64MMFR2_EL1: no NV, EVT */
        return val & ~(FIELD(24) | FIELD(56));
    default:
        return val; /* AArch32 ID registers, MVFRn and the reserved encodings */
    }
}

/* Debug (op0 2) and PMU registers: MDCR_EL2 traps them, they read as zero. */
static bool is_debug_or_pmu(uint64_t iss)
{
    unsigned int op0 = ISS_OP0(iss), op1 = ISS_OP1(iss), crn = ISS_CRN(iss), crm = ISS_CRM(iss);

    if (op0 == 2)
        return true; /* MDSCR, DBGB*, DBGW*, OSLAR, OSLSR, OSDLR, DBGPRCR, DCC, claim tags */
    if (op0 == 3 && crn == 9 && crm >= 12) /* PMCR_EL0 ... PMUSERENR_EL0, PMINTEN*, PMMIR */
        return true;
    if (op0 == 3 && crn == 9 && (crm == 9 || crm == 10)) /* SPE (MDCR_EL2.TPMS) */
        return true;
    if (op0 == 3 && op1 == 0 && crn == 1 && crm == 2 && ISS_OP2(iss) == 1) /* TRFCR_EL1 */
        return true;
    return op0 == 3 && op1 == 3 && crn == 14 && crm >= 8; /* PMEVCNTR<n>, PMEVTYPER<n>, PMCCFILTR */
}

void vsysreg_note_once(struct vcpu *v, unsigned int note, const char *what)
{
    if (!(__atomic_fetch_or(&v->domain->arch.sysreg_noted, note, __ATOMIC_RELAXED) & note))
        printk("d%u: %s\n", v->domain->domain_id, what);
}

/*
 * ACTLR_EL1 (D19.2.1, HCR_EL2.TACR) controls IMPLEMENTATION DEFINED behaviour
 * of the physical CPU, errata workarounds among them: it reads as zero (no
 * such control offered) and writes are ignored.
 */
#define ISS_ACTLR_EL1 SYSREG_ISS(3UL, 0UL, 1UL, 0UL, 1UL)

/*
 * Anything else that traps is UNDEFINED for the guest (inject_undef), the
 * IMPLEMENTATION DEFINED registers HCR_EL2.TIDCP traps (op0 3, CRn 11 or 15)
 * among them: they configure the physical core.
 */
bool vsysreg_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t iss)
{
    bool read = iss & SYSREG_ISS_READ;
    unsigned int rt = SYSREG_ISS_RT(iss);

    if ((iss & SYSREG_ISS_MASK) == ISS_ACTLR_EL1) {
        if (read)
            mmio_reg_write(regs, rt, 0);
        else
            vsysreg_note_once(v, SYSREG_NOTE_ACTLR, "write to ACTLR_EL1 ignored");
        return true;
    }
    if (vsetway_emulate(v, regs, iss))
        return true;

    if (ISS_OP0(iss) == 3 && ISS_OP1(iss) == 0 && ISS_CRN(iss) == 0 && ISS_CRM(iss) >= 1 &&
        ISS_CRM(iss) <= 7) {
        if (!read)
            return false; /* ID registers are read-only: UNDEFINED */
        mmio_reg_write(regs, rt, id_guest(ISS_CRM(iss), ISS_OP2(iss)));
        return true;
    }
    if (is_debug_or_pmu(iss)) {
        if (read)
            mmio_reg_write(regs, rt, 0);
        return true;
    }
    return false;
}

void vsysreg_vcpu_traps(void)
{
    uint64_t dfr0 = READ_SYSREG(id_aa64dfr0_el1);
    uint64_t pmuver = id_field(dfr0, DFR0_PMUVER);
    uint64_t mdcr = MDCR_TPMCR | MDCR_TPM | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA;

    /* HPMN = PMCR_EL0.N (0 is reserved without FEAT_HPMN0); PMCR_EL0 exists only with a PMU. */
    if (pmuver != 0 && pmuver != 0xf)
        mdcr |= (READ_SYSREG(pmcr_el0) >> 11) & 0x1f;
    if (id_field(dfr0, DFR0_PMSVER))
        mdcr |= MDCR_TPMS;
    if (id_field(dfr0, DFR0_TRACEFILT))
        mdcr |= MDCR_TTRF;
    WRITE_SYSREG(mdcr_el2, mdcr);
    /* FP/SIMD free (TFP 0); SVE, SME (RES1 TZ, TSM), trace and AMU trapped. */
    WRITE_SYSREG(cptr_el2, CPTR_EL2_RES1 | CPTR_TTA | CPTR_TAM);
    isb();
}

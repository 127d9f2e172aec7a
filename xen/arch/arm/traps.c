// SPDX-License-Identifier: GPL-2.0-only
/*
 * Synchronous exceptions and interrupts taken from guests (entry.S saves the
 * registers). Hypercalls, PSCI, WFI/WFE, emulated MMIO; any other stage-2
 * fault crashes the guest that caused it and nothing else.
 */
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>
#include <xen/hypercall.h>
#include <xen/lib.h>

void do_trap_guest_sync(struct cpu_user_regs *regs);
void hypercall_exit(struct cpu_user_regs *regs);
void do_trap_irq(struct cpu_user_regs *regs);
void do_trap_guest_serror(struct cpu_user_regs *regs);

/* Make the guest take an Unknown-reason exception at the instruction before ELR. */
void inject_undef(struct cpu_user_regs *regs)
{
    uint64_t mode = regs->spsr & SPSR_MODE_MASK;
    /* VBAR_EL1 offsets (Arm ARM D1.10.2): current EL SP0, current EL SPx, lower EL. */
    uint64_t off = mode == SPSR_MODE_EL1T ? 0x000 : mode == SPSR_MODE_EL0T ? 0x400 : 0x200;

    WRITE_SYSREG(elr_el1, regs->elr - 4);
    WRITE_SYSREG(spsr_el1, regs->spsr);
    WRITE_SYSREG(esr_el1, (EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL);
    regs->elr = READ_SYSREG(vbar_el1) + off;
    regs->spsr = SPSR_EL1H_MASKED;
}

static void crash_fault(struct vcpu *v, const char *what, uint64_t esr, uint64_t ipa)
{
    char why[160];

    ksnprintf(why, sizeof(why), "%s on vCPU%u: ESR %#lx FAR %#lx IPA %#lx PC %#lx", what,
              v->vcpu_id, (unsigned long)esr, (unsigned long)READ_SYSREG(far_el2),
              (unsigned long)ipa, (unsigned long)READ_SYSREG(elr_el2));
    domain_crash(v->domain, why);
}

static uint64_t fault_ipa(void)
{
    return HPFAR_IPA(READ_SYSREG(hpfar_el2)) | (READ_SYSREG(far_el2) & (PAGE_SIZE - 1));
}

static void handle_dabt(struct vcpu *v, struct cpu_user_regs *regs, uint64_t esr)
{
    uint64_t ipa = fault_ipa();

    if (mmio_emulate(v, regs, esr, ipa))
        regs->elr += 4;
    else
        crash_fault(v, "stage-2 data abort", esr, ipa);
}

/*
 * A guest's SGI (ICC_SGI1R_EL1 write): Aff0 target list [15:0], INTID
 * [27:24], IRM [40] = all but self. vCPU i has MPIDR Aff0 = i, Aff1..3 = 0.
 */
static void vsgi_send(struct vcpu *v, uint64_t val)
{
    struct domain *d = v->domain;
    unsigned int irq = (val >> 24) & 0xf, i;
    bool all_but_self = val & (1UL << 40);

    if (!all_but_self && (val & (0xffUL << 16 | 0xffUL << 32 | 0xffUL << 48)))
        return; /* Aff1..Aff3 name no vCPU of ours */
    for (i = 0; i < d->nr_vcpus && i < 16; i++) {
        if (all_but_self ? i == v->vcpu_id : !(val & (1UL << i)))
            continue;
        vgic_inject(&d->vcpu[i], irq);
    }
}

static void handle_sysreg(struct vcpu *v, struct cpu_user_regs *regs, uint64_t esr)
{
    uint64_t iss = ESR_ISS(esr);

    if ((iss & SYSREG_ISS_MASK) == ISS_ICC_SGI1R_EL1 && !(iss & SYSREG_ISS_READ)) {
        vsgi_send(v, mmio_reg_read(regs, SYSREG_ISS_RT(iss)));
        regs->elr += 4;
        return;
    }
    /* ID, debug and PMU registers; anything else is an undefined instruction. */
    regs->elr += 4;
    if (!vsysreg_emulate(v, regs, iss))
        inject_undef(regs);
}

void do_trap_guest_sync(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    uint64_t esr = READ_SYSREG(esr_el2);

    switch (ESR_EC(esr)) {
    case EC_HVC64:
        /* hvc #XEN_HYPERCALL_TAG never gets here: entry.S handles it. */
        if ((esr & 0xffff) == 0)
            vpsci_handle(regs);
        else
            inject_undef(regs);
        break;
    case EC_SMC64:
        /* SMCCC through SMC is not offered to guests (their DT says hvc). */
        regs->x[0] = (uint64_t)(int64_t)PSCI_NOT_SUPPORTED;
        regs->elr += 4;
        break;
    case EC_WFX:
        if (!(esr & 1)) /* ISS.TI: 0 WFI, 1 WFE */
            arch_vcpu_block(v);
        regs->elr += 4;
        break;
    case EC_DABT_LOW:
        handle_dabt(v, regs, esr);
        break;
    case EC_SYSREG:
        handle_sysreg(v, regs, esr);
        break;
    case EC_FP:
    case EC_PAC:
    case EC_SVE:
    case EC_SME:
        /* Features the guest's ID registers do not offer: undefined there. */
        regs->elr += 4;
        inject_undef(regs);
        break;
    case EC_IABT_LOW:
        crash_fault(v, "stage-2 instruction abort", esr, fault_ipa());
        break;
    default:
        crash_fault(v, "unhandled trap", esr, 0);
        break;
    }
    if (v->arch.power != VCPU_RUNNING || v->domain->state != DOMAIN_RUNNING)
        vcpu_stop_current();
    vgic_flush(v);
}

/* After entry.S's hypercall fast path: the vCPU may have been stopped. */
void hypercall_exit(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    if (v->arch.power != VCPU_RUNNING || v->domain->state != DOMAIN_RUNNING)
        vcpu_stop_current();
    vgic_flush(v);
}

void do_trap_irq(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    gic_handle_irq();
    if (v->arch.power != VCPU_RUNNING || v->domain->state != DOMAIN_RUNNING)
        vcpu_stop_current();
    vgic_flush(v);
}

void do_trap_guest_serror(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    crash_fault(v, "SError", READ_SYSREG(esr_el2), 0);
    vcpu_stop_current();
}

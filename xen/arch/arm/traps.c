// SPDX-License-Identifier: GPL-2.0-only
/*
 * Synchronous exceptions and interrupts taken from guests (entry.S saves the
 * registers). Hypercalls, PSCI, WFI/WFE, emulated MMIO; any other stage-2
 * fault crashes the guest that caused it and nothing else.
 */
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>

void do_trap_guest_sync(struct cpu_user_regs *regs);
bool do_trap_sgi_fast(struct cpu_user_regs *regs, uint64_t esr);
void hypercall_exit_slow(struct cpu_user_regs *regs, long rc);
long do_trap_irq_fast(uint64_t iar);
void do_trap_irq(struct cpu_user_regs *regs, uint64_t iar);
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

/*
 * What FAR_EL2 and HPFAR_EL2 say about an abort (ESR ISS, D19.2.43; HPFAR_EL2,
 * D19.2.50). FAR holds the guest's VA unless ISS.FnV. HPFAR holds an IPA page
 * only for a stage-2 translation, access flag or address size fault, or for
 * any stage-2 fault on a stage-1 table walk (ISS.S1PTW): then it is the page
 * of the table entry, not of the access, so there is no IPA of the access to
 * print. Only a plain stage-2 fault gives one: HPFAR's page plus FAR's offset.
 */
static void describe_abort(uint64_t esr, char *buf, size_t size)
{
    uint64_t far = READ_SYSREG(far_el2), hpfar = READ_SYSREG(hpfar_el2);
    unsigned int fsc = esr & 0x3f;
    bool s1ptw = esr & (1UL << 7), far_valid = !(esr & (1UL << 10));
    bool hpfar_valid = s1ptw || fsc <= 0x0b; /* address size, translation, access flag */
    char farbuf[40];

    if (far_valid)
        ksnprintf(farbuf, sizeof(farbuf), "FAR %#lx", (unsigned long)far);
    else
        ksnprintf(farbuf, sizeof(farbuf), "FAR not valid");
    if (!hpfar_valid)
        ksnprintf(buf, size, "%s HPFAR not valid (fault status %#x)", farbuf, fsc);
    else if (s1ptw)
        ksnprintf(buf, size, "%s HPFAR %#lx: stage-1 table walk touched IPA page %#lx", farbuf,
                  (unsigned long)hpfar, (unsigned long)HPFAR_IPA(hpfar));
    else if (far_valid)
        ksnprintf(buf, size, "%s IPA %#lx", farbuf,
                  (unsigned long)(HPFAR_IPA(hpfar) | (far & (PAGE_SIZE - 1))));
    else
        ksnprintf(buf, size, "%s IPA page %#lx", farbuf, (unsigned long)HPFAR_IPA(hpfar));
}

static void crash_fault(struct vcpu *v, const char *what, uint64_t esr)
{
    char why[200], where[120];
    unsigned int ec = ESR_EC(esr);

    if (ec == EC_DABT_LOW || ec == EC_IABT_LOW)
        describe_abort(esr, where, sizeof(where));
    else
        ksnprintf(where, sizeof(where), "FAR %#lx", (unsigned long)READ_SYSREG(far_el2));
    ksnprintf(why, sizeof(why), "%s on vCPU%u: ESR %#lx %s PC %#lx", what, v->vcpu_id,
              (unsigned long)esr, where, (unsigned long)READ_SYSREG(elr_el2));
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
        crash_fault(v, "stage-2 data abort", esr);
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

/*
 * entry.S's short path for an ICC_SGI1R_EL1 write, with every general
 * register in the frame but ELR_EL2/SPSR_EL2 still live: an SGI the vCPU
 * sends to itself alone (the target list only its own Aff0, no IRM, range
 * or higher affinity) goes straight into an empty list register, and the
 * guest resumes after the MSR. false: nothing done, do_trap_guest_sync()
 * takes the trap.
 */
bool do_trap_sgi_fast(struct cpu_user_regs *regs, uint64_t esr)
{
    struct vcpu *v = current;
    uint64_t val = mmio_reg_read(regs, SYSREG_ISS_RT(ESR_ISS(esr)));
    /* IRM [40], RS [47:44], Aff3 [55:48], Aff2 [39:32], Aff1 [23:16]: all zero. */
    uint64_t others = 0xfffff00ff0000UL;

    if ((val & others) || v->vcpu_id >= 16 || (val & 0xffff) != 1UL << v->vcpu_id ||
        v->state != VCPU_RUNNING || !vgic_inject_fast(v, (val >> 24) & 0xf))
        return false;
    WRITE_SYSREG(elr_el2, READ_SYSREG(elr_el2) + 4);
    return true;
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
        regs->elr += 4;
        if (esr & 1) /* ISS.TI: 0 WFI, 1 WFE */
            break;
        vcpu_idle(v);
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
        crash_fault(v, "stage-2 instruction abort", esr);
        break;
    default:
        crash_fault(v, "unhandled trap", esr);
        break;
    }
    exit_to_guest(regs);
}

/*
 * entry.S's hypercall path, when its one check failed: the handler asked
 * for a continuation (rc -ERESTART), the vCPU is no longer RUNNING, or its
 * vGIC has work. The frame is complete here. A domain shut down from
 * another CPU leaves this vCPU RUNNING only until sched_domain_kill() marks
 * it DEAD and kicks it, so the fast path need not read the domain's state.
 */
void hypercall_exit_slow(struct cpu_user_regs *regs, long rc)
{
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, state) != VCPU_STATE);
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, arch.exit_work) != VCPU_EXIT_WORK);
    BUILD_BUG_ON(VCPU_RUNNING != VCPU_RUNNING_ID);
    BUILD_BUG_ON(__builtin_offsetof(struct cpu_user_regs, x[16]) != UREGS_X16);
    BUILD_BUG_ON(__builtin_offsetof(struct cpu_user_regs, spsr) != UREGS_SPSR);
    /* entry.S's assigned-SPI short cut (guest_irq) reads these. */
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, vcpu_id) != VCPU_ID);
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, domain) != VCPU_DOMAIN);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, state) != DOMAIN_STATE);
    BUILD_BUG_ON(DOMAIN_RUNNING != DOMAIN_RUNNING_ID);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, arch.vgic.ctlr) != DOMAIN_VGIC_CTLR);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, arch.vgic.enabled) != DOMAIN_VGIC_ENABLED);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, arch.vgic.pending) != DOMAIN_VGIC_PENDING);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, arch.vgic.prio) != DOMAIN_VGIC_PRIO);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, arch.vgic.route) != DOMAIN_VGIC_ROUTE);
    BUILD_BUG_ON(__builtin_offsetof(struct domain, arch.vgic.hw) != DOMAIN_VGIC_HW);
    BUILD_BUG_ON(sizeof(((struct vcpu *)0)->vcpu_id) != 4 || sizeof(((struct domain *)0)->state) != 4);
    BUILD_BUG_ON(GICD_CTLR_ENABLE_G1 != 1u << VGIC_CTLR_G1_BIT);
    BUILD_BUG_ON(VGIC_NR_SPIS != VGIC_SPIS);
    if (rc == -ERESTART)
        rc = hypercall_continue(regs->x[16], regs->x);
    regs->x[0] = (uint64_t)rc;
    exit_to_guest(regs);
}

/*
 * entry.S's second step on a guest's IRQ, with only x0..x18 and x30 in the
 * frame: entry.S acknowledged the interrupt (iar) and placed, without this
 * call, an SPI of the running domain's own device when every list register
 * was empty. Here: when it is the virtual timer of the running vCPU that
 * vgic_inject_hw_fast() can place, or such an SPI that vgic_spi_hw_fast()
 * can place beside other list registers (the vGIC's hw bits say whose it
 * is), drop its priority and be done (-1): the guest resumes. Anything else
 * returns its IAR for do_trap_irq(), with the whole frame.
 */
long do_trap_irq_fast(uint64_t iar)
{
    unsigned int irq = iar & 0xffffff;
    struct vcpu *v = current;

    if (!v || v->state != VCPU_RUNNING)
        return (long)iar;
    if (irq == bootinfo.timer_ppi_virt ? !vgic_inject_hw_fast(v, irq)
                                       : irq < 32 || v->domain->state != DOMAIN_RUNNING ||
                                             !vgic_spi_hw_fast(v, v->domain, irq))
        return (long)iar;
    WRITE_SYSREG(icc_eoir1_el1, iar); /* priority drop; the guest's EOI deactivates it */
    return -1;
}

/* iar: what do_trap_irq_fast() (or entry.S, for a FIQ) acknowledged. */
void do_trap_irq(struct cpu_user_regs *regs, uint64_t iar)
{
    gic_handle_irq(iar);
    exit_to_guest(regs);
}

void do_trap_guest_serror(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    crash_fault(v, "SError", READ_SYSREG(esr_el2));
    vcpu_stop_current();
}

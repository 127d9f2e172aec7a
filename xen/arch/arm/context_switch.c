// SPDX-License-Identifier: GPL-2.0-only
/*
 * Switching a physical CPU between vCPUs (the rr policy's pools): the arch
 * half of the common scheduler. Every switch happens on the way out of the
 * hypervisor, where the trap frame at the top of the CPU's stack holds the
 * whole general-purpose state of the vCPU that trapped: the frame, its EL1
 * system registers, FP/SIMD, timers and virtual GIC interface go to
 * v->arch.ctxt, the next vCPU's come back from its own, and it is entered
 * as if it had trapped. There is no hypervisor thread to switch: each CPU
 * has one stack.
 *
 * Time: the EL2 physical timer (CNTHP_*_EL2, Arm ARM D11.2.3, PPI 26)
 * belongs to the scheduler. It ends the running vCPU's slice and, for a
 * vCPU blocked off its CPU, stands in for its virtual timer: at the
 * deadline the vCPU is woken, and once loaded its own virtual timer fires
 * (the condition still holds) and is delivered as usual.
 *
 * VMIDs: each domain has its own (its id), never reused while anything of
 * it can be in a TLB (a slot is only reused after a creation that failed,
 * before any vCPU ran), and TLB entries are tagged with the VMID (Arm ARM
 * D8.14 "Translation Lookaside Buffers", VMID tagging), so writing
 * VTTBR_EL2 needs no TLB maintenance. vCPUs of one domain share a VMID; a
 * guest's local TLB and I-cache maintenance is broadcast (HCR_EL2.FB) and
 * so reaches the entries another of its vCPUs left on this CPU.
 */
#include <asm/gic.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>

void fpsimd_save(uint64_t *q);
void fpsimd_load(const uint64_t *q);

/* CNTx_CTL (Arm ARM D19.12: CNTV_CTL_EL0, CNTHP_CTL_EL2): ENABLE, IMASK, ISTATUS. */
#define CNT_CTL_ENABLE BIT64(0)
#define CNT_CTL_IMASK BIT64(1)
#define CNT_CTL_ISTATUS BIT64(2)

/* Per CPU: the vCPU whose state is in the registers, and the slice's end in counter ticks. */
static struct vcpu *loaded[CONFIG_NR_CPUS];
static uint64_t slice_end[CONFIG_NR_CPUS];
/*
 * Set when this CPU's scheduler may have something new (a kick from another
 * CPU, the EL2 timer, a vCPU of this CPU woken or started from here, a
 * yield): the slow exit asks the scheduler only then, or when the vCPU is
 * no longer RUNNING, so that an ordinary exit costs a few loads.
 */
volatile bool sched_poked[CONFIG_NR_CPUS];

void sched_poke(void)
{
    sched_poked[smp_processor_id()] = true;
}

static struct cpu_user_regs *frame_of(unsigned int cpu)
{
    return (struct cpu_user_regs *)(cpu_stacks[cpu] + STACK_SIZE) - 1;
}

bool vcpu_is_loaded(const struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();

    return v->pcpu == cpu && loaded[cpu] == v;
}

static uint64_t ns_to_ticks(uint64_t ns)
{
    uint64_t freq = READ_SYSREG(cntfrq_el0);

    return ns / 1000000000UL * freq + ns % 1000000000UL * freq / 1000000000UL;
}

/*
 * ICH_AP0R<n>_EL2 / ICH_AP1R<n>_EL2 (IHI 0069 12.5.1, 12.5.2): how many of
 * each the CPU has follows ICH_VTR_EL2.PREbits (12.5.10): 5 bits of
 * preemption need one, 6 two, 7 four.
 */
static unsigned int nr_aprs(void)
{
    unsigned int pre = ((READ_SYSREG(ich_vtr_el2) >> 29) & 7) + 1;

    return pre >= 7 ? 4 : pre == 6 ? 2 : 1;
}

#define APR_CASE(n)                                                     \
    case n:                                                             \
        if (save) {                                                     \
            c->ap0r[n] = (uint32_t)READ_SYSREG(ich_ap0r##n##_el2);      \
            c->ap1r[n] = (uint32_t)READ_SYSREG(ich_ap1r##n##_el2);      \
        } else {                                                        \
            WRITE_SYSREG(ich_ap0r##n##_el2, c->ap0r[n]);                \
            WRITE_SYSREG(ich_ap1r##n##_el2, c->ap1r[n]);                \
        }                                                               \
        break

static void aprs(struct vcpu_ctxt *c, bool save)
{
    unsigned int i, n = nr_aprs();

    for (i = 0; i < n; i++) {
        switch (i) {
            APR_CASE(0);
            APR_CASE(1);
            APR_CASE(2);
            APR_CASE(3);
        }
    }
}

/*
 * The virtual CPU interface (IHI 0069 12.4, 12.5): list registers, the
 * active priorities, ICH_VMCR_EL2 (the guest's ICC_PMR/BPR/IGRPEN view)
 * and ICH_HCR_EL2; and the virtual timer's physical PPI, which is active
 * while a HW list register holds its virtual twin. Another vCPU needs that
 * PPI, so its active state goes with the vCPU (as the LR's HW bit does).
 */
static void vgic_save(struct vcpu *v)
{
    struct vcpu_ctxt *c = &v->arch.ctxt;
    unsigned int i, ppi = bootinfo.timer_ppi_virt;

    c->vmcr = READ_SYSREG(ich_vmcr_el2);
    c->ich_hcr = READ_SYSREG(ich_hcr_el2);
    aprs(c, true);
    for (i = 0; i < gic_nr_lrs(); i++) {
        c->lr[i] = gic_read_lr(i);
        gic_write_lr(i, 0);
    }
    WRITE_SYSREG(ich_hcr_el2, 0);
    c->vtimer_active = gic_ppi_active(ppi);
    if (c->vtimer_active)
        gic_ppi_set_active(ppi, false);
}

static void vgic_load(struct vcpu *v)
{
    struct vcpu_ctxt *c = &v->arch.ctxt;
    unsigned int i;

    if (c->vtimer_active)
        gic_ppi_set_active(bootinfo.timer_ppi_virt, true);
    for (i = 0; i < gic_nr_lrs(); i++)
        gic_write_lr(i, c->lr[i]);
    aprs(c, false);
    WRITE_SYSREG(ich_vmcr_el2, c->vmcr);
    WRITE_SYSREG(ich_hcr_el2, c->ich_hcr);
}

#define SAVE(f, reg) c->f = READ_SYSREG(reg)
#define LOAD(f, reg) WRITE_SYSREG(reg, c->f)
/* Each EL1 register the guest owns, once: saved and loaded from the same list. */
#define EL1_REGS(X)                                                                    \
    X(sctlr, sctlr_el1); X(cpacr, cpacr_el1); X(ttbr0, ttbr0_el1); X(ttbr1, ttbr1_el1); \
    X(tcr, tcr_el1); X(mair, mair_el1); X(amair, amair_el1); X(vbar, vbar_el1);         \
    X(contextidr, contextidr_el1); X(tpidr_el0, tpidr_el0); X(tpidrro_el0, tpidrro_el0); \
    X(tpidr_el1, tpidr_el1); X(sp_el0, sp_el0); X(sp_el1, sp_el1); X(elr_el1, elr_el1); \
    X(spsr_el1, spsr_el1); X(esr, esr_el1); X(far, far_el1); X(afsr0, afsr0_el1);       \
    X(afsr1, afsr1_el1); X(par, par_el1); X(csselr, csselr_el1); X(cntkctl, cntkctl_el1)

/* Take the vCPU that trapped (its frame at regs) off this CPU. */
static void ctxt_save(struct vcpu *v, const struct cpu_user_regs *regs)
{
    struct vcpu_ctxt *c = &v->arch.ctxt;

    BUILD_BUG_ON(sizeof(c->regs) != sizeof(*regs));
    /* fpsimd_save() writes FPSR and FPCR right after the V registers. */
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu_ctxt, fpsr) != __builtin_offsetof(struct vcpu_ctxt, q) + 512);
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu_ctxt, fpcr) != __builtin_offsetof(struct vcpu_ctxt, q) + 520);
    memcpy(c->regs, regs, sizeof(c->regs));
    EL1_REGS(SAVE);
    SAVE(hcr, hcr_el2);
    /* Timers off first: neither may fire for the next vCPU (D11.2.4). */
    SAVE(cntv_ctl, cntv_ctl_el0);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    SAVE(cntp_ctl, cntp_ctl_el0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
    isb();
    SAVE(cntv_cval, cntv_cval_el0);
    SAVE(cntp_cval, cntp_cval_el0);
    fpsimd_save(c->q);
    vgic_save(v);
    v->arch.saved = true;
    v->arch.switches++;
    loaded[v->pcpu] = NULL;
}

/* Put v's state in this CPU's registers and its frame at regs. */
static void ctxt_load(struct vcpu *v, struct cpu_user_regs *regs)
{
    struct vcpu_ctxt *c = &v->arch.ctxt;

    set_current(v);
    WRITE_SYSREG(vttbr_el2, v->domain->arch.vttbr);
    WRITE_SYSREG(vmpidr_el2, v->arch.vmpidr);
    LOAD(hcr, hcr_el2);
    EL1_REGS(LOAD);
    fpsimd_load(c->q);
    vgic_load(v);
    LOAD(cntv_cval, cntv_cval_el0);
    LOAD(cntp_cval, cntp_cval_el0);
    isb();
    LOAD(cntv_ctl, cntv_ctl_el0);
    LOAD(cntp_ctl, cntp_ctl_el0);
    isb();
    memcpy(regs, c->regs, sizeof(*regs));
    v->arch.saved = false;
    loaded[v->pcpu] = v;
}

static void ctxt_reset(struct vcpu *v)
{
    struct vcpu_ctxt *c = &v->arch.ctxt;

    /* A clean EL1: MMU off, FP usable, no vectors, timers off, nothing of anyone else's. */
    memset(c, 0, sizeof(*c));
    c->sctlr = SCTLR_EL1_GUEST;
    c->cpacr = 3UL << 20; /* CPACR_EL1.FPEN: FP/SIMD at EL1 and EL0 (D19.2.30) */
    c->hcr = vcpu_hcr(v);
    c->ich_hcr = ICH_HCR_EN;
    c->regs[0] = v->arch.start_x0;
    c->regs[31] = v->arch.start_pc;
    c->regs[32] = SPSR_EL1H_MASKED;
    c->vtimer_active = false;
    v->arch.ram_clean_next = 0; /* a set/way clean cut short by CPU_OFF starts over */
}

/* Whether v, off its CPU, waits for a virtual timer that has expired. */
static bool vtimer_due(const struct vcpu *v, uint64_t now)
{
    const struct vcpu_ctxt *c = &v->arch.ctxt;

    return (c->cntv_ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE &&
           c->cntv_cval <= now;
}

bool ctxt_irq_pending(const struct vcpu *v)
{
    /* Loaded: the timer's condition, though its interrupt may not be taken yet (D19.12). */
    if (vcpu_is_loaded(v))
        return (READ_SYSREG(cntv_ctl_el0) & (CNT_CTL_ENABLE | CNT_CTL_IMASK | CNT_CTL_ISTATUS)) ==
               (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
    /* CNTVOFF_EL2 is 0 for every guest: its virtual count is the physical count. */
    return v->arch.saved && vtimer_due(v, READ_SYSREG(cntpct_el0));
}

/*
 * The vCPUs of this CPU that are off it and blocked with an armed virtual
 * timer: with wake, those whose deadline has passed are woken; the
 * earliest deadline of the others is returned (0: none). Without wake a
 * deadline that has passed counts too: the timer then fires at once and
 * its interrupt wakes them (one may have expired while its vCPU was on
 * the way out, its interrupt never taken).
 */
static uint64_t blocked_timers(unsigned int cpu, uint64_t now, bool wake)
{
    uint64_t first = 0;
    unsigned int id, i;

    for (id = 1; id <= CONFIG_MAX_DOMAINS; id++) {
        struct domain *d = domain_by_id((domid_t)id);

        for (i = 0; d && i < d->nr_vcpus; i++) {
            struct vcpu *v = &d->vcpu[i];
            const struct vcpu_ctxt *c = &v->arch.ctxt;

            if (v->pcpu != cpu || !v->arch.saved || v->state != VCPU_BLOCKED ||
                (c->cntv_ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) != CNT_CTL_ENABLE)
                continue;
            if (wake && c->cntv_cval <= now) {
                vcpu_wake(v);
                continue;
            }
            if (!first || c->cntv_cval < first)
                first = c->cntv_cval;
        }
    }
    return first;
}

/* Program this CPU's EL2 timer for the slice's end or the first blocked vCPU's deadline. */
static bool sched_timer_arm(unsigned int cpu)
{
    uint64_t now, at;

    /* A CPU with one vCPU (the null policy) has no slice and nobody off it to wake. */
    if (!slice_end[cpu] && !sched_cpu_shared(cpu)) {
        WRITE_SYSREG(cnthp_ctl_el2, 0);
        return false;
    }
    now = READ_SYSREG(cntpct_el0);
    at = blocked_timers(cpu, now, false);

    if (slice_end[cpu] && (!at || slice_end[cpu] < at))
        at = slice_end[cpu];
    if (!at) {
        WRITE_SYSREG(cnthp_ctl_el2, 0);
        return false;
    }
    /* CNTHP_CVAL_EL2 (D19.12): fires when the physical count reaches it. */
    WRITE_SYSREG(cnthp_cval_el2, at);
    WRITE_SYSREG(cnthp_ctl_el2, CNT_CTL_ENABLE);
    isb();
    return true;
}

void sched_timer_irq(void)
{
    unsigned int cpu = smp_processor_id();

    WRITE_SYSREG(cnthp_ctl_el2, 0); /* the line drops; re-armed on the way out */
    isb();
    blocked_timers(cpu, READ_SYSREG(cntpct_el0), true);
    sched_poked[cpu] = true;
}

void vcpu_run(struct vcpu *v, uint64_t slice_ns)
{
    unsigned int cpu = smp_processor_id();
    struct cpu_user_regs *regs = frame_of(cpu);
    bool fresh = !v->arch.saved;

    if (fresh)
        ctxt_reset(v);
    ctxt_load(v, regs);
    if (fresh)
        vcpu_enter_fresh(v);
    slice_end[cpu] = slice_ns ? READ_SYSREG(cntpct_el0) + ns_to_ticks(slice_ns) : 0;
    sched_timer_arm(cpu);
    if (fresh)
        vgic_flush(v);
    else
        vgic_exit(v);
    enter_guest(regs);
}

void ctxt_drop(struct vcpu *v)
{
    loaded[v->pcpu] = NULL;
    v->arch.saved = false;
}

/*
 * exit_to_guest() (<asm/vcpu.h>), when v is not simply RUNNING on an unpoked CPU.
 * The end of every slow exit (traps.c): v goes back in, unless it stopped,
 * or the scheduler has something else for this CPU (its slice ended, it
 * blocked or yielded, another vCPU here woke or came online: each pokes
 * this CPU, see sched_poked[]). The hypercall fast path (entry.S) reaches here
 * when v is no longer RUNNING or has exit work; the end of a slice is a
 * timer interrupt, which always comes here.
 */
void exit_to_guest_slow(struct cpu_user_regs *regs)
{
    struct vcpu *v = current, *next;
    unsigned int cpu = v->pcpu;
    uint64_t slice;

    if (v->domain->state != DOMAIN_RUNNING || v->state == VCPU_OFFLINE || v->state == VCPU_DEAD)
        vcpu_stop_current();
    sched_poked[cpu] = false;
    if (!sched_work_pending(cpu, arch_time_ns())) {
        sched_timer_arm(cpu); /* it may have fired for a vCPU that is runnable by now */
        vgic_exit(v);
        return;
    }
    next = schedule(cpu, arch_time_ns(), &slice);
    if (next == v) {
        slice_end[cpu] = slice ? READ_SYSREG(cntpct_el0) + ns_to_ticks(slice) : 0;
        sched_timer_arm(cpu);
        vgic_exit(v);
        return;
    }
    ctxt_save(v, regs);
    if (!next)
        cpu_idle_loop();
    vcpu_run(next, slice);
}

/* The idle loop's wait: for an event, or, when a deadline is armed, for an interrupt. */
void idle_wait(unsigned int cpu)
{
    slice_end[cpu] = 0;
    if (sched_timer_arm(cpu))
        wfi(); /* wakes on the pending EL2 timer interrupt though IRQs are masked (D1.16.2) */
    else
        wfe();
    gic_handle_irq(gic_ack());
    sched_poked[cpu] = false; /* the idle loop asks the scheduler anyway */
}

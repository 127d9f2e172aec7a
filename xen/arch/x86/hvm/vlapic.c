// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each vCPU's local APIC, as an x2APIC only (SDM Vol. 3A 11.12): its
 * registers are MSRs 0x800-0x8ff, so every access is a RDMSR/WRMSR exit
 * with the value in edx:eax and no instruction to decode. The xAPIC MMIO
 * page is not mapped (an access is an EPT violation: the guest crashes).
 * What it offers is the timer (one-shot and periodic, counting at the TSC
 * rate before its divider, and TSC-deadline mode, 11.5.4.1), interrupt
 * request and in-service registers for every vector with the priority
 * rules of 11.8.3.1 (TPR, PPR, EOI of the highest in service), self-IPIs
 * (ICR with the self shorthand or its own ID, and the SELF IPI register),
 * the error status register, the LVT entries a driver programs and the
 * registers it reads. The highest deliverable request is injected at VM
 * entry when the guest can take it, with interrupt-window exiting until
 * then; a pending NMI goes first, with NMI-window exiting while the guest
 * blocks NMIs; a blocked vCPU wakes for either. IPIs go to the vCPUs of
 * the sender's own domain only: fixed, lowest priority (to one of them),
 * NMI, and INIT and STARTUP to bring an AP up (9.4.4); a destination no
 * vCPU of the domain answers to is dropped with a log line, and so are SMI,
 * ExtINT and the reserved delivery modes (no SMM, no 8259 here).
 */
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

/* IA32_APIC_BASE (11.4.4): the default base, enable, x2APIC mode, BSP. */
#define APIC_BASE_DEFAULT 0xfee00000UL
#define APIC_BASE_BSP (1UL << 8)
#define APIC_BASE_EXTD (1UL << 10)
#define APIC_BASE_EN (1UL << 11)

/* x2APIC MSRs (table 11-6): 0x800-0x8ff */
#define X2APIC_FIRST 0x800U
#define X2APIC_COUNT 0x100U
#define X2APIC_ID 0x802
#define X2APIC_VERSION 0x803
#define X2APIC_TPR 0x808
#define X2APIC_PPR 0x80a
#define X2APIC_EOI 0x80b
#define X2APIC_LDR 0x80d
#define X2APIC_SVR 0x80f
#define X2APIC_ISR0 0x810
#define X2APIC_ISR7 0x817
#define X2APIC_TMR0 0x818
#define X2APIC_TMR7 0x81f
#define X2APIC_IRR0 0x820
#define X2APIC_IRR7 0x827
#define X2APIC_ESR 0x828
#define X2APIC_LVT_CMCI 0x82f
#define X2APIC_ICR 0x830
#define X2APIC_LVT_TIMER 0x832
#define X2APIC_LVT_THERMAL 0x833
#define X2APIC_LVT_ERROR 0x837
#define X2APIC_SELF_IPI 0x83f
#define X2APIC_TIMER_ICR 0x838
#define X2APIC_TIMER_CCR 0x839
#define X2APIC_TIMER_DCR 0x83e

#define APIC_VERSION_VALUE 0x50014 /* 6 LVT entries, version 0x14 */
#define SVR_ENABLE (1U << 8)
#define LVT_MASKED (1U << 16)
/* Timer mode, bits 18:17 (figure 11-8, table 11-2): 00b one-shot, 01b periodic, 10b deadline. */
#define LVT_TIMER_MODE (3U << 17)
#define LVT_TIMER_PERIODIC (1U << 17)
#define LVT_TIMER_TSC_DEADLINE (2U << 17)
#define LVT_VECTOR(l) ((l) & 0xff)
/* LVT bits a write keeps: vector, delivery mode, polarity, trigger, mask (figure 11-8). */
#define LVT_WRITABLE (0xffU | (7U << 8) | (1U << 13) | (1U << 15) | LVT_MASKED)

/* ICR (11.6.1, figure 11-12; x2APIC: destination in bits 63:32, 11.12.9). */
#define ICR_VECTOR(i) ((uint32_t)(i) & 0xff)
#define ICR_DELIVERY(i) (((i) >> 8) & 7)
#define ICR_DM_FIXED 0
#define ICR_DM_LOWEST 1
#define ICR_DM_NMI 4
#define ICR_DM_INIT 5
#define ICR_DM_STARTUP 6
#define ICR_LEVEL_ASSERT (1UL << 14)
#define ICR_TRIGGER_LEVEL (1UL << 15)
#define ICR_SHORTHAND(i) (((i) >> 18) & 3) /* 0 none, 1 self, 2 all incl. self, 3 all excl. self */
#define ICR_LOGICAL (1UL << 11)
#define ICR_DEST(i) ((uint32_t)((i) >> 32))
#define ICR_RESERVED 0xfff32000UL /* bits 31:20, 17:16, 13 of the low half */

/* Interruptibility state: blocking by STI or by MOV SS, by NMI (SDM Vol. 3C 25.4.2, table 25-3). */
#define INTERRUPTIBILITY_STI_MOVSS 3UL
#define INTERRUPTIBILITY_NMI (1UL << 3)
#define INTR_TYPE_EXT_INTR (0U << 8)
#define NMI_VECTOR 2 /* an NMI is delivered through IDT vector 2 (SDM Vol. 3A 7.7) */

/* Divide configuration (11.5.4, figure 11-10): bits 3,1,0 -> 2, 4, ... 128, 1. */
static uint64_t timer_divisor(uint32_t dcr)
{
    unsigned int v = ((dcr & 8) >> 1) | (dcr & 3);

    return v == 7 ? 1 : 2UL << v;
}

static bool tsc_deadline_mode(const struct vlapic *l)
{
    return (l->lvt_timer & LVT_TIMER_MODE) == LVT_TIMER_TSC_DEADLINE;
}

static void timer_start(struct vlapic *l)
{
    l->period = (uint64_t)l->initial * timer_divisor(l->dcr);
    l->deadline = l->initial ? rdtsc() + l->period : 0;
}

/* The highest vector set in a 256-bit register, or -1. */
static int highest_vector(const uint32_t *reg)
{
    int i;

    for (i = 7; i >= 0; i--)
        if (reg[i])
            return i * 32 + 31 - __builtin_clz(reg[i]);
    return -1;
}

/*
 * Request vector (fixed delivery, edge): its IRR bit is set and the exit
 * path has work until it is injected (v->arch.exit_work). Vectors 0-15
 * are illegal (11.5.3): dropped, as the send-accept error would be.
 */
static void vlapic_set_irr(struct vcpu *v, unsigned int vector)
{
    struct vlapic *l = &v->arch.vlapic;

    if (vector < 16 || !(l->svr & SVR_ENABLE))
        return;
    vector = (unsigned int)array_index_nospec(vector, 256);
    /* Atomic: another vCPU's IPI sets bits while v's own CPU injects and clears them. */
    __atomic_fetch_or(&l->irr[vector / 32], 1U << (vector % 32), __ATOMIC_SEQ_CST);
    v->arch.exit_work = 1;
}

/* The timer's deadline has passed: its vector is requested unless its LVT entry is masked. */
static void vlapic_poll(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    uint64_t now;

    if (!l->deadline)
        return;
    now = rdtsc();
    if (now < l->deadline)
        return;
    if (!(l->lvt_timer & LVT_MASKED))
        vlapic_set_irr(v, LVT_VECTOR(l->lvt_timer));
    if ((l->lvt_timer & LVT_TIMER_PERIODIC) && l->period)
        l->deadline += ((now - l->deadline) / l->period + 1) * l->period;
    else
        l->deadline = 0;
}

/* Processor priority (11.8.3.1): the TPR, or the class of the highest vector in service. */
static uint32_t vlapic_ppr(const struct vlapic *l)
{
    int isr = highest_vector(l->isr);
    uint32_t isr_class = isr < 0 ? 0 : (uint32_t)isr & 0xf0;

    return (l->tpr & 0xf0) >= isr_class ? l->tpr : isr_class;
}

/* The vector to deliver now, or -1: the highest requested, if its class beats the PPR. */
static int vlapic_deliverable(const struct vlapic *l)
{
    int irr = highest_vector(l->irr);

    if (irr < 0 || !(l->svr & SVR_ENABLE))
        return -1;
    return ((uint32_t)irr >> 4) > (vlapic_ppr(l) >> 4) ? irr : -1;
}

bool vlapic_wakes(struct vcpu *v)
{
    vlapic_poll(v);
    return __atomic_load_n(&v->arch.vlapic.nmi_pending, __ATOMIC_SEQ_CST) ||
           vlapic_deliverable(&v->arch.vlapic) >= 0;
}

uint64_t vlapic_deadline(const struct vcpu *v)
{
    return v->arch.vlapic.deadline;
}

/*
 * A pending NMI (an NMI IPI): injected as one, interruption type NMI
 * through vector 2 (SDM Vol. 3C 25.8.3, 27.6), unless the guest blocks it:
 * by NMI (its NMI handler has not executed IRET yet; with virtual NMIs the
 * CPU keeps that bit, 25.4.2 and 26.3), by STI or MOV SS (VM entry
 * refuses an NMI under either, 27.3.1.5), or because another event is
 * being injected. Then NMI-window exiting brings the vCPU back as soon as
 * it can take it (without virtual NMIs: the next exit, the preemption
 * timer's at the latest). The pending flag is taken with an exchange, so
 * an NMI IPI that arrives meanwhile is held, not lost. true: one waits.
 */
static bool vlapic_inject_nmi(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    bool blocked = false;

    if (__atomic_load_n(&l->nmi_pending, __ATOMIC_SEQ_CST)) {
        blocked = (vmread(GUEST_INTERRUPTIBILITY_INFO) &
                   (INTERRUPTIBILITY_STI_MOVSS | INTERRUPTIBILITY_NMI)) ||
                  (vmread(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID);
        if (!blocked && __atomic_exchange_n(&l->nmi_pending, 0, __ATOMIC_SEQ_CST))
            vmwrite(VM_ENTRY_INTR_INFO, NMI_VECTOR | INTR_TYPE_NMI | INTR_INFO_VALID);
    }
    if (blocked != l->nmi_window) { /* the common case costs no VMREAD */
        vmx_set_nmi_window(blocked);
        l->nmi_window = blocked;
    }
    return blocked;
}

/* Before entering v (its VMCS is current): inject, or ask for the window. */
void vlapic_inject(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    bool open, nmi;
    int vec;

    vlapic_poll(v);
    nmi = vlapic_inject_nmi(v); /* first: an NMI outranks every interrupt (SDM Vol. 3A 7.9) */
    vec = vlapic_deliverable(l);
    if (vec < 0) {
        if (l->window) /* the common case costs no VMREAD */
            vmx_set_intr_window(false);
        l->window = false;
        /* Requests the PPR holds back wait for an EOI or a TPR write, both exits. */
        v->arch.exit_work = nmi;
        return;
    }
    /* Not over another event being injected (a #GP from an MSR exit, say). */
    open = (vmread(GUEST_RFLAGS) & X86_EFLAGS_IF) &&
           !(vmread(GUEST_INTERRUPTIBILITY_INFO) & INTERRUPTIBILITY_STI_MOVSS) &&
           !(vmread(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID);
    if (open) {
        vmwrite(VM_ENTRY_INTR_INFO, (uint32_t)vec | INTR_TYPE_EXT_INTR | INTR_INFO_VALID);
        __atomic_fetch_and(&l->irr[vec / 32], ~(1U << (vec % 32)), __ATOMIC_SEQ_CST);
        l->isr[vec / 32] |= 1U << (vec % 32);
        v->arch.exit_work = nmi || vlapic_deliverable(l) >= 0;
    }
    l->window = !open;
    vmx_set_intr_window(!open);
}

/*
 * CR8 is the TPR's priority class (11.8.6.1): a MOV to CR8 sets TPR[7:4]
 * and clears TPR[3:0], a MOV from CR8 reads TPR[7:4]. The guest's MOVs
 * exit (vmx.c) and land here, never on the CPU's own local APIC.
 */
unsigned long vlapic_cr8(const struct vcpu *v)
{
    return v->arch.vlapic.tpr >> 4;
}

void vlapic_set_cr8(struct vcpu *v, unsigned long cr8)
{
    v->arch.vlapic.tpr = (uint32_t)(cr8 & 0xf) << 4;
}

/*
 * IA32_APIC_BASE: enabled, in x2APIC mode from reset, as firmware may leave
 * it (SDM Vol. 3A 11.12.1), and locked there (the xAPIC is disabled,
 * hvm/msr.c): there is no xAPIC page to fall back on, and Linux takes the
 * MSR interface from its first access ("x2apic enabled by BIOS") instead
 * of reading the xAPIC ID from MMIO. Nothing may change. 0 or -1 (#GP).
 */
int vlapic_base_msr(struct vcpu *v, bool write, uint64_t *val)
{
    uint64_t fixed = APIC_BASE_DEFAULT | APIC_BASE_EN | (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);

    if (!write) {
        *val = fixed | APIC_BASE_EXTD;
        return 0;
    }
    return *val == (fixed | APIC_BASE_EXTD) ? 0 : -1;
}

/*
 * Whether vCPU t of the sender v's domain is a destination of icr: the
 * shorthand, else the x2APIC physical ID (= vCPU ID), or the logical
 * cluster (bits 31:16) and member bit (15:0) of its LDR (11.12.10.2), or
 * the broadcast ID 0xffffffff (11.12.9).
 */
static bool icr_targets(const struct vcpu *v, const struct vcpu *t, uint64_t icr)
{
    uint32_t dest = ICR_DEST(icr);

    switch (ICR_SHORTHAND(icr)) {
    case 1: return t == v;
    case 2: return true;
    case 3: return t != v;
    default:
        if (dest == 0xffffffffU)
            return true;
        if (!(icr & ICR_LOGICAL))
            return dest == t->vcpu_id;
        return (dest >> 16) == (t->vcpu_id >> 4) && (dest & (1U << (t->vcpu_id & 15)));
    }
}

/*
 * A fixed interrupt for t, requested by another vCPU of its domain (its
 * IRR bit is set, a locked instruction: a full barrier before the state
 * is read): a blocked t wakes; a t running on another CPU is interrupted
 * there, so that its exit path (vlapic_inject()) sees the request before
 * its next entry even if it had just decided there was none. Only then:
 * a guest's IPIs interrupt no CPU that runs another domain. A t that is
 * RUNNABLE finds the request when it next comes on (schedule.c fences
 * between making it RUNNING and its first look at the IRR, so one side
 * sees the other's store).
 */
static void vlapic_notify(struct vcpu *t)
{
    vcpu_wake(t);
    if (t->pcpu != smp_processor_id() &&
        __atomic_load_n(&t->state, __ATOMIC_SEQ_CST) == VCPU_RUNNING)
        arch_sched_kick(t->pcpu);
}

/* Sets the STARTUP vector under t's lock, before anyone can run t (vcpu_up()). */
static void sipi_prepare(struct vcpu *t, void *arg)
{
    t->arch.wait_for_sipi = false;
    t->arch.sipi_vector = *(const int *)arg;
}

/*
 * INIT and STARTUP (11.6.1, 9.4.4.1): an INIT puts an OFFLINE vCPU in the
 * wait-for-SIPI state, a STARTUP IPI then starts it in real mode at
 * vector << 12 (CS = vector << 8, IP = 0; its own CPU writes that state,
 * vmx_vcpu_start_real()), scheduled from then on like any vCPU. The vCPU
 * is not entered while it waits: VMX's wait-for-SIPI activity state
 * (25.4.2) is left only by a physical SIPI. As on hardware, a STARTUP IPI
 * to a vCPU not waiting for one is ignored (Linux sends two). An INIT to a
 * vCPU that runs would reset it mid-flight: not emulated, dropped with a
 * line (Linux sends INIT only to APs it has not started or that are
 * offline). The INIT level de-assert (level trigger, level 0) only
 * synchronised arbitration IDs on old processors: ignored, as by every
 * processor since the Pentium 4.
 */
static void vlapic_init_sipi(struct vcpu *v, struct vcpu *t, uint64_t icr)
{
    struct domain *d = v->domain;

    if (ICR_DELIVERY(icr) == ICR_DM_INIT) {
        if ((icr & ICR_TRIGGER_LEVEL) && !(icr & ICR_LEVEL_ASSERT))
            return;
        if (t->state == VCPU_OFFLINE)
            t->arch.wait_for_sipi = true;
        else
            printk_guest(d, "d%u v%u: INIT to v%u, which is not offline: not emulated, dropped\n",
                         d->domain_id, v->vcpu_id, t->vcpu_id);
        return;
    }
    if (t->arch.wait_for_sipi && t->state == VCPU_OFFLINE) {
        int vector = (int)ICR_VECTOR(icr);

        if (!vcpu_up(t, sipi_prepare, &vector))
            printk_guest(d, "d%u v%u: STARTUP IPI starts v%u at %#x\n", d->domain_id, v->vcpu_id,
                         t->vcpu_id, (unsigned int)vector << 12);
    }
}

/*
 * A fixed interrupt (its vector) or an NMI (the vector field is ignored,
 * 11.6.1) for t, sent by v. An NMI is accepted even by a software-disabled
 * APIC (11.4.7.2) and is one pending flag: a second before the first is
 * injected is lost, as on hardware (SDM Vol. 3A 7.7.1).
 */
static void vlapic_deliver(struct vcpu *v, struct vcpu *t, bool nmi, unsigned int vector)
{
    if (nmi) {
        __atomic_store_n(&t->arch.vlapic.nmi_pending, 1, __ATOMIC_SEQ_CST);
        t->arch.exit_work = 1;
    } else {
        vlapic_set_irr(t, vector);
    }
    if (t != v)
        vlapic_notify(t);
}

/*
 * An interrupt command (ICR write, 11.6.1; in x2APIC mode one 64-bit
 * WRMSR, destination in bits 63:32, 11.12.9). Only the sender's own
 * domain's vCPUs are looked at: no destination ID reaches another guest.
 * Fixed and NMI go to every destination; lowest priority (11.6.2.4) to
 * exactly one of them: the one whose processor priority class (PPR[7:4],
 * a snapshot of each target's) is the lowest, and among equals the
 * lowest-numbered vCPU, a fixed rule where hardware's arbitration is
 * model-specific. vCPUs not up (offline, dead) take neither, as the fixed
 * IPIs before. SMI (no SMM here), ExtINT (no 8259 to answer the INTA) and
 * the reserved modes 3 and 7 are dropped with a line. 0 or -1 (#GP).
 */
static int vlapic_icr(struct vcpu *v, uint64_t icr)
{
    struct domain *d = v->domain;
    unsigned int mode = (unsigned int)ICR_DELIVERY(icr), i, hits = 0;
    struct vcpu *lowest = NULL;

    if (icr & ICR_RESERVED)
        return -1;
    if (mode != ICR_DM_FIXED && mode != ICR_DM_LOWEST && mode != ICR_DM_NMI &&
        mode != ICR_DM_INIT && mode != ICR_DM_STARTUP) {
        printk_guest(d, "d%u v%u: IPI with delivery mode %u (%s) not emulated: dropped\n",
                     d->domain_id, v->vcpu_id, mode,
                     mode == 2 ? "SMI" : mode == 7 ? "ExtINT" : "reserved");
        return 0;
    }
    for (i = 0; i < d->nr_vcpus; i++) {
        struct vcpu *t = &d->vcpu[i];

        if (!icr_targets(v, t, icr))
            continue;
        hits++;
        if (mode == ICR_DM_INIT || mode == ICR_DM_STARTUP) {
            vlapic_init_sipi(v, t, icr);
            continue;
        }
        if (t != v && (t->state == VCPU_OFFLINE || t->state == VCPU_DEAD))
            continue;
        if (mode != ICR_DM_LOWEST)
            vlapic_deliver(v, t, mode == ICR_DM_NMI, ICR_VECTOR(icr));
        else if (!lowest ||
                 (vlapic_ppr(&t->arch.vlapic) >> 4) < (vlapic_ppr(&lowest->arch.vlapic) >> 4))
            lowest = t;
    }
    if (lowest)
        vlapic_deliver(v, lowest, false, ICR_VECTOR(icr));
    if (!hits)
        printk_guest(d, "d%u v%u: IPI to APIC ID %#x, which no vCPU of d%u has: dropped\n",
                     d->domain_id, v->vcpu_id, ICR_DEST(icr), d->domain_id);
    return 0;
}

/*
 * The bits of a register a WRMSR must leave clear (figures 11-8, 11-10,
 * 11-18, 11-23; 11.12.11): TPR and SELF IPI above the vector, EOI and ESR
 * all of them, SVR beyond vector, enable and focus checking (no
 * EOI-broadcast suppression: the version register does not offer it), the
 * timer's LVT beyond vector, mask and timer mode, whose value 11b is
 * reserved (table 11-2), the other LVT entries beyond LVT_WRITABLE, the
 * timer's count above 32 bits, the divider beyond bits 0, 1 and 3.
 * Registers not written here are not in this list.
 */
static bool write_reserved(uint32_t msr, uint64_t val)
{
    switch (msr) {
    case X2APIC_TPR: case X2APIC_SELF_IPI: return val >> 8;
    case X2APIC_EOI: case X2APIC_ESR: return val != 0;
    case X2APIC_SVR: return val & ~0x3ffUL;
    case X2APIC_LVT_TIMER:
        return (val & ~(uint64_t)(0xff | LVT_MASKED | LVT_TIMER_MODE)) ||
               (val & LVT_TIMER_MODE) == LVT_TIMER_MODE;
    case X2APIC_TIMER_ICR: return val >> 32;
    case X2APIC_TIMER_DCR: return val & ~0xbUL;
    default:
        if (msr == X2APIC_LVT_CMCI || (msr >= X2APIC_LVT_THERMAL && msr <= X2APIC_LVT_ERROR))
            return val & ~(uint64_t)LVT_WRITABLE;
        return false;
    }
}

/* An x2APIC register (msr 0x800-0x8ff) in x2APIC mode. 0 or -1 (#GP). */
int vlapic_msr(struct vcpu *v, uint32_t msr, bool write, uint64_t *val)
{
    struct vlapic *l = &v->arch.vlapic;
    uint32_t w = (uint32_t)*val;

    if (msr - X2APIC_FIRST >= X2APIC_COUNT)
        return -1;
    /* The guest's MSR number picks the switch's branch and array: bounded under speculation too. */
    msr = X2APIC_FIRST + (uint32_t)array_index_nospec(msr - X2APIC_FIRST, X2APIC_COUNT);
    if (!write) {
        switch (msr) {
        case X2APIC_ID: *val = v->vcpu_id; break;
        case X2APIC_VERSION: *val = APIC_VERSION_VALUE; break;
        case X2APIC_TPR: *val = l->tpr; break;
        case X2APIC_PPR: *val = vlapic_ppr(l); break;
        case X2APIC_LDR: *val = ((v->vcpu_id >> 4) << 16) | (1U << (v->vcpu_id & 15)); break;
        case X2APIC_SVR: *val = l->svr; break;
        case X2APIC_ESR: *val = 0; break;
        case X2APIC_LVT_TIMER: *val = l->lvt_timer; break;
        case X2APIC_TIMER_ICR: *val = l->initial; break;
        case X2APIC_TIMER_DCR: *val = l->dcr; break;
        case X2APIC_TIMER_CCR: {
            uint64_t now = rdtsc();

            /* Always 0 in TSC-deadline mode (11.5.4.1). */
            *val = l->deadline > now && !tsc_deadline_mode(l)
                       ? (l->deadline - now) / timer_divisor(l->dcr) : 0;
            break;
        }
        default:
            if (msr >= X2APIC_ISR0 && msr <= X2APIC_ISR7) {
                *val = l->isr[msr - X2APIC_ISR0];
                break;
            }
            if (msr >= X2APIC_TMR0 && msr <= X2APIC_TMR7) {
                *val = 0; /* every interrupt here is edge-triggered */
                break;
            }
            if (msr >= X2APIC_IRR0 && msr <= X2APIC_IRR7) {
                *val = l->irr[msr - X2APIC_IRR0];
                break;
            }
            if (msr == X2APIC_LVT_CMCI || (msr >= X2APIC_LVT_THERMAL && msr <= X2APIC_LVT_ERROR)) {
                *val = l->lvt[msr == X2APIC_LVT_CMCI ? 0 : msr - X2APIC_LVT_THERMAL + 1];
                break;
            }
            return -1;
        }
        return 0;
    }
    /* A WRMSR with a reserved bit set is #GP in x2APIC mode (11.12.1.2). */
    if (write_reserved(msr, *val))
        return -1;
    switch (msr) {
    case X2APIC_TPR:
        l->tpr = w;
        v->arch.exit_work = 1; /* a request held back may be deliverable now */
        break;
    case X2APIC_EOI: {
        int isr = highest_vector(l->isr);

        if (isr >= 0)
            l->isr[isr / 32] &= ~(1U << (isr % 32));
        v->arch.exit_work = 1;
        break;
    }
    case X2APIC_SVR: l->svr = w & 0x1ff; break;
    case X2APIC_ESR:
        break; /* a write of 0 re-arms it (11.5.3) */
    case X2APIC_ICR:
        return vlapic_icr(v, *val);
    case X2APIC_SELF_IPI:
        vlapic_set_irr(v, w);
        break;
    case X2APIC_LVT_TIMER: {
        bool was_deadline = tsc_deadline_mode(l);

        l->lvt_timer = w;
        /*
         * Into or out of TSC-deadline mode disarms the timer (11.5.4.1);
         * the initial count goes too, as in Xen, so that leaving the mode
         * does not bring back a count-down stopped on the way in.
         */
        if (was_deadline != tsc_deadline_mode(l)) {
            l->deadline = 0;
            l->initial = 0;
        }
        break;
    }
    case X2APIC_TIMER_DCR: l->dcr = w & 0xb; break;
    case X2APIC_TIMER_ICR:
        if (tsc_deadline_mode(l))
            break; /* ignored in TSC-deadline mode (11.5.4.1) */
        l->initial = w;
        timer_start(l);
        break;
    default:
        if (msr == X2APIC_LVT_CMCI || (msr >= X2APIC_LVT_THERMAL && msr <= X2APIC_LVT_ERROR)) {
            l->lvt[msr == X2APIC_LVT_CMCI ? 0 : msr - X2APIC_LVT_THERMAL + 1] = w;
            break; /* stored; nothing ever raises them */
        }
        return -1;
    }
    return 0;
}

/*
 * IA32_TSC_DEADLINE (MSR 0x6e0, SDM Vol. 3A 11.5.4.1), in TSC-deadline
 * mode: a non-zero write arms the timer for that TSC value (the guest's
 * TSC is the host's: Keel neither offsets nor scales it), 0 disarms it;
 * a deadline already passed fires at the next VM entry; a read gives the
 * armed deadline, 0 once it has fired. In the other modes it reads 0 and
 * writes are ignored. The deadline is the one-shot timer's: the run loop,
 * the preemption timer and an idle CPU's wake-up serve both alike
 * (vlapic_deadline()). Always 0 (no #GP: CPUID offers the MSR).
 */
int vlapic_tsc_deadline_msr(struct vcpu *v, bool write, uint64_t *val)
{
    struct vlapic *l = &v->arch.vlapic;

    if (!write) {
        vlapic_poll(v); /* a deadline passed reads 0, as after its interrupt */
        *val = tsc_deadline_mode(l) ? l->deadline : 0;
        return 0;
    }
    if (tsc_deadline_mode(l))
        l->deadline = *val; /* vlapic_inject() polls it before the guest's next instruction */
    return 0;
}

void vlapic_reset(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    unsigned int i;

    *l = (struct vlapic){0};
    l->svr = 0xff; /* spurious vector 0xff, software-disabled (11.9, figure 11-23) */
    l->lvt_timer = LVT_MASKED;
    for (i = 0; i < VLAPIC_NR_LVT; i++)
        l->lvt[i] = LVT_MASKED;
    v->arch.exit_work = 0;
}

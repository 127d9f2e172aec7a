// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each vCPU's local APIC, as an x2APIC only (SDM Vol. 3A 11.12): its
 * registers are MSRs 0x800-0x8ff, so every access is a RDMSR/WRMSR exit
 * with the value in edx:eax and no instruction to decode. The xAPIC MMIO
 * page is not mapped (an access is an EPT violation: the guest crashes).
 * What it offers is the timer (one-shot and periodic, counting at the TSC
 * rate before its divider), interrupt request and in-service registers for
 * every vector with the priority rules of 11.8.3.1 (TPR, PPR, EOI of the
 * highest in service), self-IPIs (ICR with the self shorthand or its own
 * ID, and the SELF IPI register), the error status register, the LVT
 * entries a driver programs and the registers it reads. The highest
 * deliverable request is injected at VM entry when the guest can take it,
 * with interrupt-window exiting until then; a blocked vCPU wakes for it.
 * IPIs to other vCPUs, and delivery modes other than fixed, are refused
 * with a log line (one vCPU per x86 guest for now).
 */
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>
#include <asm/setup.h>

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
#define LVT_TIMER_PERIODIC (1U << 17)
#define LVT_VECTOR(l) ((l) & 0xff)
/* LVT bits a write keeps: vector, delivery mode, polarity, trigger, mask (figure 11-8). */
#define LVT_WRITABLE (0xffU | (7U << 8) | (1U << 13) | (1U << 15) | LVT_MASKED)

/* ICR (11.6.1, figure 11-12; x2APIC: destination in bits 63:32, 11.12.9). */
#define ICR_VECTOR(i) ((uint32_t)(i) & 0xff)
#define ICR_DELIVERY(i) (((i) >> 8) & 7)  /* 0: fixed */
#define ICR_SHORTHAND(i) (((i) >> 18) & 3) /* 0 none, 1 self, 2 all incl. self, 3 all excl. self */
#define ICR_LOGICAL (1UL << 11)
#define ICR_DEST(i) ((uint32_t)((i) >> 32))
#define ICR_RESERVED 0xfff32000UL /* bits 31:20, 17:16, 13 of the low half */

/* Interruptibility state: blocking by STI or by MOV SS (24.4.2, table 24-3). */
#define INTERRUPTIBILITY_STI_MOVSS 3UL
#define INTR_TYPE_EXT_INTR (0U << 8)

/* Divide configuration (11.5.4, figure 11-10): bits 3,1,0 -> 2, 4, ... 128, 1. */
static uint64_t timer_divisor(uint32_t dcr)
{
    unsigned int v = ((dcr & 8) >> 1) | (dcr & 3);

    return v == 7 ? 1 : 2UL << v;
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
    l->irr[vector / 32] |= 1U << (vector % 32);
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
    return vlapic_deliverable(&v->arch.vlapic) >= 0;
}

uint64_t vlapic_deadline(const struct vcpu *v)
{
    return v->arch.vlapic.deadline;
}

/* Before entering v (its VMCS is current): inject, or ask for the window. */
void vlapic_inject(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    bool open;
    int vec;

    vlapic_poll(v);
    vec = vlapic_deliverable(l);
    if (vec < 0) {
        if (l->window) /* the common case costs no VMREAD */
            vmx_set_intr_window(false);
        l->window = false;
        /* Requests the PPR holds back wait for an EOI or a TPR write, both exits. */
        v->arch.exit_work = 0;
        return;
    }
    /* Not over another event being injected (a #GP from an MSR exit, say). */
    open = (vmread(GUEST_RFLAGS) & X86_EFLAGS_IF) &&
           !(vmread(GUEST_INTERRUPTIBILITY_INFO) & INTERRUPTIBILITY_STI_MOVSS) &&
           !(vmread(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID);
    if (open) {
        vmwrite(VM_ENTRY_INTR_INFO, (uint32_t)vec | INTR_TYPE_EXT_INTR | INTR_INFO_VALID);
        l->irr[vec / 32] &= ~(1U << (vec % 32));
        l->isr[vec / 32] |= 1U << (vec % 32);
        v->arch.exit_work = vlapic_deliverable(l) >= 0;
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

/* An interrupt command (ICR write, 11.6.1): fixed IPIs to this vCPU itself. 0 or -1 (#GP). */
static int vlapic_icr(struct vcpu *v, uint64_t icr)
{
    bool self;

    if (icr & ICR_RESERVED)
        return -1;
    switch (ICR_SHORTHAND(icr)) {
    case 1: case 2:
        self = true;
        break;
    case 3:
        self = false;
        break;
    default:
        /* x2APIC physical ID, or logical cluster/bit (11.12.10.2), or broadcast. */
        self = ICR_DEST(icr) == 0xffffffffU ||
               (!(icr & ICR_LOGICAL) && ICR_DEST(icr) == v->vcpu_id) ||
               ((icr & ICR_LOGICAL) && (ICR_DEST(icr) >> 16) == (v->vcpu_id >> 4) &&
                (ICR_DEST(icr) & (1U << (v->vcpu_id & 15))));
        break;
    }
    if (ICR_DELIVERY(icr) != 0) {
        printk_guest(v->domain, "d%u v%u: IPI with delivery mode %lu not emulated: dropped\n",
                     v->domain->domain_id, v->vcpu_id, (unsigned long)ICR_DELIVERY(icr));
        return 0;
    }
    if (self)
        vlapic_set_irr(v, ICR_VECTOR(icr));
    return 0;
}

/*
 * The bits of a register a WRMSR must leave clear (figures 11-8, 11-10,
 * 11-18, 11-23; 11.12.11): TPR and SELF IPI above the vector, EOI and ESR
 * all of them, SVR beyond vector, enable and focus checking (no
 * EOI-broadcast suppression: the version register does not offer it), the timer's LVT beyond vector, mask and one-shot/periodic
 * (no TSC-deadline mode: CPUID does not offer it), the other LVT entries
 * beyond LVT_WRITABLE, the timer's count above 32 bits, the divider beyond
 * bits 0, 1 and 3. Registers not written here are not in this list.
 */
static bool write_reserved(uint32_t msr, uint64_t val)
{
    switch (msr) {
    case X2APIC_TPR: case X2APIC_SELF_IPI: return val >> 8;
    case X2APIC_EOI: case X2APIC_ESR: return val != 0;
    case X2APIC_SVR: return val & ~0x3ffUL;
    case X2APIC_LVT_TIMER: return val & ~(uint64_t)(0xff | LVT_MASKED | LVT_TIMER_PERIODIC);
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

            *val = l->deadline > now ? (l->deadline - now) / timer_divisor(l->dcr) : 0;
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
    case X2APIC_LVT_TIMER: l->lvt_timer = w; break;
    case X2APIC_TIMER_DCR: l->dcr = w & 0xb; break;
    case X2APIC_TIMER_ICR:
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

void vlapic_reset(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    unsigned int i;

    *l = (struct vlapic){0};
    l->lvt_timer = LVT_MASKED;
    for (i = 0; i < VLAPIC_NR_LVT; i++)
        l->lvt[i] = LVT_MASKED;
    v->arch.exit_work = 0;
}

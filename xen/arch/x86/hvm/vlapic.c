// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each vCPU's local APIC, as an x2APIC only (SDM Vol. 3A 11.12): its
 * registers are MSRs 0x800-0x8ff, so every access is a RDMSR/WRMSR exit
 * with the value in edx:eax and no instruction to decode. The xAPIC MMIO
 * page is not mapped (an access is an EPT violation: the guest crashes).
 * What it offers is the timer (one-shot and periodic, counting at the TSC
 * rate before its divider), EOI and the registers a driver reads. Its
 * interrupt is injected at VM entry when the guest can take it, with
 * interrupt-window exiting until then; a blocked vCPU wakes when it fires.
 */
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
#define X2APIC_EOI 0x80b
#define X2APIC_LDR 0x80d
#define X2APIC_SVR 0x80f
#define X2APIC_ISR0 0x810
#define X2APIC_IRR7 0x827
#define X2APIC_LVT_CMCI 0x82f
#define X2APIC_LVT_TIMER 0x832
#define X2APIC_LVT_ERROR 0x837
#define X2APIC_TIMER_ICR 0x838
#define X2APIC_TIMER_CCR 0x839
#define X2APIC_TIMER_DCR 0x83e

#define APIC_VERSION_VALUE 0x50014 /* 6 LVT entries, version 0x14 */
#define SVR_ENABLE (1U << 8)
#define LVT_MASKED (1U << 16)
#define LVT_TIMER_PERIODIC (1U << 17)
#define LVT_VECTOR(l) ((l) & 0xff)

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

/*
 * The timer's deadline has passed: its interrupt is pending now, and the
 * exit path has work until it is injected (v->arch.exit_work).
 */
static void vlapic_poll(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    uint64_t now;

    if (!l->deadline)
        return;
    now = rdtsc();
    if (now < l->deadline)
        return;
    l->pending = true;
    v->arch.exit_work = 1;
    if ((l->lvt_timer & LVT_TIMER_PERIODIC) && l->period)
        l->deadline += ((now - l->deadline) / l->period + 1) * l->period;
    else
        l->deadline = 0;
}

/*
 * A fixed interrupt is accepted only when its priority class (vector bits
 * 7:4) is above the processor priority's (11.8.3.1). With one vector, in
 * service blocks it anyway, so the processor priority is the TPR here.
 */
static bool vlapic_deliverable(const struct vlapic *l)
{
    return l->pending && !l->in_service && (l->svr & SVR_ENABLE) && !(l->lvt_timer & LVT_MASKED) &&
           LVT_VECTOR(l->lvt_timer) >= 16 && (LVT_VECTOR(l->lvt_timer) >> 4) > (l->tpr >> 4);
}

bool vlapic_wakes(struct vcpu *v)
{
    vlapic_poll(v);
    return vlapic_deliverable(&v->arch.vlapic);
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

    vlapic_poll(v);
    if (!vlapic_deliverable(l)) {
        if (l->window) /* the common case costs no VMREAD */
            vmx_set_intr_window(false);
        l->window = false;
        return;
    }
    /* Not over another event being injected (a #GP from an MSR exit, say). */
    open = (vmread(GUEST_RFLAGS) & X86_EFLAGS_IF) &&
           !(vmread(GUEST_INTERRUPTIBILITY_INFO) & INTERRUPTIBILITY_STI_MOVSS) &&
           !(vmread(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID);
    if (open) {
        vmwrite(VM_ENTRY_INTR_INFO, LVT_VECTOR(l->lvt_timer) | INTR_TYPE_EXT_INTR | INTR_INFO_VALID);
        l->pending = false;
        l->in_service = true;
        v->arch.exit_work = 0;
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

/* IA32_APIC_BASE: only the x2APIC enable bits may change. 0 or -1 (#GP). */
int vlapic_base_msr(struct vcpu *v, bool write, uint64_t *val)
{
    struct vlapic *l = &v->arch.vlapic;
    uint64_t fixed = APIC_BASE_DEFAULT | APIC_BASE_EN | (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);

    if (!write) {
        *val = fixed | (l->x2apic ? APIC_BASE_EXTD : 0);
        return 0;
    }
    if ((*val & ~APIC_BASE_EXTD) != fixed)
        return -1;
    l->x2apic = *val & APIC_BASE_EXTD;
    return 0;
}

/* An x2APIC register (msr 0x800-0x8ff) in x2APIC mode. 0 or -1 (#GP). */
int vlapic_msr(struct vcpu *v, uint32_t msr, bool write, uint64_t *val)
{
    struct vlapic *l = &v->arch.vlapic;
    uint32_t w = (uint32_t)*val;

    if (!l->x2apic || msr - X2APIC_FIRST >= X2APIC_COUNT)
        return -1;
    /* The guest's MSR number picks the switch's branch: bounded under speculation too. */
    msr = X2APIC_FIRST + (uint32_t)array_index_nospec(msr - X2APIC_FIRST, X2APIC_COUNT);
    if (!write) {
        switch (msr) {
        case X2APIC_ID: *val = v->vcpu_id; break;
        case X2APIC_VERSION: *val = APIC_VERSION_VALUE; break;
        case X2APIC_TPR: *val = l->tpr; break;
        case X2APIC_LDR: *val = 1U << (v->vcpu_id & 15); break;
        case X2APIC_SVR: *val = l->svr; break;
        case X2APIC_LVT_TIMER: *val = l->lvt_timer; break;
        case X2APIC_TIMER_ICR: *val = l->initial; break;
        case X2APIC_TIMER_DCR: *val = l->dcr; break;
        case X2APIC_TIMER_CCR: {
            uint64_t now = rdtsc();

            *val = l->deadline > now ? (l->deadline - now) / timer_divisor(l->dcr) : 0;
            break;
        }
        default:
            if (msr >= X2APIC_ISR0 && msr <= X2APIC_IRR7) {
                *val = 0; /* ISR, TMR, IRR: this model keeps no bit arrays */
                break;
            }
            if (msr >= X2APIC_LVT_CMCI && msr <= X2APIC_LVT_ERROR) {
                *val = LVT_MASKED;
                break;
            }
            return -1;
        }
        return 0;
    }
    switch (msr) {
    case X2APIC_TPR: l->tpr = w & 0xff; break;
    case X2APIC_EOI: l->in_service = false; break;
    case X2APIC_SVR: l->svr = w & 0x1ff; break;
    case X2APIC_LVT_TIMER: l->lvt_timer = w & (LVT_TIMER_PERIODIC | LVT_MASKED | 0xff); break;
    case X2APIC_TIMER_DCR: l->dcr = w & 0xb; break;
    case X2APIC_TIMER_ICR:
        l->initial = w;
        timer_start(l);
        break;
    default:
        if (msr >= X2APIC_LVT_CMCI && msr <= X2APIC_LVT_ERROR)
            break; /* the other LVT entries stay masked */
        return -1;
    }
    return 0;
}

void vlapic_reset(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;

    *l = (struct vlapic){0};
    l->lvt_timer = LVT_MASKED;
    v->arch.exit_work = 0;
}

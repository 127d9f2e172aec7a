// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM exit handling. Hypercalls, CPUID, port I/O, HLT, the guest's EFER
 * and CR0/CR4 writes and the preemption timer are handled here; anything a
 * guest does that Keel does not emulate (an access outside its RAM, a
 * triple fault, an exit it has no business causing) crashes that domain
 * with one log line, and the other domains carry on.
 */
#include <public/sched.h>
#include <public/xen.h>
#include <xen/arch.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/sched-if.h>
#include <xen/sched.h>
#include <xen/types.h>
#include <xen/version.h>

#include <asm/hvm/vmx/entry.h>
#include <asm/hvm/vmx/vmx.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

/* Exit qualification for I/O instructions (SDM Vol. 3C table 28-5). */
#define IOQ_SIZE(q) (((q) & 7) + 1)
#define IOQ_IN (1UL << 3)
#define IOQ_STRING (1UL << 4)
#define IOQ_REP (1UL << 5)

/* VM-exit instruction information for INS/OUTS (SDM Vol. 3C table 28-8). */
#define IOI_ADDR_SIZE(i) (((i) >> 7) & 7) /* 0: 16-bit, 1: 32-bit, 2: 64-bit */
#define IOI_SEG(i) (((i) >> 15) & 7)      /* ES CS SS DS FS GS */

/* Elements of one REP OUTS done per exit; the rest restarts the instruction. */
#define OUTS_BATCH 4096
#define X86_EFLAGS_DF (1UL << 10)
#define IOQ_PORT(q) ((uint16_t)((q) >> 16))

/* Exit qualification for control-register accesses (table 28-3). */
#define CRQ_NUM(q) ((q) & 15)
#define CRQ_TYPE(q) (((q) >> 4) & 3)
#define CRQ_GPR(q) (((q) >> 8) & 15)
#define CRQ_MOV_TO_CR 0
#define CRQ_MOV_FROM_CR 1
#define CRQ_CLTS 2
/* CR0.NW, CR0.CD (SDM Vol. 3A 2.5); the L bit of the CS access rights (Vol. 3C 24.4.1). */
#define CR0_NW (1UL << 29)
#define CR0_CD (1UL << 30)
#define AR_CS_L (1UL << 13)

#define EFER_RESERVED ~(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

/*
 * Past the emulated instruction. Blocking by STI or MOV SS covered only
 * that instruction (an STI; HLT exits with it set): it ends here, as it
 * would have after the instruction ran (SDM Vol. 3C 24.4.2, table 24-3).
 */
static void advance_rip(void)
{
    unsigned long intr = vmread(GUEST_INTERRUPTIBILITY_INFO);

    vmwrite(GUEST_RIP, vmread(GUEST_RIP) + vmread(VM_EXIT_INSTRUCTION_LEN));
    if (intr & 3)
        vmwrite(GUEST_INTERRUPTIBILITY_INFO, intr & ~3UL);
}

static void crash(struct vcpu *v, uint32_t reason, const char *what)
{
    char why[160];

    ksnprintf(why, sizeof(why), "%s (VM exit %u, qualification %#lx, gpa %#lx, rip %#lx)", what,
              reason, vmread(EXIT_QUALIFICATION), vmread(GUEST_PHYSICAL_ADDRESS),
              vmread(GUEST_RIP));
    domain_crash(v->domain, why);
}

static unsigned long get_gpr(struct vcpu *v, unsigned int r)
{
    return r == GPR_RSP ? vmread(GUEST_RSP) : v->arch.regs.gpr[r];
}

static void set_gpr(struct vcpu *v, unsigned int r, unsigned long val)
{
    if (r == GPR_RSP)
        vmwrite(GUEST_RSP, val);
    else
        v->arch.regs.gpr[r] = val;
}

/*
 * A continuation: VMCALL executes again with the arguments in args. The exit
 * left GUEST_RIP past it (handle_vmcall advanced it), so step back by the
 * instruction's length (SDM Vol. 3C 28.2.5, VM-exit instruction length).
 */
unsigned long arch_hypercall_restart(struct vcpu *v, unsigned long nr, const unsigned long *args)
{
    unsigned long *gpr = v->arch.regs.gpr;

    vmwrite(GUEST_RIP, vmread(GUEST_RIP) - vmread(VM_EXIT_INSTRUCTION_LEN));
    gpr[GPR_RDI] = args[0];
    gpr[GPR_RSI] = args[1];
    gpr[GPR_RDX] = args[2];
    gpr[GPR_R10] = args[3];
    gpr[GPR_R8] = args[4];
    return nr; /* rax: the hypercall number again */
}

static void handle_vmcall(struct vcpu *v)
{
    unsigned long *gpr = v->arch.regs.gpr;
    unsigned long args[HYPERCALL_MAX_ARGS] = {gpr[GPR_RDI], gpr[GPR_RSI], gpr[GPR_RDX],
                                              gpr[GPR_R10], gpr[GPR_R8]};

    advance_rip(); /* first: a shutdown below may not come back */
    /* Only the guest kernel may call (CPL = SS.DPL, SDM Vol. 3C 25.4.1). */
    if (vmread(GUEST_SS_AR_BYTES) & (3U << 5))
        gpr[GPR_RAX] = (unsigned long)-EPERM;
    else
        gpr[GPR_RAX] = (unsigned long)hypercall_dispatch(gpr[GPR_RAX], args);
}

static void handle_cpuid(struct vcpu *v)
{
    unsigned long *gpr = v->arch.regs.gpr;
    struct cpuid_regs r;

    guest_cpuid(v, (uint32_t)gpr[GPR_RAX], (uint32_t)gpr[GPR_RCX], &r); /* hvm/cpuid.c */
    gpr[GPR_RAX] = r.eax;
    gpr[GPR_RBX] = r.ebx;
    gpr[GPR_RCX] = r.ecx;
    gpr[GPR_RDX] = r.edx;
    advance_rip();
}

static void handle_hlt(struct vcpu *v)
{
    advance_rip();
    if (vmread(GUEST_RFLAGS) & X86_EFLAGS_IF) {
        vcpu_idle(v); /* until the vLAPIC timer fires (or, with none armed, the next turn) */
        return;
    }
    /*
     * With interrupts off only an NMI or INIT would end the halt, and a
     * vCPU here gets neither: it goes offline, as Xen's hvm_hlt() takes it
     * (hvm_vcpu_down()), and a domain with no vCPU left is powered off.
     */
    printk_guest(v->domain, "d%u v%u halted with interrupts off: offline\n", v->domain->domain_id,
                 v->vcpu_id);
    if (vcpu_down(v)) {
        printk("d%u: all vCPUs offline (HLT with interrupts off): powering off\n",
               v->domain->domain_id);
        domain_shutdown(v->domain, SHUTDOWN_poweroff);
    }
}

/*
 * OUTS (with or without REP): the data comes from seg:rSI in guest virtual
 * memory, through the guest's own page tables, element by element to the
 * port; rSI moves by the element size (down with RFLAGS.DF) and REP counts
 * rCX down. INS, and an operand Keel cannot locate or read, crash the guest.
 */
static void handle_outs(struct vcpu *v, uint32_t reason, unsigned long q)
{
    static const uint32_t seg_base[6] = {GUEST_ES_BASE, GUEST_CS_BASE, GUEST_SS_BASE,
                                         GUEST_DS_BASE, GUEST_FS_BASE, GUEST_GS_BASE};
    unsigned long *gpr = v->arch.regs.gpr;
    uint32_t info = (uint32_t)vmread(VMX_INSTRUCTION_INFO);
    unsigned int size = IOQ_SIZE(q), asz = IOI_ADDR_SIZE(info), seg = IOI_SEG(info);
    unsigned long amask = asz == 0 ? 0xffffUL : asz == 1 ? 0xffffffffUL : ~0UL;
    long step = (vmread(GUEST_RFLAGS) & X86_EFLAGS_DF) ? -(long)size : (long)size;
    unsigned long count = (q & IOQ_REP) ? gpr[GPR_RCX] & amask : 1, done;

    if ((q & IOQ_IN) || !vmx_caps.ins_outs_info || asz > 2 || seg > 5) {
        crash(v, reason, "string port I/O not emulated (INS, or OUTS without operand info)");
        return;
    }
    seg = (unsigned int)array_index_nospec(seg, ARRAY_SIZE(seg_base)); /* the guest's prefix */
    for (done = 0; done < count && done < OUTS_BATCH; done++) {
        unsigned long rsi = gpr[GPR_RSI] & amask;
        uint32_t val = 0;

        if (copy_from_guest_vcpu(v, &val, vmread(seg_base[seg]) + rsi, size)) {
            crash(v, reason, "OUTS from guest memory that does not translate");
            return;
        }
        vuart_io(v->domain, IOQ_PORT(q), false, &val); /* other ports: dropped */
        gpr[GPR_RSI] = (gpr[GPR_RSI] & ~amask) | ((rsi + (unsigned long)step) & amask);
    }
    if (q & IOQ_REP)
        gpr[GPR_RCX] = (gpr[GPR_RCX] & ~amask) | ((count - done) & amask);
    if (done == count)
        advance_rip();
}

static void handle_io(struct vcpu *v, uint32_t reason)
{
    unsigned long q = vmread(EXIT_QUALIFICATION);
    unsigned int size = IOQ_SIZE(q);
    unsigned long mask = size == 4 ? 0xffffffffUL : (1UL << (size * 8)) - 1;
    uint32_t val = (uint32_t)(v->arch.regs.gpr[GPR_RAX] & mask);
    bool in = q & IOQ_IN;

    if (q & IOQ_STRING) {
        handle_outs(v, reason, q);
        return;
    }
    /*
     * Ports other than the emulated COM1 and RTC (byte accesses only: its
     * index and data registers are one byte each) read as all ones and
     * ignore writes.
     */
    if (!vuart_io(v->domain, IOQ_PORT(q), in, &val) &&
        !(size == 1 && vrtc_io(v->domain, IOQ_PORT(q), in, &val)))
        val = 0xffffffffU;
    if (in) {
        if (size == 4)
            v->arch.regs.gpr[GPR_RAX] = val; /* a 32-bit write zero-extends */
        else
            v->arch.regs.gpr[GPR_RAX] = (v->arch.regs.gpr[GPR_RAX] & ~mask) | (val & mask);
    }
    advance_rip();
}

static void handle_msr(struct vcpu *v, bool write)
{
    unsigned long *gpr = v->arch.regs.gpr;
    uint32_t msr = (uint32_t)gpr[GPR_RCX];
    uint64_t val = (gpr[GPR_RDX] << 32) | (uint32_t)gpr[GPR_RAX];

    /* The x2APIC (vlapic.c), EFER, and the architectural MSRs of hvm/msr.c; the rest is #GP. */
    if (msr != MSR_EFER) {
        int rc;

        if (msr == MSR_IA32_APIC_BASE)
            rc = vlapic_base_msr(v, write, &val);
        else if (msr >= 0x800 && msr <= 0x8ff)
            rc = vlapic_msr(v, msr, write, &val);
        else if ((rc = guest_msr(v, msr, write, &val))) /* hvm/msr.c */
            printk_guest(v->domain, "d%u: %s of MSR %#x refused: #GP\n", v->domain->domain_id,
                         write ? "WRMSR" : "RDMSR", msr);
        if (rc) {
            vmx_inject_gp();
            return;
        }
        if (!write) {
            gpr[GPR_RAX] = (uint32_t)val;
            gpr[GPR_RDX] = val >> 32;
        }
        advance_rip();
        return;
    }
    if (!write) {
        val = vmread(GUEST_IA32_EFER);
        gpr[GPR_RAX] = (uint32_t)val;
        gpr[GPR_RDX] = val >> 32;
    } else {
        /*
         * Reserved bits, or LME changed while paging is on: #GP, as on
         * hardware (SDM Vol. 3A 9.8.5). Let through, LME = 0 with LMA = 1
         * would fail the next VM entry and crash the guest instead.
         */
        if ((val & EFER_RESERVED) ||
            ((vmread(GUEST_CR0) & X86_CR0_PG) &&
             ((val ^ vmread(GUEST_IA32_EFER)) & EFER_LME))) {
            vmx_inject_gp();
            return;
        }
        /* LMA is the CPU's to set, not the guest's. */
        vmwrite(GUEST_IA32_EFER, (val & ~EFER_LMA) | (vmread(GUEST_IA32_EFER) & EFER_LMA));
    }
    advance_rip();
}

/*
 * A MOV to CR0 or CR4 that hardware refuses with #GP (SDM Vol. 2B,
 * "MOV - Move to/from Control Registers"; Vol. 3A 2.5, 9.8.5): reserved
 * bits, PG without PE, NW without CD, clearing PG in 64-bit code, PG with
 * LME but no PAE, clearing PAE in long mode, CR4 bits this CPU lacks or
 * hides (VMXE: CPUID shows no VMX). Let through, most would fail the next
 * VM entry and crash the guest instead of giving it the fault.
 */
static bool cr_write_faults(unsigned int cr, unsigned long val)
{
    unsigned long efer = vmread(GUEST_IA32_EFER);
    bool long_mode = efer & EFER_LMA;

    switch (cr) {
    case 0:
        return (val >> 32) || ((val & X86_CR0_PG) && !(val & X86_CR0_PE)) ||
               ((val & CR0_NW) && !(val & CR0_CD)) ||
               (long_mode && (vmread(GUEST_CS_AR_BYTES) & AR_CS_L) && !(val & X86_CR0_PG)) ||
               ((val & X86_CR0_PG) && (efer & EFER_LME) &&
                !(vmread(GUEST_CR4) & X86_CR4_PAE));
    default:
        return (val & ~vmx_caps.cr4_fixed1) || (val & X86_CR4_VMXE) ||
               (long_mode && !(val & X86_CR4_PAE));
    }
}

static void handle_cr_access(struct vcpu *v, uint32_t reason)
{
    unsigned long q = vmread(EXIT_QUALIFICATION);
    unsigned int cr = CRQ_NUM(q), gpr = CRQ_GPR(q);

    switch (CRQ_TYPE(q)) {
    case CRQ_MOV_TO_CR:
        if ((cr == 0 || cr == 4) && cr_write_faults(cr, get_gpr(v, gpr))) {
            vmx_inject_gp();
            return;
        }
        if (cr == 8) {
            /* Bits 63:4 are reserved: #GP (SDM Vol. 2B, MOV to CR8). */
            if (get_gpr(v, gpr) & ~0xfUL) {
                vmx_inject_gp();
                return;
            }
            vlapic_set_cr8(v, get_gpr(v, gpr));
        } else if (cr == 0)
            vmx_set_cr0(get_gpr(v, gpr));
        else if (cr == 4)
            vmx_set_cr4(get_gpr(v, gpr));
        else if (cr == 3)
            vmwrite(GUEST_CR3, get_gpr(v, gpr));
        else
            break;
        advance_rip();
        return;
    case CRQ_MOV_FROM_CR:
        if (cr != 3 && cr != 8)
            break;
        set_gpr(v, gpr, cr == 8 ? vlapic_cr8(v) : vmread(GUEST_CR3));
        advance_rip();
        return;
    case CRQ_CLTS:
        vmx_set_cr0(vmread(CR0_READ_SHADOW) & ~(1UL << 3));
        advance_rip();
        return;
    default:
        break;
    }
    crash(v, reason, "control-register access not emulated");
}

/*
 * "Acknowledge interrupt on exit": the vector is in the exit interruption
 * information (SDM Vol. 3C 28.2.2, table 28-15) and the local APIC has it
 * in service; do_irq() runs its handler and sends the EOI.
 */
static void handle_external_interrupt(struct vcpu *v)
{
    uint32_t info = (uint32_t)vmread(VM_EXIT_INTR_INFO);
    struct percpu *pc = this_cpu();
    unsigned int vector = info & 0xff;

    if (!(info & INTR_INFO_VALID))
        return;
    do_irq(vector);
    if (vector == IRQ_VECTOR_SELFTEST && pc->selftest_exit == SELFTEST_EXIT_SENT) {
        pc->selftest_exit = SELFTEST_EXIT_DONE;
        printk("CPU%u: IPI to itself taken through an external-interrupt VM exit (d%u), "
               "handler %s\n",
               pc->cpu, v->domain->domain_id,
               pc->selftest_irqs != pc->selftest_exit_before ? "ran" : "did NOT run");
    }
}

/* The layout entry.S's hypercall fast path relies on (asm/hvm/vmx/entry.h). */
static void __attribute__((unused)) check_entry_offsets(void)
{
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, state) != VCPU_STATE);
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, arch.exit_work) != VCPU_EXIT_WORK);
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, arch.vlapic.deadline) != VCPU_VLAPIC_DEADLINE);
    BUILD_BUG_ON(__builtin_offsetof(struct vcpu, arch.regs) != __builtin_offsetof(struct vcpu, arch));
    BUILD_BUG_ON(sizeof(((struct vcpu *)0)->state) != 4);
    BUILD_BUG_ON(sizeof(((struct vcpu *)0)->arch.exit_work) != 4);
    BUILD_BUG_ON(VCPU_RUNNING != VCPU_RUNNING_ID);
    BUILD_BUG_ON(__builtin_offsetof(struct percpu, curr) != PERCPU_CURR);
    BUILD_BUG_ON(__builtin_offsetof(struct percpu, sched) != PERCPU_SCHED);
    BUILD_BUG_ON(__builtin_offsetof(struct sched_cpu, resched) != SCHED_CPU_RESCHED);
    BUILD_BUG_ON(sizeof(((struct sched_cpu *)0)->resched) != 1);
    BUILD_BUG_ON(EXIT_REASON_VMCALL != EXIT_VMCALL);
}

/*
 * entry.S ran the hypercall and the handler asked for a continuation: the
 * arguments it saved go to hypercall_continue(), which rewinds RIP and
 * leaves the next arguments in the registers.
 */
static void vmcall_restart(struct vcpu *v)
{
    unsigned long *gpr = v->arch.regs.gpr;
    unsigned long args[HYPERCALL_MAX_ARGS] = {gpr[GPR_RDI], gpr[GPR_RSI], gpr[GPR_RDX],
                                              gpr[GPR_R10], gpr[GPR_R8]};

    gpr[GPR_RAX] = (unsigned long)hypercall_continue(gpr[GPR_RAX], args);
}

void vmx_handle_exit(struct vcpu *v, int how)
{
    uint32_t reason;

    if (how == VMX_ENTER_HCALL_DONE)
        return; /* only the exit path's own work is left, done by the run loop */
    if (how == VMX_ENTER_HCALL_RESTART) {
        vmcall_restart(v);
        return;
    }
    reason = (uint32_t)vmread(VM_EXIT_REASON);
    if (v->domain->arch.exit_stats && (reason & 0xffff) < VMX_NR_EXIT_REASONS)
        v->domain->arch.exits[reason & 0xffff]++;
    switch (reason) {
    case EXIT_REASON_VMCALL:
        handle_vmcall(v);
        break;
    case EXIT_REASON_CPUID:
        handle_cpuid(v);
        break;
    case EXIT_REASON_IO_INSTRUCTION:
        handle_io(v, reason);
        break;
    case EXIT_REASON_HLT:
        handle_hlt(v);
        break;
    case EXIT_REASON_MSR_READ:
    case EXIT_REASON_MSR_WRITE:
        handle_msr(v, reason == EXIT_REASON_MSR_WRITE);
        break;
    case EXIT_REASON_CR_ACCESS:
        handle_cr_access(v, reason);
        break;
    case EXIT_REASON_PREEMPTION_TIMER:
        /* The end of a slice: the scheduler decides again (and wakes whom it may). */
        vmwrite(VMX_PREEMPTION_TIMER_VALUE, vmx_slice_cycles(v->pcpu) >> vmx_caps.preempt_shift);
        vcpu_yield(v);
        break;
    case EXIT_REASON_EXTERNAL_INTERRUPT:
        handle_external_interrupt(v);
        break;
    case EXIT_REASON_INTERRUPT_WINDOW:
        /* The guest can take an interrupt now: vlapic_inject() before the entry. */
        break;
    case EXIT_REASON_NMI_WINDOW:
        /* Its NMI handler's IRET unblocked NMIs: vlapic_inject() gives it the one held. */
        break;
    case EXIT_REASON_EXCEPTION_NMI:
        /* An NMI: the host has nothing to do with it. */
        break;
    case EXIT_REASON_EPT_VIOLATION:
        crash(v, reason, "EPT violation: access outside the guest's RAM");
        break;
    case EXIT_REASON_EPT_MISCONFIG:
        crash(v, reason, "EPT misconfiguration");
        break;
    case EXIT_REASON_TRIPLE_FAULT:
        crash(v, reason, "triple fault");
        break;
    default:
        crash(v, reason, "unexpected VM exit");
        break;
    }
}

void vmx_entry_failed(struct vcpu *v)
{
    char why[96];
    unsigned long reason = vmread(VM_EXIT_REASON);

    if (reason & EXIT_REASON_FAILED_ENTRY) /* the guest state was refused (28.8) */
        ksnprintf(why, sizeof(why), "VM entry failed: exit reason %#lx, qualification %#lx",
                  reason, vmread(EXIT_QUALIFICATION));
    else
        ksnprintf(why, sizeof(why), "VM entry failed: VM-instruction error %lu",
                  vmread(VM_INSTRUCTION_ERROR));
    domain_crash(v->domain, why);
}

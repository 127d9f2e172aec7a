// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a CPU switches by hand when another vCPU comes on it. The VMCS
 * holds neither CR2 nor DR0-DR3 and DR6 (SDM Vol. 3C 25.4.1; DR7 and
 * IA32_DEBUGCTL are there and switched by the debug controls, vmx.c), and
 * a guest reads and writes them without a VM exit (MOV to or from CR2
 * never exits, MOV-DR exiting is off), so the next guest on the CPU would
 * find the last one's page-fault address and breakpoints. The hypervisor
 * takes no page fault and sets no breakpoint, so between two guests they
 * still hold the last guest's values: they are saved into that vCPU when
 * another comes on, which gets its own back. The SYSCALL MSRs are kept in
 * the vCPU as the guest writes them (hvm/msr.c) and loaded here;
 * KERNEL_GS_BASE, which SWAPGS changes without an exit, is saved here too.
 *
 * Branch predictions one domain trained must not steer another's
 * speculation (Spectre v2 between guests): a switch to a vCPU of another
 * domain issues an indirect branch prediction barrier where the CPU has
 * one (IA32_PRED_CMD.IBPB, SDM Vol. 4 table 2-2; CPUID.(EAX=7,ECX=0):
 * EDX[26] says it exists).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define CPUID7_EDX_IBRS_IBPB (1U << 26)

static struct vcpu *regs_owner[NR_CPUS];
static bool have_ibpb;

void switch_regs_init(void)
{
    struct cpuid_regs r = {0, 0, 0, 0};

    cpuid_count(0, 0, &r);
    if (r.eax >= 7) {
        cpuid_count(7, 0, &r);
        have_ibpb = r.edx & CPUID7_EDX_IBRS_IBPB;
    }
    printk("x86: IBPB between vCPUs of different domains: %s\n",
           have_ibpb ? "yes" : "no (CPUID.7.0:EDX[26] = 0)");
}

#define READ_DR(n, v) __asm__ volatile("mov %%db" #n ", %0" : "=r"(v))
#define WRITE_DR(n, v) __asm__ volatile("mov %0, %%db" #n : : "r"(v))

void switch_regs(struct vcpu *next)
{
    struct vcpu **owner = &regs_owner[smp_processor_id()];
    struct arch_vcpu *prev = *owner ? &(*owner)->arch : NULL, *a = &next->arch;

    if (*owner == next)
        return;
    if (prev) {
        prev->cr2 = read_cr2();
        READ_DR(0, prev->dr[0]);
        READ_DR(1, prev->dr[1]);
        READ_DR(2, prev->dr[2]);
        READ_DR(3, prev->dr[3]);
        READ_DR(6, prev->dr6);
        guest_msrs_save(*owner);
    }
    write_cr2(a->cr2);
    WRITE_DR(0, a->dr[0]);
    WRITE_DR(1, a->dr[1]);
    WRITE_DR(2, a->dr[2]);
    WRITE_DR(3, a->dr[3]);
    WRITE_DR(6, a->dr6);
    guest_msrs_load(next);
    if (have_ibpb && *owner && (*owner)->domain != next->domain)
        wrmsr(MSR_IA32_PRED_CMD, PRED_CMD_IBPB);
    *owner = next;
}

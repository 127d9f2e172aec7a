// SPDX-License-Identifier: GPL-2.0-only
/*
 * The architectural MSRs a guest kernel touches at boot, beside the x2APIC
 * (vlapic.c, with IA32_TSC_DEADLINE) and EFER (exits.c); numbers from SDM Vol. 4, table 2-2. All
 * others are #GP, as on a CPU that lacks them (IA32_FEATURE_CONTROL too:
 * Linux reads it with rdmsr_safe and then takes VMX for absent), and CPUID
 * (cpuid.c) offers no feature that would make a guest expect one.
 *
 * The SYSCALL MSRs are in neither the VMCS nor the MSR bitmap: a guest's
 * values live in its vCPU and in the CPU while it runs (switch_regs.c loads
 * them when another vCPU comes on; the hypervisor itself never executes
 * SYSCALL or SWAPGS; KERNEL_GS_BASE, which a guest's SWAPGS changes without
 * an exit, is saved from the CPU when its vCPU goes off). The SYSENTER MSRs
 * are VMCS guest-state fields.
 */
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/msr-index.h>
#include <asm/processor.h>

/* IA32_MISC_ENABLE: fast strings on; branch trace and PEBS unavailable. */
#define MISC_ENABLE_VALUE ((1UL << 0) | (1UL << 11) | (1UL << 12))

/*
 * IA32_ARCH_CAPABILITIES: only XAPIC_DISABLE (bit 21), which makes
 * IA32_XAPIC_DISABLE_STATUS exist; its LEGACY_XAPIC_DISABLED (bit 0) says
 * the x2APIC cannot be left (SDM Vol. 4 table 2-2, Vol. 3A 11.12.1).
 */
#define ARCH_CAP_XAPIC_DISABLE (1UL << 21)
#define LEGACY_XAPIC_DISABLED (1UL << 0)

/* Bits 63:47 all equal (SDM Vol. 1 3.3.7.1): a WRMSR of anything else is #GP. */
static bool canonical(uint64_t a)
{
    return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

static int syscall_msr_index(uint32_t msr)
{
    switch (msr) {
    case MSR_STAR: return 0;
    case MSR_LSTAR: return 1;
    case MSR_CSTAR: return 2;
    case MSR_SYSCALL_MASK: return 3;
    case MSR_KERNEL_GS_BASE: return 4;
    default: return -1;
    }
}

/* Load v's SYSCALL MSRs into this CPU (switch_regs.c, v coming on). */
void guest_msrs_load(const struct vcpu *v)
{
    static const uint32_t nr[NR_SYSCALL_MSRS] = {MSR_STAR, MSR_LSTAR, MSR_CSTAR,
                                                  MSR_SYSCALL_MASK, MSR_KERNEL_GS_BASE};
    unsigned int i;

    for (i = 0; i < NR_SYSCALL_MSRS; i++)
        wrmsr(nr[i], v->arch.syscall_msr[i]);
}

/*
 * Save what v, going off this CPU, may have changed without an exit: SWAPGS
 * exchanges GS.base with IA32_KERNEL_GS_BASE (SDM Vol. 2B, SWAPGS), so the
 * CPU, not the vCPU, holds the current value (found with two vCPUs of a
 * Linux guest sharing a CPU: the one coming back got the other's value and
 * its next kernel entry took GS for the user's, a double fault).
 */
void guest_msrs_save(struct vcpu *v)
{
    v->arch.syscall_msr[syscall_msr_index(MSR_KERNEL_GS_BASE)] = rdmsr(MSR_KERNEL_GS_BASE);
}

/* RDMSR or WRMSR of msr by v (on its CPU, its VMCS current): 0, or -1 for #GP. */
int guest_msr(struct vcpu *v, uint32_t msr, bool write, uint64_t *val)
{
    int i = syscall_msr_index(msr);

    if (i >= 0) {
        if (!write) {
            /* KERNEL_GS_BASE: the CPU's, which SWAPGS may have changed since (above). */
            *val = msr == MSR_KERNEL_GS_BASE ? rdmsr(msr) : v->arch.syscall_msr[i];
            return 0;
        }
        /* STAR's and SFMASK's every bit is writable on 64-bit CPUs; the others hold addresses. */
        if (msr == MSR_SYSCALL_MASK && (*val >> 32))
            return -1;
        if (msr != MSR_STAR && msr != MSR_SYSCALL_MASK && !canonical(*val))
            return -1;
        v->arch.syscall_msr[i] = *val;
        wrmsr(msr, *val);
        return 0;
    }
    switch (msr) {
    case MSR_IA32_SYSENTER_CS:
        if (write)
            vmwrite(GUEST_SYSENTER_CS, *val & 0xffffffffUL);
        else
            *val = vmread(GUEST_SYSENTER_CS);
        return 0;
    case MSR_IA32_SYSENTER_ESP:
    case MSR_IA32_SYSENTER_EIP: {
        uint32_t field = msr == MSR_IA32_SYSENTER_ESP ? GUEST_SYSENTER_ESP : GUEST_SYSENTER_EIP;

        if (!write) {
            *val = vmread(field);
            return 0;
        }
        if (!canonical(*val)) /* VM entry would fail on it (SDM Vol. 3C 27.3.1.2) */
            return -1;
        vmwrite(field, *val);
        return 0;
    }
    case MSR_IA32_TSC:
        if (write)
            return -1;
        *val = rdtsc();
        return 0;
    case MSR_IA32_TSC_DEADLINE:
        /* The vLAPIC timer's TSC-deadline mode (SDM Vol. 3A 11.5.4.1; CPUID.1:ECX[24]). */
        return vlapic_tsc_deadline_msr(v, write, val);
    case MSR_IA32_UCODE_REV:
        /* Linux writes 0 and reads after CPUID (SDM Vol. 3A 10.11.7.1): no update loaded. */
        if (!write)
            *val = 0;
        return 0;
    case MSR_IA32_ARCH_CAPABILITIES:
        if (write)
            return -1;
        *val = ARCH_CAP_XAPIC_DISABLE;
        return 0;
    case MSR_IA32_XAPIC_DISABLE_STATUS:
        if (write)
            return -1;
        *val = LEGACY_XAPIC_DISABLED;
        return 0;
    case MSR_IA32_MISC_ENABLE:
        if (write)
            return *val == MISC_ENABLE_VALUE ? 0 : -1;
        *val = MISC_ENABLE_VALUE;
        return 0;
    default:
        return -1;
    }
}

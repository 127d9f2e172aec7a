// SPDX-License-Identifier: GPL-2.0-only
/*
 * What CPUID tells a guest (SDM Vol. 2A, CPUID): the host's answer with
 * only the features Keel virtualises or that run unchanged in VMX non-root
 * operation, so that a general-purpose kernel never reaches for an MSR or
 * an instruction Keel would refuse. Every leaf and bit not listed here
 * reads as zero. Linux needs, in particular: no MTRR, PAT, MCE, perfmon,
 * thermal or power-management MSRs; the TSC frequency (leaves 0x15/0x16) so
 * that it calibrates neither the TSC nor the LAPIC timer against a PIT
 * that does not exist; the x2APIC (hvm/vlapic.c) with its ID = the vCPU's.
 */
#include <public/xen.h>
#include <xen/sched.h>
#include <xen/types.h>
#include <xen/version.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>

/* Leaves 0x40000000-0x400000ff are the hypervisor's (Xen's cpuid.h). */
#define HV_LEAF_MASK 0xffffff00U
#define HV_LEAF_MAX (XEN_CPUID_FIRST_LEAF + 1)

#define BASIC_LEAF_MAX 0x16U
#define EXT_LEAF_MAX 0x80000008U
#define BIT(n) (1U << (n))

/*
 * Leaf 1 ECX: SSE3, PCLMULQDQ, SSSE3, CMPXCHG16B, SSE4.1, SSE4.2, MOVBE,
 * POPCNT, AES, RDRAND (table 3-10) from the host; x2APIC and TSC-deadline
 * always (the vLAPIC's). Not VMX, SMX, EST, TM2, PDCM, PCID, DCA,
 * XSAVE/OSXSAVE/AVX/FMA/F16C, MONITOR.
 */
#define LEAF1_ECX_OK (BIT(0) | BIT(1) | BIT(9) | BIT(13) | BIT(19) | BIT(20) | BIT(22) | \
                      BIT(23) | BIT(25) | BIT(30))
/*
 * Leaf 1 EDX: FPU, VME, DE, PSE, TSC, MSR, PAE, CX8, APIC, SEP, PGE, CMOV,
 * PSE-36, CLFSH, MMX, FXSR, SSE, SSE2 (table 3-11). Not MCE, MTRR, MCA,
 * PAT, PSN, DS, ACPI, SS, TM, PBE; HTT as the guest's topology says.
 */
#define LEAF1_EDX_OK (BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4) | BIT(5) | BIT(6) | BIT(8) | \
                      BIT(9) | BIT(11) | BIT(13) | BIT(15) | BIT(17) | BIT(19) | BIT(23) |   \
                      BIT(24) | BIT(25) | BIT(26))
#define LEAF1_EDX_HTT BIT(28)
/*
 * Leaf 7.0 EBX: FSGSBASE, BMI1, SMEP, BMI2, ERMS, RDSEED, ADX, SMAP,
 * CLFLUSHOPT, CLWB, SHA (table 3-8). Not TSC_ADJUST, HLE, RTM, INVPCID
 * (#UD without its VM-execution control), MPX, RDT, AVX2/AVX-512 (no
 * XSAVE), Processor Trace, SGX; ECX and EDX (PKU, speculation controls and
 * their MSRs, ...) not at all.
 */
#define LEAF7_EBX_OK (BIT(0) | BIT(3) | BIT(7) | BIT(8) | BIT(9) | BIT(18) | BIT(19) | BIT(20) | \
                      BIT(23) | BIT(24) | BIT(29))
/*
 * Leaf 7.0 EDX: IA32_ARCH_CAPABILITIES only (hvm/msr.c), whose one bit set
 * says the xAPIC is disabled: there is no xAPIC page, and Linux, finding
 * neither interrupt remapping nor a hypervisor it knows, would otherwise
 * leave x2APIC mode for the MMIO interface.
 */
#define LEAF7_EDX_ARCH_CAPABILITIES BIT(29)
/* 0x80000001 ECX: LAHF/SAHF, LZCNT, PREFETCHW; EDX: SYSCALL, NX, 1-GByte pages, LM (no RDTSCP). */
#define EXT1_ECX_OK (BIT(0) | BIT(5) | BIT(8))
#define EXT1_EDX_OK (BIT(11) | BIT(20) | BIT(26) | BIT(29))
/* 0x80000007 EDX: invariant TSC (Keel requires it: time.c). */
#define EXT7_EDX_OK BIT(8)

static void hypervisor_leaf(const struct vcpu *v, uint32_t leaf, struct cpuid_regs *r)
{
    if (!v->domain->arch.xen_leaves)
        return; /* a generic PVH guest: no hypervisor leaves at all */
    if (leaf == XEN_CPUID_FIRST_LEAF) {
        r->eax = HV_LEAF_MAX;
        r->ebx = XEN_CPUID_SIGNATURE_EBX;
        r->ecx = XEN_CPUID_SIGNATURE_ECX;
        r->edx = XEN_CPUID_SIGNATURE_EDX;
    } else if (leaf == XEN_CPUID_FIRST_LEAF + 1) {
        r->eax = xen_major_version() << 16 | xen_minor_version();
    }
}

/*
 * Topology (SDM Vol. 3A 9.9.1, 9.9.4): one package with a core per vCPU
 * and one thread per core; the x2APIC ID is the vCPU ID, so the core ID
 * takes its low core_bits() bits and the package ID (0) the rest. One
 * package, as Xen's HVM guests see theirs: Linux then takes the first
 * CPU's delay-loop calibration for the others (calibrate_delay_is_known()
 * asks for a sibling in the same package) instead of measuring each AP.
 */
static unsigned int core_bits(const struct domain *d)
{
    unsigned int bits = 0;

    while ((1U << bits) < d->nr_vcpus)
        bits++;
    return bits;
}

/* Leaf 0BH, extended topology: level 0 the threads of a core, 1 the cores of the package. */
static void topology_leaf(const struct vcpu *v, uint32_t sub, struct cpuid_regs *r)
{
    r->ecx = sub & 0xffU; /* level number; type 0 (invalid) past the last level */
    r->edx = v->vcpu_id;  /* this logical processor's x2APIC ID, at every level */
    if (sub == 0) {
        r->eax = 0;           /* bits to shift the x2APIC ID right for the core ID */
        r->ebx = 1;           /* logical processors at this level: one thread a core */
        r->ecx |= 1U << 8;    /* type 1: SMT */
    } else if (sub == 1) {
        r->eax = core_bits(v->domain); /* ... for the package ID */
        r->ebx = v->domain->nr_vcpus;  /* logical processors in the package */
        r->ecx |= 2U << 8;             /* type 2: core */
    }
}

static void basic_leaf(const struct vcpu *v, uint32_t leaf, uint32_t sub, struct cpuid_regs *r)
{
    struct cpuid_regs h = {0, 0, 0, 0};
    uint32_t mhz = (uint32_t)tsc_mhz();

    cpuid_count(leaf, sub, &h);
    switch (leaf) {
    case 0:
        *r = h;
        r->eax = BASIC_LEAF_MAX;
        break;
    case 1:
        r->eax = h.eax;
        /*
         * Initial APIC ID = the vCPU's x2APIC ID; the IDs the package
         * reserves for its logical processors (valid with HTT, table
         * 3-11: set when it has more than one); CLFLUSH size kept.
         */
        r->ebx = (h.ebx & 0xff00U) | (1U << (16 + core_bits(v->domain))) | (v->vcpu_id << 24);
        r->ecx = (h.ecx & LEAF1_ECX_OK) | X86_FEATURE_X2APIC_ECX | X86_FEATURE_HYPERVISOR_ECX;
        r->edx = (h.edx & LEAF1_EDX_OK) | (v->domain->nr_vcpus > 1 ? LEAF1_EDX_HTT : 0);
        /* TSC-deadline (bit 24): the vLAPIC's own timer mode (hvm/vlapic.c), not the host's. */
        r->ecx |= BIT(24);
        break;
    case 2: /* cache and TLB descriptors */
        *r = h;
        break;
    case 4:
        /*
         * Cache parameters, with the package's core IDs (EAX[31:26] + 1)
         * for the host's, and each cache private to its vCPU (EAX[25:14]
         * + 1 logical processors share it: a vCPU may run on any CPU).
         */
        *r = h;
        r->eax &= 0x3fffU;
        if (r->eax & 0x1fU) /* a cache, not the null type past the last */
            r->eax |= ((1U << core_bits(v->domain)) - 1) << 26;
        break;
    case 7:
        if (sub == 0) {
            r->ebx = h.ebx & LEAF7_EBX_OK;
            r->edx = LEAF7_EDX_ARCH_CAPABILITIES;
        }
        break;
    case 0x15:
        /* TSC/crystal ratio 1/1, crystal = the TSC's frequency in Hz (table 3-8, leaf 15H). */
        r->eax = 1;
        r->ebx = 1;
        r->ecx = mhz * 1000000U;
        break;
    case 0x16: /* base and maximum frequency in MHz */
        r->eax = mhz;
        r->ebx = mhz;
        break;
    case 0xb:
        topology_leaf(v, sub, r);
        break;
    default:
        break; /* 3, 5 (MONITOR), 6 (power), 0xa (perfmon), 0xd (XSAVE), ... */
    }
}

static void extended_leaf(uint32_t leaf, struct cpuid_regs *r)
{
    struct cpuid_regs h = {0, 0, 0, 0};

    cpuid_count(0x80000000U, 0, &h);
    if (leaf > h.eax)
        return;
    cpuid_count(leaf, 0, &h);
    switch (leaf) {
    case 0x80000000U:
        r->eax = h.eax < EXT_LEAF_MAX ? h.eax : EXT_LEAF_MAX;
        break;
    case 0x80000001U:
        r->ecx = h.ecx & EXT1_ECX_OK;
        r->edx = h.edx & EXT1_EDX_OK;
        break;
    case 0x80000002U: case 0x80000003U: case 0x80000004U: /* brand string */
    case 0x80000006U:                                       /* L2 cache */
        *r = h;
        break;
    case 0x80000007U:
        r->edx = h.edx & EXT7_EDX_OK;
        break;
    case 0x80000008U: /* physical and linear address sizes */
        r->eax = h.eax & 0xffffU;
        break;
    default:
        break;
    }
}

void guest_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t sub, struct cpuid_regs *r)
{
    *r = (struct cpuid_regs){0, 0, 0, 0};
    if ((leaf & HV_LEAF_MASK) == XEN_CPUID_FIRST_LEAF)
        hypervisor_leaf(v, leaf, r);
    else if (leaf <= BASIC_LEAF_MAX)
        basic_leaf(v, leaf, sub, r);
    else if (leaf >= 0x80000000U && leaf <= EXT_LEAF_MAX)
        extended_leaf(leaf, r);
}

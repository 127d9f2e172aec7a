// SPDX-License-Identifier: GPL-2.0-only
/*
 * Turning VMX on: check that the CPU has it and the firmware allows it,
 * settle every VMCS control from the capability MSRs (never a hard-coded
 * bit pattern: SDM Vol. 3D A.3-A.5 give which bits may be 0 and 1), apply
 * the CR0/CR4 fixed bits (A.7, A.8) and execute VMXON.
 */
#include <xen/config.h>
#include <xen/lib.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/smp.h>

/* IA32_VMX_BASIC (A.1) */
#define VMX_BASIC_REVISION_MASK 0x7fffffffUL
#define VMX_BASIC_VMCS_SIZE(b) (((b) >> 32) & 0x1fffUL)
#define VMX_BASIC_INS_OUTS_INFO (1UL << 54)
#define VMX_BASIC_TRUE_CTLS (1UL << 55)

/* IA32_VMX_EPT_VPID_CAP (A.10) */
#define EPT_CAP_WALK_4 (1UL << 6)
#define EPT_CAP_WB (1UL << 14)
#define EPT_CAP_2M (1UL << 16)

struct vmx_caps vmx_caps;

/*
 * One control word: bits 31:0 of the capability MSR are the bits that must
 * be 1, bits 63:32 the bits that may be 1. Required bits the CPU cannot set
 * fail; optional ones are dropped quietly.
 */
static int adjust_controls(const char *what, uint32_t msr, uint32_t required, uint32_t optional,
                           uint32_t *out)
{
    uint64_t cap = rdmsr(msr);
    uint32_t must = (uint32_t)cap, may = (uint32_t)(cap >> 32);

    *out = (required | optional | must) & may;
    if (required & ~may) {
        printk("VT-x: %s controls lack required bits %#x (capability MSR %#x = %#llx)\n", what,
               required & ~may, msr, (unsigned long long)cap);
        return -1;
    }
    return 0;
}

static int vmx_check_cpu(void)
{
    struct cpuid_regs r;
    uint64_t fc;

    cpuid_count(1, 0, &r);
    if (!(r.ecx & X86_FEATURE_VMX_ECX)) {
        printk("VT-x: the CPU does not offer VMX (CPUID.1:ECX.VMX = 0)\n");
        return -1;
    }
    fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
    if (fc & FEATURE_CONTROL_LOCKED) {
        if (!(fc & FEATURE_CONTROL_VMXON_OUTSIDE_SMX)) {
            printk("VT-x: disabled by the firmware (IA32_FEATURE_CONTROL = %#llx, locked "
                   "without VMXON outside SMX); enable VT-x in the BIOS setup\n",
                   (unsigned long long)fc);
            return -1;
        }
    } else {
        /* Unlocked: allow VMXON and lock, as firmware normally does. */
        wrmsr(MSR_IA32_FEATURE_CONTROL,
              fc | FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMXON_OUTSIDE_SMX);
    }
    return 0;
}

static int vmx_settle_controls(void)
{
    uint64_t basic = rdmsr(MSR_IA32_VMX_BASIC);
    bool use_true = basic & VMX_BASIC_TRUE_CTLS;
    uint32_t exit_opt;
    int bad = 0;

    vmx_caps.revision = (uint32_t)(basic & VMX_BASIC_REVISION_MASK);
    vmx_caps.ins_outs_info = basic & VMX_BASIC_INS_OUTS_INFO;
    if (VMX_BASIC_VMCS_SIZE(basic) > PAGE_SIZE) {
        printk("VT-x: VMCS of %llu bytes does not fit a page\n",
               (unsigned long long)VMX_BASIC_VMCS_SIZE(basic));
        return -1;
    }

    /*
     * Host interrupts and NMIs must leave the guest; the timer preempts it.
     * Virtual NMIs (25.6.1, 26.3) if the CPU has them: the guest's
     * "blocking by NMI" is then a bit the CPU keeps in the VMCS, set by an
     * NMI Keel injects and cleared by the guest's IRET, and NMI-window
     * exiting (26.2) says when it is clear, so a vLAPIC NMI that arrives
     * while the guest's NMI handler runs is held until that IRET.
     */
    bad |= adjust_controls("pin-based",
                           use_true ? MSR_IA32_VMX_TRUE_PINBASED_CTLS : MSR_IA32_VMX_PINBASED_CTLS,
                           PIN_EXTINT_EXITING | PIN_NMI_EXITING,
                           PIN_PREEMPTION_TIMER | PIN_VIRTUAL_NMIS, &vmx_caps.pin);
    /*
     * Every port access exits: a port Keel does not emulate must not reach
     * the machine's devices either, so an I/O bitmap would be all ones.
     * MSRs exit unless the MSR bitmap (vmcs.c) passes them through. CR8
     * exits both ways: without a TPR shadow, MOV to CR8 in a guest would
     * write the local APIC's own TPR (SDM Vol. 3C 26.3, "MOV to CR8"),
     * which outlives the VM exit and masks the hypervisor's vectors on
     * that CPU; exits.c points it at the vLAPIC's TPR instead.
     */
    bad |= adjust_controls(
        "processor-based",
        use_true ? MSR_IA32_VMX_TRUE_PROCBASED_CTLS : MSR_IA32_VMX_PROCBASED_CTLS,
        CPU_HLT_EXITING | CPU_UNCOND_IO_EXITING | CPU_SECONDARY_CONTROLS | CPU_CR8_LOAD_EXITING |
            CPU_CR8_STORE_EXITING,
        CPU_USE_MSR_BITMAPS | CPU_INTR_WINDOW_EXITING | CPU_NMI_WINDOW_EXITING, &vmx_caps.cpu);
    /*
     * Offered, but only turned on while a vLAPIC interrupt or NMI waits
     * (vlapic.c). NMI-window exiting needs virtual NMIs (27.2.1.1).
     */
    vmx_caps.intr_window = vmx_caps.cpu & CPU_INTR_WINDOW_EXITING;
    vmx_caps.nmi_window =
        (vmx_caps.cpu & CPU_NMI_WINDOW_EXITING) && (vmx_caps.pin & PIN_VIRTUAL_NMIS);
    vmx_caps.cpu &= ~(CPU_INTR_WINDOW_EXITING | CPU_NMI_WINDOW_EXITING);
    if (bad)
        return -1;
    bad |= adjust_controls("secondary processor-based", MSR_IA32_VMX_PROCBASED_CTLS2,
                           CPU2_ENABLE_EPT | CPU2_UNRESTRICTED_GUEST, CPU2_ENABLE_VPID,
                           &vmx_caps.cpu2);
    exit_opt = EXIT_ACK_INTR_ON_EXIT;
    if (vmx_caps.pin & PIN_PREEMPTION_TIMER)
        exit_opt |= EXIT_SAVE_PREEMPT_TIMER;
    /*
     * DR7 and IA32_DEBUGCTL are each vCPU's, saved at exit and loaded at
     * entry through its VMCS (27.3.1, 26.3.2.1); with the TRUE capability
     * MSRs both debug controls may be 0, which would leave a guest's DR7
     * behind at every exit (it reads 0x400 after, 28.5.1).
     */
    bad |= adjust_controls("VM-exit", use_true ? MSR_IA32_VMX_TRUE_EXIT_CTLS : MSR_IA32_VMX_EXIT_CTLS,
                           EXIT_HOST_ADDR_SPACE_SIZE | EXIT_SAVE_IA32_EFER | EXIT_LOAD_IA32_EFER |
                               EXIT_SAVE_DEBUG_CONTROLS,
                           exit_opt, &vmx_caps.exit);
    bad |= adjust_controls("VM-entry",
                           use_true ? MSR_IA32_VMX_TRUE_ENTRY_CTLS : MSR_IA32_VMX_ENTRY_CTLS,
                           ENTRY_LOAD_IA32_EFER | ENTRY_LOAD_DEBUG_CONTROLS, 0, &vmx_caps.entry);
    /* A guest starts outside long mode; the bit follows EFER.LMA from then on. */
    vmx_caps.entry &= ~ENTRY_IA32E_MODE;
    if (bad)
        return -1;

    vmx_caps.ept_vpid = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
    if (!(vmx_caps.ept_vpid & EPT_CAP_WALK_4) || !(vmx_caps.ept_vpid & EPT_CAP_WB)) {
        printk("VT-x: EPT lacks 4-level walks or write-back tables (cap %#llx)\n",
               (unsigned long long)vmx_caps.ept_vpid);
        return -1;
    }
    vmx_caps.ept_2m = vmx_caps.ept_vpid & EPT_CAP_2M;
    vmx_caps.preempt_shift = (unsigned int)(rdmsr(MSR_IA32_VMX_MISC) & 0x1f);
    vmx_caps.cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
    vmx_caps.cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
    vmx_caps.cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
    vmx_caps.cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
    return 0;
}

/* One VMXON region per CPU, here so that APs need not allocate (A.1: a 4 KiB page). */
static uint32_t vmxon_regions[NR_CPUS][PAGE_SIZE / 4] __attribute__((aligned(PAGE_SIZE)));

/* This CPU into VMX operation: fixed CR bits, then VMXON (SDM Vol. 3C 24.7, 24.8). */
int vmx_cpu_up(void)
{
    uint32_t *vmxon_region = vmxon_regions[smp_processor_id()];
    uint64_t pa;
    uint8_t fail;

    if (vmx_check_cpu())
        return -1;
    /*
     * VMXON needs CR0/CR4 inside their fixed bits (CR0.NE, CR4.VMXE among
     * them). CR4.OSFXSR: FXSAVE then saves the XMM registers and MXCSR
     * too (SDM Vol. 1 10.5.1), which schedule.c switches between vCPUs.
     */
    write_cr0((read_cr0() | vmx_caps.cr0_fixed0) & vmx_caps.cr0_fixed1);
    write_cr4(((read_cr4() | X86_CR4_VMXE | X86_CR4_OSFXSR) | vmx_caps.cr4_fixed0) &
              vmx_caps.cr4_fixed1);

    vmxon_region[0] = vmx_caps.revision;
    pa = (uint64_t)vmxon_region;
    __asm__ volatile("vmxon %1; setbe %0" : "=qm"(fail) : "m"(pa) : "cc", "memory");
    if (fail) {
        printk("VT-x: VMXON failed on CPU%u\n", smp_processor_id());
        return -1;
    }
    return 0;
}

int vmx_init(void)
{
    if (vmx_check_cpu() || vmx_settle_controls() || vmx_cpu_up())
        return -1;
    printk("VT-x: VMXON (VMCS revision %#x); pin %#x, cpu %#x, cpu2 %#x, exit %#x, entry %#x; "
           "EPT%s, %s, %s\n",
           vmx_caps.revision, vmx_caps.pin, vmx_caps.cpu, vmx_caps.cpu2, vmx_caps.exit,
           vmx_caps.entry, vmx_caps.ept_2m ? " (2 MiB pages)" : "",
           vmx_caps.cpu2 & CPU2_ENABLE_VPID ? "VPID" : "no VPID",
           vmx_caps.pin & PIN_PREEMPTION_TIMER ? "preemption timer" : "no preemption timer");
    printk("VT-x: guest NMIs %s\n",
           vmx_caps.nmi_window ? "through virtual NMIs and NMI-window exiting"
                               : "without virtual NMIs: one held is injected at a later exit");
    return 0;
}

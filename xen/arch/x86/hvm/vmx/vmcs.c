// SPDX-License-Identifier: GPL-2.0-only
/*
 * One VMCS per vCPU (SDM Vol. 3C chapter 25): the controls vmx.c settled
 * on, the host state every VM exit returns to, and the guest state of a PVH
 * entry (Xen's docs/misc/pvh.pandoc): 32-bit protected mode, flat 4 GiB
 * segments, paging off, ebx = start info.
 */
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/desc.h>
#include <asm/hvm/vmx/vmx.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/setup.h>

/* Segment access rights (SDM Vol. 3C 25.4.1): G, D/B, P, S, type. */
#define AR_CODE32 0xc09bU /* execute/read, accessed */
#define AR_DATA32 0xc093U /* read/write, accessed */
#define AR_TSS32_BUSY 0x008bU
/* Real mode after INIT (SDM Vol. 3A table 9-1): present, S, accessed, 16-bit, byte granular. */
#define AR_CODE16 0x009bU
#define AR_DATA16 0x0093U
/* CR0.CD and CR0.NW are set by INIT (table 9-1: CR0 = 0x60000010). */
#define CR0_CD_NW_RESET 0x60000000UL

static void vmptrld(void *vmcs)
{
    uint64_t pa = (uint64_t)vmcs;

    __asm__ volatile("vmptrld %0" : : "m"(pa) : "cc", "memory");
}

static void vmclear(void *vmcs)
{
    uint64_t pa = (uint64_t)vmcs;

    __asm__ volatile("vmclear %0" : : "m"(pa) : "cc", "memory");
}

static void vmcs_write_host_state(void);

void vmx_vcpu_load(struct vcpu *v)
{
    struct percpu *pc = this_cpu();

    if (pc->loaded != v) {
        vmptrld(v->arch.vmcs);
        pc->loaded = v;
        /* The host state is the CPU's own (GDT, TSS, GS): written where the vCPU runs. */
        if (!v->arch.host_state_done) {
            vmcs_write_host_state();
            v->arch.host_state_done = true;
        }
    }
}

/* CR0/CR4 bits the guest may not choose: owned by the host, shown through the shadow. */
static unsigned long cr0_host_owned(void)
{
    /* Unrestricted guest lifts the PE and PG requirement (25.8 and 27.3.1.1). */
    return (vmx_caps.cr0_fixed0 & ~(X86_CR0_PE | X86_CR0_PG)) | ~vmx_caps.cr0_fixed1;
}

static unsigned long cr4_host_owned(void)
{
    return vmx_caps.cr4_fixed0 | ~vmx_caps.cr4_fixed1;
}

static unsigned long cr0_real(unsigned long guest)
{
    return (guest | (vmx_caps.cr0_fixed0 & ~(X86_CR0_PE | X86_CR0_PG))) & vmx_caps.cr0_fixed1;
}

static unsigned long cr4_real(unsigned long guest)
{
    return (guest | vmx_caps.cr4_fixed0) & vmx_caps.cr4_fixed1;
}

static void set_segment(unsigned int sel_field, uint16_t sel, uint32_t ar)
{
    /* Selector, limit, AR and base fields of one segment are 2 apart in each group. */
    unsigned int idx = (sel_field - GUEST_ES_SELECTOR) / 2;

    vmwrite(sel_field, sel);
    vmwrite(GUEST_ES_LIMIT + idx * 2, 0xffffffffUL);
    vmwrite(GUEST_ES_AR_BYTES + idx * 2, ar);
    vmwrite(GUEST_ES_BASE + idx * 2, 0);
}

static void vmcs_write_host_state(void)
{
    vmwrite(HOST_CR0, read_cr0());
    vmwrite(HOST_CR3, read_cr3());
    vmwrite(HOST_CR4, read_cr4());
    vmwrite(HOST_CS_SELECTOR, GDT_CS64);
    vmwrite(HOST_SS_SELECTOR, GDT_DS);
    vmwrite(HOST_DS_SELECTOR, GDT_DS);
    vmwrite(HOST_ES_SELECTOR, GDT_DS);
    vmwrite(HOST_FS_SELECTOR, 0);
    vmwrite(HOST_GS_SELECTOR, 0);
    vmwrite(HOST_TR_SELECTOR, GDT_TSS);
    vmwrite(HOST_FS_BASE, 0);
    vmwrite(HOST_GS_BASE, (unsigned long)this_cpu());
    vmwrite(HOST_TR_BASE, cpu_tss_base());
    vmwrite(HOST_GDTR_BASE, cpu_gdt_base());
    vmwrite(HOST_IDTR_BASE, cpu_idt_base());
    vmwrite(HOST_SYSENTER_CS, 0);
    vmwrite(HOST_SYSENTER_ESP, 0);
    vmwrite(HOST_SYSENTER_EIP, 0);
    vmwrite(HOST_IA32_EFER, rdmsr(MSR_EFER));
    vmwrite(HOST_RIP, (unsigned long)vmx_exit_entry);
    /* HOST_RSP is written by vmx_enter() before each entry. */
}

/*
 * The MSR bitmap (SDM Vol. 3C 25.6.9), one page shared by every vCPU: read
 * bits for MSRs 0-0x1fff, then for 0xc0000000-0xc0001fff, then the same two
 * for writes; a set bit makes the access exit. Only FS.base and GS.base
 * pass through: the VMCS switches both at entry and exit (27.3.2, 28.5.2),
 * so a guest's value never leaks to the host or another guest.
 */
static uint8_t msr_bitmap[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void msr_bitmap_pass(uint32_t msr)
{
    unsigned int bit = msr & 0x1fff, base = msr >= 0xc0000000U ? 0x400 : 0;

    msr_bitmap[base + bit / 8] &= (uint8_t)~(1U << (bit % 8));         /* read */
    msr_bitmap[0x800 + base + bit / 8] &= (uint8_t)~(1U << (bit % 8)); /* write */
}

static uint64_t msr_bitmap_pa(void)
{
    static bool ready; /* domains are built on the boot CPU only */

    if (!ready) {
        ready = true;
        memset(msr_bitmap, 0xff, sizeof(msr_bitmap));
        msr_bitmap_pass(MSR_FS_BASE);
        msr_bitmap_pass(MSR_GS_BASE);
    }
    return (uint64_t)msr_bitmap;
}

static void vmcs_write_controls(const struct vcpu *v)
{
    vmwrite(PIN_BASED_VM_EXEC_CONTROL, vmx_caps.pin);
    vmwrite(CPU_BASED_VM_EXEC_CONTROL, vmx_caps.cpu);
    vmwrite(SECONDARY_VM_EXEC_CONTROL, vmx_caps.cpu2);
    vmwrite(VM_EXIT_CONTROLS, vmx_caps.exit);
    vmwrite(VM_ENTRY_CONTROLS, vmx_caps.entry);
    vmwrite(EXCEPTION_BITMAP, 0);
    vmwrite(CR3_TARGET_COUNT, 0);
    vmwrite(VM_EXIT_MSR_STORE_COUNT, 0);
    vmwrite(VM_EXIT_MSR_LOAD_COUNT, 0);
    vmwrite(VM_ENTRY_MSR_LOAD_COUNT, 0);
    vmwrite(VM_ENTRY_INTR_INFO, 0);
    vmwrite(EPT_POINTER, v->domain->arch.eptp);
    if (vmx_caps.cpu & CPU_USE_MSR_BITMAPS)
        vmwrite(MSR_BITMAP, msr_bitmap_pa());
    if (vmx_caps.cpu2 & CPU2_ENABLE_VPID)
        vmwrite(VIRTUAL_PROCESSOR_ID, v->domain->domain_id); /* 0 is the host's */
    vmwrite(CR0_GUEST_HOST_MASK, cr0_host_owned());
    vmwrite(CR4_GUEST_HOST_MASK, cr4_host_owned());
    if (vmx_caps.pin & PIN_PREEMPTION_TIMER)
        vmwrite(VMX_PREEMPTION_TIMER_VALUE, vmx_slice_cycles(v->pcpu) >> vmx_caps.preempt_shift);
}

static void vmcs_write_pvh_guest_state(const struct vcpu *v)
{
    unsigned long cr0 = X86_CR0_PE | X86_CR0_ET;

    vmwrite(CR0_READ_SHADOW, cr0);
    vmwrite(GUEST_CR0, cr0_real(cr0));
    vmwrite(CR4_READ_SHADOW, 0);
    vmwrite(GUEST_CR4, cr4_real(0));
    vmwrite(GUEST_CR3, 0);
    vmwrite(GUEST_IA32_EFER, 0);

    set_segment(GUEST_CS_SELECTOR, 0x08, AR_CODE32);
    set_segment(GUEST_SS_SELECTOR, 0x10, AR_DATA32);
    set_segment(GUEST_DS_SELECTOR, 0x10, AR_DATA32);
    set_segment(GUEST_ES_SELECTOR, 0x10, AR_DATA32);
    set_segment(GUEST_FS_SELECTOR, 0x10, AR_DATA32);
    set_segment(GUEST_GS_SELECTOR, 0x10, AR_DATA32);
    /* TR must be a usable busy TSS even though the guest never switches tasks. */
    vmwrite(GUEST_TR_SELECTOR, 0);
    vmwrite(GUEST_TR_LIMIT, 0x67);
    vmwrite(GUEST_TR_AR_BYTES, AR_TSS32_BUSY);
    vmwrite(GUEST_TR_BASE, 0);
    vmwrite(GUEST_LDTR_SELECTOR, 0);
    vmwrite(GUEST_LDTR_LIMIT, 0);
    vmwrite(GUEST_LDTR_AR_BYTES, AR_UNUSABLE);
    vmwrite(GUEST_LDTR_BASE, 0);
    vmwrite(GUEST_GDTR_BASE, 0);
    vmwrite(GUEST_GDTR_LIMIT, 0);
    vmwrite(GUEST_IDTR_BASE, 0);
    vmwrite(GUEST_IDTR_LIMIT, 0);

    vmwrite(GUEST_RIP, v->domain->arch.entry);
    vmwrite(GUEST_RSP, 0);
    vmwrite(GUEST_RFLAGS, 0x2); /* bit 1 is reserved as 1 */
    vmwrite(GUEST_DR7, 0x400);
    vmwrite(GUEST_IA32_DEBUGCTL, 0);
    vmwrite(GUEST_SYSENTER_CS, 0);
    vmwrite(GUEST_SYSENTER_ESP, 0);
    vmwrite(GUEST_SYSENTER_EIP, 0);
    vmwrite(GUEST_ACTIVITY_STATE, 0);
    vmwrite(GUEST_INTERRUPTIBILITY_INFO, 0);
    vmwrite(GUEST_PENDING_DBG_EXCEPTIONS, 0);
    vmwrite(VMCS_LINK_POINTER, ~0UL); /* no shadow VMCS: all ones (26.3.1.5) */
}

int vmx_vcpu_create(struct vcpu *v)
{
    uint32_t *vmcs = alloc_pages(PAGE_SIZE, PAGE_SIZE);

    if (!vmcs)
        return -ENOMEM;
    vmcs[0] = vmx_caps.revision;
    vmclear(vmcs);
    v->arch.vmcs = vmcs;
    v->arch.launched = false;
    v->arch.host_state_done = false;
    v->arch.cr2 = 0;
    memset(v->arch.dr, 0, sizeof(v->arch.dr));
    v->arch.dr6 = X86_DR6_INIT;
    vlapic_reset(v);
    vmptrld(vmcs);
    vmcs_write_controls(v);
    vmcs_write_pvh_guest_state(v);
    v->arch.regs.gpr[GPR_RBX] = GUEST_PVH_START_INFO;
    v->arch.wait_for_sipi = false;
    v->arch.sipi_vector = -1;
    /* Written back to memory and inactive: the CPU it is pinned to loads it. */
    vmclear(vmcs);
    if (this_cpu()->loaded)
        vmptrld(this_cpu()->loaded->arch.vmcs);
    return 0;
}

/*
 * A vCPU started by a STARTUP IPI (hvm/vlapic.c), on its own CPU with its
 * VMCS loaded, before its first entry: the state INIT leaves (SDM Vol. 3A
 * 9.1.1, table 9-1: real mode, CR0 = 0x60000010, every segment base 0 and
 * limit 0xffff, EFER, CR3, CR4, DR7 and the general registers cleared)
 * with CS = vector << 8, base vector << 12, IP = 0 (9.4.4.1). Unrestricted
 * guest runs it as it is (25.6.2); the access rights are those the VM-entry
 * checks want for real mode (27.3.1.2): present, accessed, DPL 0, LDTR
 * unusable, TR a busy 32-bit TSS (type 11, as Xen's reset state has it:
 * entering long mode with a 16-bit one is #GP in Bochs, and the entry
 * checks of an IA-32e guest want type 11).
 */
void vmx_vcpu_start_real(struct vcpu *v)
{
    static const unsigned int segs[] = {GUEST_ES_SELECTOR, GUEST_SS_SELECTOR,
                                        GUEST_DS_SELECTOR, GUEST_FS_SELECTOR, GUEST_GS_SELECTOR};
    unsigned long cr0 = X86_CR0_ET | CR0_CD_NW_RESET;
    unsigned long vector = (unsigned long)v->arch.sipi_vector & 0xff;
    unsigned int i;

    v->arch.sipi_vector = -1;
    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    vmwrite(CR0_READ_SHADOW, cr0);
    vmwrite(GUEST_CR0, cr0_real(cr0));
    vmwrite(CR4_READ_SHADOW, 0);
    vmwrite(GUEST_CR4, cr4_real(0));
    vmwrite(GUEST_CR3, 0);
    vmwrite(GUEST_IA32_EFER, 0);
    vmwrite(VM_ENTRY_CONTROLS, vmread(VM_ENTRY_CONTROLS) & ~(unsigned long)ENTRY_IA32E_MODE);
    for (i = 0; i < ARRAY_SIZE(segs); i++) {
        unsigned int idx = (segs[i] - GUEST_ES_SELECTOR) / 2;

        vmwrite(segs[i], 0);
        vmwrite(GUEST_ES_LIMIT + idx * 2, 0xffff);
        vmwrite(GUEST_ES_AR_BYTES + idx * 2, AR_DATA16);
        vmwrite(GUEST_ES_BASE + idx * 2, 0);
    }
    vmwrite(GUEST_CS_SELECTOR, vector << 8);
    vmwrite(GUEST_CS_LIMIT, 0xffff);
    vmwrite(GUEST_CS_AR_BYTES, AR_CODE16);
    vmwrite(GUEST_CS_BASE, vector << 12);
    vmwrite(GUEST_TR_SELECTOR, 0);
    vmwrite(GUEST_TR_LIMIT, 0xffff);
    vmwrite(GUEST_TR_AR_BYTES, AR_TSS32_BUSY);
    vmwrite(GUEST_TR_BASE, 0);
    vmwrite(GUEST_LDTR_SELECTOR, 0);
    vmwrite(GUEST_LDTR_LIMIT, 0xffff);
    vmwrite(GUEST_LDTR_AR_BYTES, AR_UNUSABLE);
    vmwrite(GUEST_LDTR_BASE, 0);
    vmwrite(GUEST_GDTR_BASE, 0);
    vmwrite(GUEST_GDTR_LIMIT, 0xffff);
    vmwrite(GUEST_IDTR_BASE, 0);
    vmwrite(GUEST_IDTR_LIMIT, 0xffff);
    vmwrite(GUEST_RIP, 0);
    vmwrite(GUEST_RSP, 0);
    vmwrite(GUEST_RFLAGS, 0x2);
    vmwrite(GUEST_DR7, 0x400);
    vmwrite(GUEST_ACTIVITY_STATE, 0);
    vmwrite(GUEST_INTERRUPTIBILITY_INFO, 0);
    vmwrite(GUEST_PENDING_DBG_EXCEPTIONS, 0);
    vmwrite(VM_ENTRY_INTR_INFO, 0);
    /* No window left open from before it went offline: vlapic_reset() forgets them. */
    vmwrite(CPU_BASED_VM_EXEC_CONTROL, vmx_caps.cpu);
    v->arch.cr2 = 0;
    memset(v->arch.dr, 0, sizeof(v->arch.dr));
    v->arch.dr6 = X86_DR6_INIT;
    memset(v->arch.syscall_msr, 0, sizeof(v->arch.syscall_msr));
    vlapic_reset(v);
}

void vmx_vcpu_destroy(struct vcpu *v)
{
    if (!v->arch.vmcs)
        return;
    vmclear(v->arch.vmcs);
    if (this_cpu()->loaded == v)
        this_cpu()->loaded = NULL;
}

/* A primary processor-based control on or off (on only where the CPU has it); one VMWRITE if it changes. */
static void set_cpu_control(unsigned long bit, bool on)
{
    unsigned long ctl = vmread(CPU_BASED_VM_EXEC_CONTROL);
    unsigned long want = on ? ctl | bit : ctl & ~bit;

    if (want != ctl)
        vmwrite(CPU_BASED_VM_EXEC_CONTROL, want);
}

/* Exit as soon as the guest can take an interrupt (25.2, 26.7.5). */
void vmx_set_intr_window(bool on)
{
    set_cpu_control(CPU_INTR_WINDOW_EXITING, on && vmx_caps.intr_window);
}

/* Exit as soon as the guest can take an NMI: no blocking by NMI, STI or MOV SS (26.2). */
void vmx_set_nmi_window(bool on)
{
    set_cpu_control(CPU_NMI_WINDOW_EXITING, on && vmx_caps.nmi_window);
}

/* #GP(0) on the next entry (25.8.3); real mode takes no error code. */
void vmx_inject_gp(void)
{
    uint32_t info = 13 | INTR_TYPE_HW_EXCEPTION | INTR_INFO_VALID;

    if (vmread(GUEST_CR0) & X86_CR0_PE)
        info |= INTR_INFO_DELIVER_ERROR;
    vmwrite(VM_ENTRY_EXCEPTION_ERROR_CODE, 0);
    vmwrite(VM_ENTRY_INTR_INFO, info);
}

/*
 * A MOV to CR0 that changed a host-owned bit exited instead of taking
 * effect: do it here. Turning paging on with EFER.LME set enters IA-32e
 * mode, which the CPU would have done itself (SDM Vol. 3A 9.8.5).
 */
void vmx_set_cr0(unsigned long value)
{
    unsigned long old = vmread(GUEST_CR0), real = cr0_real(value);
    unsigned long efer = vmread(GUEST_IA32_EFER);
    unsigned long entry = vmread(VM_ENTRY_CONTROLS);

    if ((old ^ real) & X86_CR0_PG) {
        if ((real & X86_CR0_PG) && (efer & EFER_LME)) {
            efer |= EFER_LMA;
            entry |= ENTRY_IA32E_MODE;
        } else if (!(real & X86_CR0_PG)) {
            efer &= ~EFER_LMA;
            entry &= ~ENTRY_IA32E_MODE;
        }
        vmwrite(GUEST_IA32_EFER, efer);
        vmwrite(VM_ENTRY_CONTROLS, entry);
    }
    vmwrite(CR0_READ_SHADOW, value);
    vmwrite(GUEST_CR0, real);
}

void vmx_set_cr4(unsigned long value)
{
    vmwrite(CR4_READ_SHADOW, value);
    vmwrite(GUEST_CR4, cr4_real(value));
}

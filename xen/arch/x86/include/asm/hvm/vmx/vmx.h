/* SPDX-License-Identifier: GPL-2.0-only */
/* VMX operations, exit reasons and the interface of xen/arch/x86/hvm/vmx/. */
#ifndef ASM_X86_HVM_VMX_VMX_H
#define ASM_X86_HVM_VMX_VMX_H

#include <xen/types.h>

#include <asm/hvm/vmx/vmcs.h>

struct domain;
struct cpu_user_regs;
struct vcpu;

/* Basic exit reasons (SDM Vol. 3D appendix C) */
#define EXIT_REASON_EXCEPTION_NMI 0
#define EXIT_REASON_EXTERNAL_INTERRUPT 1
#define EXIT_REASON_TRIPLE_FAULT 2
#define EXIT_REASON_INTERRUPT_WINDOW 7
#define EXIT_REASON_NMI_WINDOW 8
#define EXIT_REASON_CPUID 10
#define EXIT_REASON_HLT 12
#define EXIT_REASON_VMCALL 18
#define EXIT_REASON_CR_ACCESS 28
#define EXIT_REASON_IO_INSTRUCTION 30
#define EXIT_REASON_MSR_READ 31
#define EXIT_REASON_MSR_WRITE 32
#define EXIT_REASON_INVALID_GUEST_STATE 33
#define EXIT_REASON_EPT_VIOLATION 48
#define EXIT_REASON_EPT_MISCONFIG 49
#define EXIT_REASON_PREEMPTION_TIMER 52
#define EXIT_REASON_XSETBV 55
#define EXIT_REASON_FAILED_ENTRY (1U << 31)

static inline unsigned long vmread(unsigned long field)
{
    unsigned long v;

    __asm__ volatile("vmread %1, %0" : "=rm"(v) : "r"(field) : "cc");
    return v;
}

static inline void vmwrite(unsigned long field, unsigned long value)
{
    __asm__ volatile("vmwrite %1, %0" : : "r"(field), "rm"(value) : "cc");
}

/* The controls vmx.c settled on from the capability MSRs, for vmcs.c. */
struct vmx_caps {
    uint32_t revision;
    uint32_t pin, cpu, cpu2, exit, entry;
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
    uint64_t ept_vpid;
    unsigned int preempt_shift; /* timer ticks every 2^shift TSC cycles */
    bool ept_2m;
    bool intr_window;   /* interrupt-window exiting can be turned on */
    bool nmi_window;    /* virtual NMIs are on, and NMI-window exiting can be turned on */
    bool ins_outs_info; /* IA32_VMX_BASIC[54]: INS/OUTS exits describe their operand */
};
extern struct vmx_caps vmx_caps;

/* vmx.c */
int vmx_init(void);
int vmx_cpu_up(void); /* each AP, after vmx_init() on the boot CPU */

/* hvm/cpuid.c */
struct cpuid_regs;
void guest_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t sub, struct cpuid_regs *r);

/* hvm/msr.c */
int guest_msr(struct vcpu *v, uint32_t msr, bool write, uint64_t *val);
void guest_msrs_load(const struct vcpu *v);
void guest_msrs_save(struct vcpu *v);

/* hvm/vlapic.c */
void vlapic_reset(struct vcpu *v);
void vlapic_inject(struct vcpu *v);
bool vlapic_wakes(struct vcpu *v);
uint64_t vlapic_deadline(const struct vcpu *v);
int vlapic_base_msr(struct vcpu *v, bool write, uint64_t *val);
int vlapic_msr(struct vcpu *v, uint32_t msr, bool write, uint64_t *val);
int vlapic_tsc_deadline_msr(struct vcpu *v, bool write, uint64_t *val);
unsigned long vlapic_cr8(const struct vcpu *v);
void vlapic_set_cr8(struct vcpu *v, unsigned long cr8);

/* vmcs.c */
int vmx_vcpu_create(struct vcpu *v);
void vmx_vcpu_load(struct vcpu *v);
void vmx_vcpu_destroy(struct vcpu *v);
/* A vCPU a STARTUP IPI started: its real-mode state, on its CPU before its first entry. */
void vmx_vcpu_start_real(struct vcpu *v);
void vmx_inject_gp(void);
void vmx_set_intr_window(bool on);
void vmx_set_nmi_window(bool on);
void vmx_set_cr0(unsigned long value);
void vmx_set_cr4(unsigned long value);

/* ept.c */
int ept_build(struct domain *d);

/*
 * entry.S: enter v's guest; a VMX_ENTER_* code (asm/hvm/vmx/entry.h) once
 * an exit needs C code, VMX_ENTER_FAILED if the entry failed. Hypercalls
 * that need nothing more are handled there without coming back.
 */
int vmx_enter(struct cpu_user_regs *regs, int launched);
void vmx_exit_entry(void);

/* exits.c: an exit vmx_enter() came back with (how: its VMX_ENTER_* code). */
void vmx_handle_exit(struct vcpu *v, int how);
void vmx_entry_failed(struct vcpu *v);

/* vuart.c: guest port I/O; true if the port belongs to the emulated 16550. */
bool vuart_io(struct domain *d, uint16_t port, bool in, uint32_t *val);
/* vrtc.c: guest port I/O; true if the port is the CMOS RTC's (0x70, 0x71). */
bool vrtc_io(struct domain *d, uint16_t port, bool in, uint32_t *val);

/*
 * Preemption slice in TSC cycles (Bochs: about one per instruction), when
 * the CPU's pool has no slice of its own configured.
 */
#define VMX_SLICE_CYCLES 2000000UL
/*
 * schedule.c: the preemption timer's period on cpu, in TSC cycles of guest
 * time: its pool's configured slice, else VMX_SLICE_CYCLES.
 */
uint64_t vmx_slice_cycles(unsigned int cpu);

#endif /* ASM_X86_HVM_VMX_VMX_H */

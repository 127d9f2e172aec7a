/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86-64 parts of struct domain and struct vcpu. */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>

/*
 * Guest general-purpose registers, indexed by the SDM's register encoding
 * (Vol. 3C table 28-3: 0 rax, 1 rcx, 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi,
 * 7 rdi, 8-15 r8-r15) so exit qualifications index it directly. rsp lives in
 * the VMCS; slot 4 is unused. hvm/vmx/entry.S depends on this layout.
 */
struct cpu_user_regs {
    unsigned long gpr[16];
};

#define GPR_RAX 0
#define GPR_RCX 1
#define GPR_RDX 2
#define GPR_RBX 3
#define GPR_RSP 4
#define GPR_RSI 6
#define GPR_RDI 7
#define GPR_R8 8
#define GPR_R10 10

/*
 * A vCPU's x2APIC (hvm/vlapic.c): the timer, interrupts requested and in
 * service (IRR, ISR) for every vector, an NMI waiting, and what a driver reads.
 * deadline stays at entry.h's VCPU_VLAPIC_DEADLINE offset.
 */
#define VLAPIC_NR_LVT 6 /* CMCI, thermal, performance, LINT0, LINT1, error */

struct vlapic {
    bool window;               /* interrupt-window exiting is on for it */
    uint8_t pad[3];            /* x2APIC mode is not state: always on, locked (vlapic.c) */
    uint32_t svr, tpr, lvt_timer, dcr, initial;
    uint64_t deadline;         /* TSC of the next expiry, 0 if stopped */
    uint64_t period;           /* TSC ticks per count-down */
    uint32_t irr[8], isr[8];   /* one bit per vector (SDM Vol. 3A 11.8.4) */
    uint32_t lvt[VLAPIC_NR_LVT];
    /*
     * An NMI IPI not yet injected: one at most, as the processor latches
     * one (SDM Vol. 3A 7.7.1); other vCPUs set it atomically.
     */
    uint8_t nmi_pending;
    bool nmi_window;           /* NMI-window exiting is on for it */
};

#define NR_SYSCALL_MSRS 5
#define VMX_NR_EXIT_REASONS 70

struct arch_vcpu {
    struct cpu_user_regs regs; /* first: entry.S takes &arch as the regs */
    /*
     * Non-zero: the exit path has work to do before the next entry (the
     * vLAPIC holds an interrupt not yet injected), so hvm/vmx/entry.S's
     * hypercall fast path hands over to the C exit path. v's own CPU
     * writes it, and another vCPU of its domain sets it with an IPI; that
     * one then interrupts v's CPU (hvm/vlapic.c), so a request its owner
     * has just overwritten with 0 still reaches the C exit path.
     */
    uint32_t exit_work;
    void *vmcs;                /* this vCPU's VMCS (identity mapped) */
    bool launched;             /* VMLAUNCH done; VMRESUME from now on */
    bool host_state_done;      /* VMCS host fields written on its CPU */
    struct vlapic vlapic;
    bool fpu_ready;            /* fpu holds its x87/SSE state (schedule.c) */
    uint8_t fpu[512] __attribute__((aligned(16))); /* FXSAVE image (SDM Vol. 1 10.5.1) */
    /* Not in the VMCS: switched by switch_regs.c while another vCPU has the CPU. */
    unsigned long cr2, dr[4], dr6;
    /* STAR, LSTAR, CSTAR, SFMASK, KERNEL_GS_BASE (hvm/msr.c), loaded by switch_regs.c. */
    uint64_t syscall_msr[NR_SYSCALL_MSRS];
    /*
     * INIT and STARTUP IPIs (hvm/vlapic.c, SDM Vol. 3A 9.4.4, 11.6.1): an
     * OFFLINE vCPU that took an INIT waits for a STARTUP IPI; the vector of
     * the one that started it, until its own CPU writes the real-mode state
     * (vmcs.c) before the first entry. -1: none pending.
     */
    bool wait_for_sipi;
    int sipi_vector;
};

/* DR6 at reset: its reserved bits read as ones (SDM Vol. 3A 17.2.3). */
#define X86_DR6_INIT 0xffff0ff0UL

/*
 * An emulated 16550 (hvm/vuart.c): output goes to the console, input comes
 * from the domain's console input buffer.
 */
struct vuart {
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    bool fifo;         /* FCR bit 0: the FIFOs are on (IIR bits 7:6 say so) */
    bool thre_taken;   /* the THRE interrupt was read from the IIR since the last THR write */
};

struct arch_domain {
    uint64_t eptp;       /* EPT pointer (SDM Vol. 3C 25.6.11) */
    uint32_t entry;      /* PVH entry point (XEN_ELFNOTE_PHYS32_ENTRY) */
    /*
     * CPUID 0x40000000+ shows Xen's leaves (the default). Off for a guest
     * that must boot as a generic PVH guest until the Xen PV core is there:
     * Linux's PVH entry runs its Xen set-up whenever it finds them.
     */
    bool xen_leaves;
    struct vuart uart;
    uint8_t rtc_index;   /* the CMOS register port 0x70 selected (hvm/vrtc.c) */
    /*
     * exitstats=1: VM exits through the C exit path counted by basic exit
     * reason (SDM Vol. 3D appendix C), printed with the TSC ticks since the
     * domain was built when it ends (make bench-linux-x86_64).
     */
    bool exit_stats;
    uint64_t start_tsc;
    uint64_t exits[VMX_NR_EXIT_REASONS];
};

/* cfg->arch for x86: the module holding the guest's ELF image. */
struct x86_guest_image {
    const uint8_t *elf;
    size_t size;
    const char *cmdline; /* what the guest sees in hvm_start_info */
    const uint8_t *ramdisk; /* the next module, if kind=ramdisk: hvm_start_info module 0 */
    size_t ramdisk_size;
    bool xen_leaves;
    bool exit_stats;
};

#endif /* ASM_X86_DOMAIN_H */

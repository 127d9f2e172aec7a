/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What hvm/vmx/entry.S knows of C structures and codes. exits.c checks
 * every offset against the compiler's at build time (BUILD_BUG_ON), so a
 * layout change fails the build instead of the fast path.
 */
#ifndef ASM_X86_HVM_VMX_ENTRY_H
#define ASM_X86_HVM_VMX_ENTRY_H

/* struct vcpu */
#define VCPU_STATE 16             /* state (enum vcpu_state) */
#define VCPU_EXIT_WORK 208        /* arch.exit_work */
#define VCPU_VLAPIC_DEADLINE 256  /* arch.vlapic.deadline */
#define VCPU_RUNNING_ID 2         /* VCPU_RUNNING */

/* struct percpu (GS base) and struct sched_cpu */
#define PERCPU_CURR 0             /* curr: the running vCPU */
#define PERCPU_SCHED 24           /* sched: this CPU's struct sched_cpu */
#define SCHED_CPU_RESCHED 552     /* resched */

/* Basic exit reason of VMCALL (SDM Vol. 3D appendix C). */
#define EXIT_VMCALL 18

/*
 * vmx_enter()'s results: 0 a VM exit for vmx_handle_exit(); 1 the entry
 * failed; 2 a VMCALL whose hypercall the fast path ran, its result in
 * regs.rax; 3 the same, but the handler asked for a continuation
 * (-ERESTART) and regs.rax still holds the hypercall number.
 */
#define VMX_ENTER_EXIT 0
#define VMX_ENTER_FAILED 1
#define VMX_ENTER_HCALL_DONE 2
#define VMX_ENTER_HCALL_RESTART 3

#endif /* ASM_X86_HVM_VMX_ENTRY_H */

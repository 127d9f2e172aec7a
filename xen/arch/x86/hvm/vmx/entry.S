/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * int vmx_enter(struct cpu_user_regs *regs, int launched)
 *
 * Save the host's callee-saved registers, point HOST_RSP at this frame,
 * load the guest's general-purpose registers and VMLAUNCH (first time) or
 * VMRESUME. A VM exit lands on vmx_exit_entry with rsp = HOST_RSP; it
 * stores the guest registers back and returns to the caller of vmx_enter
 * one of the VMX_ENTER_* codes (asm/hvm/vmx/entry.h); a failed entry falls
 * through and returns VMX_ENTER_FAILED (SDM Vol. 3C 26.1-26.2, 28.5).
 * Register offsets: struct cpu_user_regs, indexed by the SDM's encoding.
 *
 * Hypercalls take a short path that never leaves this file unless there
 * is work: the caller-saved registers go to regs (the C code keeps the
 * callee-saved ones, which still hold the guest's values), the exit
 * reason is the one VMREAD every exit pays, a VMCALL from the guest's
 * kernel outside an STI/MOV-SS shadow has its RIP advanced, and
 * hypercall_dispatch_regs() runs the table's handler with the arguments
 * still in registers (the guest's rdi, rsi, rdx and r8 are already where
 * the C calling convention wants them; r10 goes to rcx, the number to
 * r9). On the way back an interrupt window, then one test each: a
 * continuation, the vCPU no longer RUNNING, the CPU's scheduler wanting
 * to decide (resched), exit work (the vLAPIC holds an interrupt), the
 * vLAPIC timer due. Any of them, and the C exit path finishes the job;
 * otherwise the caller-saved registers are reloaded (nothing of the
 * hypervisor's reaches the guest: every register but rax is the guest's
 * own) and VMRESUME. Every other exit, and a VMCALL from user mode or in
 * an interrupt shadow, goes to vmx_handle_exit() as before.
 */
#include <xen/errno.h>
#include <asm/hvm/vmx/entry.h>
#include <asm/hvm/vmx/vmcs.h>

#define R_RAX 0
#define R_RCX 8
#define R_RDX 16
#define R_RBX 24
#define R_RBP 40
#define R_RSI 48
#define R_RDI 56
#define R_R8 64
#define R_R9 72
#define R_R10 80
#define R_R11 88
#define R_R12 96
#define R_R13 104
#define R_R14 112
#define R_R15 120

/* The guest's callee-saved registers, to regs at reg. */
.macro save_callee_saved reg
        mov     %rbx, R_RBX(\reg)
        mov     %rbp, R_RBP(\reg)
        mov     %r12, R_R12(\reg)
        mov     %r13, R_R13(\reg)
        mov     %r14, R_R14(\reg)
        mov     %r15, R_R15(\reg)
.endm

        .text
        .code64
        .globl vmx_enter
vmx_enter:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* regs, found again at exit */
        mov     $HOST_RSP, %eax
        vmwrite %rsp, %rax
        test    %esi, %esi              /* mov leaves the flags alone */
        mov     R_RAX(%rdi), %rax
        mov     R_RCX(%rdi), %rcx
        mov     R_RDX(%rdi), %rdx
        mov     R_RBX(%rdi), %rbx
        mov     R_RBP(%rdi), %rbp
        mov     R_RSI(%rdi), %rsi
        mov     R_R8(%rdi), %r8
        mov     R_R9(%rdi), %r9
        mov     R_R10(%rdi), %r10
        mov     R_R11(%rdi), %r11
        mov     R_R12(%rdi), %r12
        mov     R_R13(%rdi), %r13
        mov     R_R14(%rdi), %r14
        mov     R_R15(%rdi), %r15
        mov     R_RDI(%rdi), %rdi
        jnz     1f
        vmlaunch
        jmp     2f
1:      vmresume
2:      /* VMfailValid/VMfailInvalid: the guest never ran. */
        add     $8, %rsp
        mov     $VMX_ENTER_FAILED, %eax
        jmp     3f

        .globl vmx_exit_entry
vmx_exit_entry:
        push    %rax
        mov     8(%rsp), %rax           /* regs */
        mov     %rcx, R_RCX(%rax)
        mov     %rdx, R_RDX(%rax)
        mov     %rsi, R_RSI(%rax)
        mov     %rdi, R_RDI(%rax)
        mov     %r8, R_R8(%rax)
        mov     %r9, R_R9(%rax)
        mov     %r10, R_R10(%rax)
        mov     %r11, R_R11(%rax)
        pop     %r9                     /* the guest's rax: for a VMCALL, the number */
        mov     %r9, R_RAX(%rax)
        mov     $VM_EXIT_REASON, %ecx
        vmread  %rcx, %rcx
        cmp     $EXIT_VMCALL, %ecx
        jne     slow_exit
        /* Only the guest kernel may call: CPL = SS.DPL (SDM Vol. 3C 25.4.1). */
        mov     $GUEST_SS_AR_BYTES, %ecx
        vmread  %rcx, %rcx
        test    $0x60, %cl
        jnz     slow_exit
        /* Blocking by STI or MOV SS ends with the instruction: exits.c's advance_rip() clears it. */
        mov     $GUEST_INTERRUPTIBILITY_INFO, %ecx
        vmread  %rcx, %rcx
        test    $3, %cl
        jnz     slow_exit
        /* Past the VMCALL first: a shutdown in the handler leaves the vCPU where it was. */
        mov     $GUEST_RIP, %ecx
        vmread  %rcx, %r11
        mov     $VM_EXIT_INSTRUCTION_LEN, %ecx
        vmread  %rcx, %rcx
        add     %rcx, %r11
        mov     $GUEST_RIP, %ecx
        vmwrite %r11, %rcx
        mov     %r10, %rcx              /* rdi, rsi, rdx, r10, r8: arguments; r9: the number */
        call    hypercall_dispatch_regs
        cmp     $-ERESTART, %rax
        je      hcall_restart
        /*
         * An interrupt window, as the C loop opens before each entry (a
         * pending IPI runs its handler: Bochs would hold it off until a
         * guest with IF=0 executes STI).
         */
        sti
        nop
        cli
        mov     %gs:PERCPU_CURR, %rcx
        cmpl    $VCPU_RUNNING_ID, VCPU_STATE(%rcx)
        jne     hcall_done
        cmpl    $0, VCPU_EXIT_WORK(%rcx)
        jne     hcall_done
        mov     %gs:PERCPU_SCHED, %rdx
        cmpb    $0, SCHED_CPU_RESCHED(%rdx)
        jne     hcall_done
        /* The vLAPIC timer due: vlapic_inject() must see it (rdtsc only when one is armed). */
        mov     VCPU_VLAPIC_DEADLINE(%rcx), %rsi
        test    %rsi, %rsi
        jz      4f
        mov     %rax, %r9
        rdtsc
        shl     $32, %rdx
        or      %rdx, %rax
        cmp     %rsi, %rax
        mov     %r9, %rax
        jae     hcall_done
4:      mov     (%rsp), %r11            /* regs */
        mov     R_RCX(%r11), %rcx
        mov     R_RDX(%r11), %rdx
        mov     R_RSI(%r11), %rsi
        mov     R_RDI(%r11), %rdi
        mov     R_R8(%r11), %r8
        mov     R_R9(%r11), %r9
        mov     R_R10(%r11), %r10
        mov     R_R11(%r11), %r11
        vmresume
        /* VMfail: the guest state in regs is complete again, rax being the result. */
        push    %r11
        mov     8(%rsp), %r11
        mov     %rax, R_RAX(%r11)
        pop     R_R11(%r11)
        save_callee_saved %r11
        add     $8, %rsp
        mov     $VMX_ENTER_FAILED, %eax
        jmp     3f

        /* The hypercall ran; the C exit path finishes (regs.rax = its result). */
hcall_done:
        mov     (%rsp), %rdx
        mov     %rax, R_RAX(%rdx)
        save_callee_saved %rdx
        add     $8, %rsp
        mov     $VMX_ENTER_HCALL_DONE, %eax
        jmp     3f

        /* A continuation: regs.rax still holds the number, for hypercall_continue(). */
hcall_restart:
        mov     (%rsp), %rdx
        save_callee_saved %rdx
        add     $8, %rsp
        mov     $VMX_ENTER_HCALL_RESTART, %eax
        jmp     3f

        /* Any other exit: the rest of the frame, for vmx_handle_exit(). */
slow_exit:
        save_callee_saved %rax
        add     $8, %rsp
        mov     $VMX_ENTER_EXIT, %eax
3:      pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret

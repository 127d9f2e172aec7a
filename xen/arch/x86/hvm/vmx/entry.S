/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * int vmx_enter(struct cpu_user_regs *regs, int launched)
 *
 * Save the host's callee-saved registers, point HOST_RSP at this frame,
 * load the guest's general-purpose registers and VMLAUNCH (first time) or
 * VMRESUME. A VM exit lands on vmx_exit_entry with rsp = HOST_RSP, stores
 * the guest registers back and returns 0 to the caller of vmx_enter; a
 * failed entry falls through and returns 1 (SDM Vol. 3C 26.1-26.2, 28.5).
 * Register offsets: struct cpu_user_regs, indexed by the SDM's encoding.
 */
#define HOST_RSP 0x6c14

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
        mov     $1, %eax
        jmp     3f

        .globl vmx_exit_entry
vmx_exit_entry:
        push    %rdi
        mov     8(%rsp), %rdi
        mov     %rax, R_RAX(%rdi)
        mov     %rcx, R_RCX(%rdi)
        mov     %rdx, R_RDX(%rdi)
        mov     %rbx, R_RBX(%rdi)
        mov     %rbp, R_RBP(%rdi)
        mov     %rsi, R_RSI(%rdi)
        mov     %r8, R_R8(%rdi)
        mov     %r9, R_R9(%rdi)
        mov     %r10, R_R10(%rdi)
        mov     %r11, R_R11(%rdi)
        mov     %r12, R_R12(%rdi)
        mov     %r13, R_R13(%rdi)
        mov     %r14, R_R14(%rdi)
        mov     %r15, R_R15(%rdi)
        pop     %rax
        mov     %rax, R_RDI(%rdi)
        add     $8, %rsp
        xor     %eax, %eax
3:      pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret

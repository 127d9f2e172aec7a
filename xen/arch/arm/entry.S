/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors (Arm ARM D1.10.2: 16 entries of 0x80 bytes, table
 * 2 KiB aligned). A trap from a guest saves its general-purpose registers,
 * ELR_EL2 and SPSR_EL2 as a struct cpu_user_regs on this CPU's stack; the
 * same frame is restored by the eret. EL1 system registers stay live in the
 * CPU; when vCPUs share it, context_switch.c switches them (and the frame)
 * at the end of a slow exit.
 */
#include <asm/setup.h>
#include <xen/errno.h>

/*
 * The frame is split where the C calling convention splits the registers:
 * x0-x18 and x30 (a callee may clobber them) and x19-x29 (a callee keeps
 * them). The short paths (a hypercall, a guest IRQ, a self-SGI) leave
 * ELR/SPSR in the CPU, and the first two save only the first part, unless
 * they turn to the general path.
 */
/* x2..x5 and x6..x15 into the frame: the short paths save them in steps. */
.macro save_x2_x5
    stp     x2, x3, [sp, #16 * 1]
    stp     x4, x5, [sp, #16 * 2]
.endm

.macro save_x6_x15
    stp     x6, x7, [sp, #16 * 3]
    stp     x8, x9, [sp, #16 * 4]
    stp     x10, x11, [sp, #16 * 5]
    stp     x12, x13, [sp, #16 * 6]
    stp     x14, x15, [sp, #16 * 7]
.endm

.macro save_caller_saved
    stp     x0, x1, [sp, #-UREGS_SIZE]!
    save_x2_x5
    save_x6_x15
    stp     x16, x17, [sp, #16 * 8]
    str     x18, [sp, #16 * 9]
    mrs     x0, elr_el2
    mrs     x1, spsr_el2
    stp     x30, x0, [sp, #UREGS_X30]
    str     x1, [sp, #UREGS_SPSR]
.endm

.macro save_callee_saved
    str     x19, [sp, #16 * 9 + 8]
    stp     x20, x21, [sp, #16 * 10]
    stp     x22, x23, [sp, #16 * 11]
    stp     x24, x25, [sp, #16 * 12]
    stp     x26, x27, [sp, #16 * 13]
    stp     x28, x29, [sp, #16 * 14]
.endm

.macro save_guest_regs
    save_caller_saved
    save_callee_saved
.endm

/* x2..x17 from the frame: every way back to the guest reloads them. */
.macro reload_x2_x17
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x6, x7, [sp, #16 * 3]
    ldp     x8, x9, [sp, #16 * 4]
    ldp     x10, x11, [sp, #16 * 5]
    ldp     x12, x13, [sp, #16 * 6]
    ldp     x14, x15, [sp, #16 * 7]
    ldp     x16, x17, [sp, #16 * 8]
.endm

/*
 * Reload ELR/SPSR, x30 and x2-x17 from the frame (x18 alone, x0 and x1
 * last, popping the frame: see return_to_guest).
 */
.macro restore_caller_saved
    ldr     x1, [sp, #UREGS_SPSR]
    ldp     x30, x0, [sp, #UREGS_X30]
    msr     elr_el2, x0
    msr     spsr_el2, x1
    reload_x2_x17
.endm

/*
 * Leave a short path: x0..x18 and x30 from the frame (x19..x29 were kept by
 * the C code, ELR_EL2 and SPSR_EL2 never left the CPU), and back to the guest.
 */
.macro reload_caller_saved_eret
    reload_x2_x17
    ldr     x18, [sp, #16 * 9]
    ldr     x30, [sp, #UREGS_X30]
    ldp     x0, x1, [sp], #UREGS_SIZE
    eret
.endm

/*
 * The table (Arm ARM D1.10.2): 16 entries of 0x80 bytes, each entry the
 * first instruction of its handler. Whatever fits in an entry lives there,
 * not after the table, so that its 124 free bytes are no padding in the
 * Image: a handler of at most 32 instructions (the guest's IRQ, FIQ and
 * SError paths) is the entry itself; the other entries branch to theirs and
 * hold, after the branch, the parts of the handlers that are only ever
 * branched to (each ends in a branch or an eret, none falls into the next
 * entry). vector n checks that what came before fits below entry n (.org
 * cannot move backwards: the build fails instead of shifting the table).
 */
.macro vector n
    .org    hyp_vectors + 0x80 * \n
.endm

    .section .text
    .balign 2048
    .global hyp_vectors
hyp_vectors:
    /* 0-3: current EL with SP_EL0: never used. */
    vector 0
hyp_sync:
hyp_bad:
    mrs     x0, esr_el2
    mrs     x1, elr_el2
    mrs     x2, far_el2
    bl      do_hyp_fault
    b       .

    vector 1
    b       hyp_bad
/* enter_guest(regs): resume a vCPU from a frame at the top of this CPU's stack. */
    .global enter_guest
enter_guest:
    mov     sp, x0
return_to_guest:
    restore_caller_saved
    ldp     x18, x19, [sp, #16 * 9]
    ldp     x20, x21, [sp, #16 * 10]
    ldp     x22, x23, [sp, #16 * 11]
    ldp     x24, x25, [sp, #16 * 12]
    ldp     x26, x27, [sp, #16 * 13]
    ldp     x28, x29, [sp, #16 * 14]
    ldp     x0, x1, [sp], #UREGS_SIZE
    eret

    vector 2
    b       hyp_bad
    /* A hypercall's slow exit: complete the frame (x19..x29 survived the C code). */
.Lhypercall_slow:
    mov     x1, x0                  /* the handler's result */
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    str     x2, [sp, #UREGS_X30 + 8]
    str     x3, [sp, #UREGS_SPSR]
    save_callee_saved
    mov     x0, sp
    bl      hypercall_exit_slow
    b       return_to_guest

    vector 3
    b       hyp_bad
    /* An IRQ do_trap_irq_fast() did not finish: the general path with its IAR. */
.Lirq_slow:
    mov     x1, x0                  /* the IAR */
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    str     x2, [sp, #UREGS_X30 + 8]
    str     x3, [sp, #UREGS_SPSR]
    save_callee_saved
    mov     x0, sp
    bl      do_trap_irq
    b       return_to_guest

    /* 4-7: current EL with SP_EL2: a fault in the hypervisor itself. */
    vector 4
    b       hyp_sync
    /* Any other trap than a hypercall or a self-SGI: the frame completed, do_trap_guest_sync(). */
.Lsync_slow:
    mrs     x0, elr_el2
    mrs     x1, spsr_el2
    str     x0, [sp, #UREGS_X30 + 8]
    str     x1, [sp, #UREGS_SPSR]
    mov     x0, sp
    bl      do_trap_guest_sync
    b       return_to_guest

    vector 5
    b       hyp_bad
    vector 6
    b       hyp_bad
    vector 7
    b       hyp_bad

    /* 8-11: lower EL, AArch64: the guests. */
    vector 8
    b       guest_sync

/*
 * A guest's IRQ. First the short cut of an SPI of the running domain's own
 * device (passthrough.c), in assembly with x0..x5 in the frame: it does what
 * vgic_spi_hw_fast() does when every list register is empty, and each of
 * its guards sends anything else on (.Lirq_c): not an SPI Keel forwards
 * (INTID 32..63); no vCPU, or one that is not RUNNING, or has exit work
 * (its vGIC changed since its last flush); its domain not RUNNING; the SPI
 * not the domain's (the vGIC's hw bit), or disabled (GICD_CTLR or
 * ISENABLER), or pending in the vGIC already; routed (GICD_IROUTER) to any
 * other than this vCPU (a route that is not exactly its Aff0, e.g. IRM, goes
 * the long way too); a list register in use (one might hold it, or be the
 * last free one). The SPI goes into LR0 with the HW bit, the priority drops
 * (the guest's EOI deactivates the physical SPI) and the guest resumes.
 * .Lirq_c saves x6..x18 and x30 and hands the IAR to do_trap_irq_fast(),
 * which places the virtual timer (and such an SPI beside other list
 * registers) the same way (-1); anything else completes the frame for
 * do_trap_irq() with the IAR.
 */
    vector 9
guest_irq:
    stp     x0, x1, [sp, #-UREGS_SIZE]!
    save_x2_x5
    mrs     x0, icc_iar1_el1
    sub     w1, w0, #32             /* n: the SPI's bit in the vGIC's words */
    cmp     w1, #VGIC_SPIS - 1
    b.hi    .Lirq_c
    csel    w1, w1, wzr, ls         /* array_index_nospec(n, VGIC_SPIS) */
    csdb
    mrs     x2, tpidr_el2           /* current */
    cbz     x2, .Lirq_c
    ldr     w3, [x2, #VCPU_STATE]
    cmp     w3, #VCPU_RUNNING_ID
    b.ne    .Lirq_c
    add     x3, x2, #VCPU_EXIT_WORK
    ldar    w3, [x3]                /* before the vGIC's state, as vgic_flush() clears it */
    cbnz    w3, .Lirq_c
    ldr     x3, [x2, #VCPU_DOMAIN]
    ldr     w4, [x3, #DOMAIN_STATE]
    cmp     w4, #DOMAIN_RUNNING_ID
    b.ne    .Lirq_c
    ldr     w4, [x3, #DOMAIN_VGIC_CTLR]
    tbz     w4, #VGIC_CTLR_G1_BIT, .Lirq_c
    ldr     w4, [x3, #DOMAIN_VGIC_ENABLED]
    ldr     w5, [x3, #DOMAIN_VGIC_HW]
    and     w4, w4, w5
    lsr     w4, w4, w1
    tbz     w4, #0, .Lirq_c
    ldr     w4, [x3, #DOMAIN_VGIC_PENDING]
    lsr     w4, w4, w1
    tbnz    w4, #0, .Lirq_c
    b       .Lirq_spi

/* FIQs are not used (every interrupt is Group 1): the general path, as for any IRQ. */
    vector 10
guest_fiq:
    save_guest_regs
    bl      gic_ack
    mov     x1, x0
    mov     x0, sp
    bl      do_trap_irq
    b       return_to_guest

    vector 11
guest_serror:
    save_guest_regs
    mov     x0, sp
    bl      do_trap_guest_serror
    b       return_to_guest

    /* 12-15: lower EL, AArch32: guests are AArch64 only (HCR_EL2.RW). */
    vector 12
    b       guest_serror
    /* guest_irq's SPI short cut, continued: x1 = n, x2 = current, x3 = its domain. */
.Lirq_spi:
    add     x5, x3, x1, lsl #3
    ldr     x5, [x5, #DOMAIN_VGIC_ROUTE]
    ldr     w4, [x2, #VCPU_ID]
    cmp     x5, x4                  /* GICD_IROUTER: Aff0 = this vCPU, nothing else set */
    b.ne    .Lirq_c
    mrs     x4, ich_elrsr_el2
    adr     x5, gic_lrs_all
    ldr     w5, [x5]
    bics    wzr, w5, w4             /* a list register in use: do_trap_irq_fast() */
    b.ne    .Lirq_c
    add     x5, x3, x1
    add     x5, x5, #(DOMAIN_VGIC_PRIO & ~0xfff)
    ldrb    w5, [x5, #(DOMAIN_VGIC_PRIO & 0xfff)]
    add     w4, w1, #32             /* vINTID = pINTID (passthrough maps SPIs 1:1) */
    /*
     * ICH_LR0_EL2 (IHI 0069 12.5, ICH_LR<n>_EL2): vINTID [31:0], pINTID [44:32], priority
     * [55:48], Group 1 (60), HW (61), pending (62).
     */
    orr     x4, x4, x4, lsl #32
    orr     x4, x4, #0x7000000000000000
    orr     x4, x4, x5, lsl #48
    msr     ich_lr0_el2, x4
    msr     icc_eoir1_el1, x0       /* priority drop; the guest's EOI deactivates it */
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x0, x1, [sp], #UREGS_SIZE
    eret

    vector 13
    b       guest_serror
    /* guest_irq, any other IRQ: x6..x18 and x30 too, then do_trap_irq_fast(iar). */
.Lirq_c:
    save_x6_x15
    stp     x16, x17, [sp, #16 * 8]
    str     x18, [sp, #16 * 9]
    str     x30, [sp, #UREGS_X30]
    bl      do_trap_irq_fast
    cmn     x0, #1
    b.ne    .Lirq_slow
    reload_caller_saved_eret

    vector 14
    b       guest_serror
    vector 15
    b       guest_serror

/*
 * Hypercalls (hvc #0xEA1) take a short path. The guest's ABI (docs/abi.md)
 * lets a hypercall clobber x1..x4 and x16, and the hypervisor runs with
 * IRQs masked, so ELR_EL2 and SPSR_EL2 still hold the guest's state when
 * the handler returns: only x0..x18 and x30 go to the frame, the arguments
 * stay in x0..x4 and hypercall_dispatch_regs() calls the table's handler
 * with them. On the way back one word and the vCPU's state decide: when
 * the handler asked for a continuation, the vCPU is no longer RUNNING or
 * its vGIC has work (VCPU_EXIT_WORK), the frame is completed and
 * hypercall_exit_slow() runs; otherwise x1..x4 and x16 are reloaded too
 * (nothing of the hypervisor's reaches the guest) and the guest resumes.
 * Every other trap saves every general register (below). It starts in the
 * last entry's free bytes and runs on past the table.
 */
guest_sync:
    stp     x0, x1, [sp, #-UREGS_SIZE]!
    stp     x16, x17, [sp, #16 * 8]
    str     x18, [sp, #16 * 9]
    mrs     x17, esr_el2
    /* ESR_EL2 of hvc #0xea1 from AArch64: EC 0x16, IL, ISS = the immediate (D19.2.43). */
    mov     x18, #0xea1
    movk    x18, #0x5a00, lsl #16
    cmp     x17, x18
    b.ne    2f
    save_x2_x5
    save_x6_x15
    str     x30, [sp, #UREGS_X30]
    mov     x5, x16                 /* x0..x4: arguments, x5: number */
    bl      hypercall_dispatch_regs
    cmn     x0, #ERESTART           /* -ERESTART: a continuation */
    b.eq    .Lhypercall_slow
    mrs     x9, tpidr_el2           /* current */
    ldr     w10, [x9, #VCPU_STATE]
    cmp     w10, #VCPU_RUNNING_ID
    b.ne    .Lhypercall_slow
    ldr     w10, [x9, #VCPU_EXIT_WORK]
    cbnz    w10, .Lhypercall_slow
    ldr     x1, [sp, #8]
    reload_x2_x17
    ldr     x18, [sp, #16 * 9]
    ldr     x30, [sp, #UREGS_X30]
    add     sp, sp, #UREGS_SIZE
    eret
    /*
     * Not a hypercall: every general register goes to the frame, x0, x1
     * and x16..x18 are in it already. A write of ICC_SGI1R_EL1 (EC 0x18, IL, the
     * register's ISS with Rt masked, D19.2.43) tries do_trap_sgi_fast()
     * first, ELR_EL2 and SPSR_EL2 still in the CPU; the rest, or an SGI it
     * declines, completes the frame for do_trap_guest_sync() (.Lsync_slow).
     */
2:  save_x2_x5
    save_x6_x15
    str     x30, [sp, #UREGS_X30]
    save_callee_saved
    and     x18, x17, #0xfffffffffffffc1f
    mov     x16, #0x3016
    movk    x16, #0x623a, lsl #16
    cmp     x18, x16
    b.ne    .Lsync_slow
    mov     x0, sp
    mov     x1, x17
    bl      do_trap_sgi_fast
    cbz     w0, .Lsync_slow
    reload_caller_saved_eret

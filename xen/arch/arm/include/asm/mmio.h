/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One emulated MMIO access, decoded once from the data abort's syndrome
 * (mmio.c) and handed to the device models (vgic.c, vpl011.c).
 */
#ifndef ASM_ARM_MMIO_H
#define ASM_ARM_MMIO_H

#include <xen/types.h>

struct cpu_user_regs;
struct vcpu;

/*
 * ESR_EL2 ISS for a data abort with ISV set (Arm ARM D19.2.43, "ISS
 * encoding for an exception from a Data Abort"): SAS [23:22] access size,
 * SSE [21] sign-extend, SRT [20:16] register, SF [15] 64-bit register,
 * WnR [6] write.
 */
struct mmio_access {
    uint64_t gpa;         /* guest-physical address of the access */
    unsigned int size;    /* bytes: 1, 2, 4 or 8 (SAS) */
    bool write;           /* WnR */
    unsigned int reg;     /* SRT: x0..x30; 31 is the zero register */
    bool sign_extend;     /* SSE: a load sign-extends the item to the register */
    bool sixty_four;      /* SF: the register is Xn (else Wn: bits 63:32 become 0) */
};

/*
 * A device model's handler, called with off = gpa - its base. A write gets
 * *val = the stored bytes only (zero-extended); a read sets *val, of which
 * only the low size bytes are used. False: the access cannot be emulated
 * (the guest is crashed).
 */
typedef bool (*mmio_handler_t)(struct vcpu *v, const struct mmio_access *a, uint64_t off,
                               uint64_t *val);

/* A stage-2 data abort at gpa: emulate it if a device model claims it. False: crash. */
bool mmio_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t esr, uint64_t gpa);

#endif /* ASM_ARM_MMIO_H */

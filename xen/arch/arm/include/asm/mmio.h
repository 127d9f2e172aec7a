/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch64 decoder of emulated MMIO (mmio.c): a data abort's syndrome
 * becomes the common struct mmio_access (<xen/mmio.h>), which the domain's
 * region registry routes to its device model (vgic.c, vpl011.c).
 */
#ifndef ASM_ARM_MMIO_H
#define ASM_ARM_MMIO_H

#include <xen/mmio.h>
#include <xen/types.h>

struct cpu_user_regs;
struct domain;
struct vcpu;

/* A stage-2 data abort at gpa: emulate it if a device model claims it. False: crash. */
bool mmio_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t esr, uint64_t gpa);

/* Register d's vGIC distributor and redistributors, and its vPL011 if it has one. */
int mmio_register_devices(struct domain *d);

#endif /* ASM_ARM_MMIO_H */

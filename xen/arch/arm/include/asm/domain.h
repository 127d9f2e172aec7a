/* SPDX-License-Identifier: GPL-2.0-only */
/* The AArch64 parts of struct domain and struct vcpu. */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/types.h>

struct arch_domain {
    uint64_t vttbr; /* VMID << 48 | stage-2 root table */
};

struct arch_vcpu {
    uint64_t x[31]; /* guest general-purpose registers at the last exit */
    uint64_t sp_el1, elr_el2, spsr_el2;
};

#endif /* ASM_ARM_DOMAIN_H */

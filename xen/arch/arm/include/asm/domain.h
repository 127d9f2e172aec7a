/* SPDX-License-Identifier: GPL-2.0-only */
/* The AArch64 parts of struct domain and struct vcpu. */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/types.h>

struct arch_domain {
    uint64_t vttbr;     /* VMID << 48 | stage-2 root table (VTTBR_EL2, D19.2.160) */
    uint64_t *p2m_root; /* level-1 table covering the 4 GiB IPA space */
    bool vpl011;        /* emulate a PL011 at GUEST_PL011_BASE */
    uint64_t entry;     /* IPA where vCPU 0 starts */
    uint64_t dtb;       /* IPA of the guest's device tree (x0) */
};

/* Where a vCPU is in its life (PSCI: ON, OFF, ON_PENDING). */
enum vcpu_power {
    VCPU_OFF = 0,
    VCPU_ON_PENDING, /* CPU_ON accepted; its physical CPU will enter it */
    VCPU_RUNNING,
    VCPU_STOPPED,    /* the domain ended: never runs again */
};

struct arch_vcpu {
    volatile int power;   /* enum vcpu_power */
    uint64_t start_pc;    /* for ON_PENDING: entry point ... */
    uint64_t start_x0;    /* ... and x0 (context id or DT address) */
    uint64_t vmpidr;      /* the MPIDR_EL1 the guest reads */
    uint32_t vppi_enabled;  /* vGIC: SGIs/PPIs the guest enabled (GICR_ISENABLER0) */
    volatile uint32_t vppi_pending; /* vGIC: SGIs/PPIs waiting for a list register */
};

#endif /* ASM_ARM_DOMAIN_H */

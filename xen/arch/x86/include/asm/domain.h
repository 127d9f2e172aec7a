/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86-64 parts of struct domain and struct vcpu. */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>

struct arch_domain {
    uint64_t eptp; /* EPT pointer (SDM Vol. 3C 24.6.11) */
};

struct arch_vcpu {
    uint64_t vmcs_pa; /* physical address of this vCPU's VMCS */
};

#endif /* ASM_X86_DOMAIN_H */

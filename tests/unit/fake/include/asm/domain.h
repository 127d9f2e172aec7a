/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake arch's parts of struct domain and struct vcpu. */
#ifndef ASM_FAKE_DOMAIN_H
#define ASM_FAKE_DOMAIN_H

#include <xen/types.h>

/*
 * struct pt_range and PT_MAX_RANGES, for the one AArch64 field below
 * (by path: the common objects are built without the arm include dir).
 */
#include "xen/arch/arm/include/asm/passthrough.h"

struct arch_domain {
    bool stopped;           /* arch_domain_shutdown() was called */
    unsigned int blocks;    /* arch_vcpu_block() calls */
    unsigned int yields;    /* arch_vcpu_yield() calls */
    /* What xen/arch/arm/passthrough.c, built for the host, keeps per domain. */
    struct pt_range pt_range[PT_MAX_RANGES];
    unsigned int pt_nr_ranges;
};

struct arch_vcpu {
    bool paging_off;        /* translate 1:1 */
    /* Read by <asm/vcpu.h>'s vgic_exit(), which passthrough.c's headers bring in. */
    volatile uint32_t exit_work;
};

#endif /* ASM_FAKE_DOMAIN_H */

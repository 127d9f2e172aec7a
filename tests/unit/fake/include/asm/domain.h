/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake arch's parts of struct domain and struct vcpu. */
#ifndef ASM_FAKE_DOMAIN_H
#define ASM_FAKE_DOMAIN_H

#include <xen/types.h>

struct arch_domain {
    bool stopped;           /* arch_domain_shutdown() was called */
    unsigned int blocks;    /* arch_vcpu_block() calls */
    unsigned int yields;    /* arch_vcpu_yield() calls */
};

struct arch_vcpu {
    bool paging_off;        /* translate 1:1 */
};

#endif /* ASM_FAKE_DOMAIN_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: Domains and the machine. Declared and documented
 * once here; defined by each backend (xen/arch/<arch>/) and by the host
 * unit tests' fake arch (tests/unit/fake/). <xen/arch.h> includes them all.
 */
#ifndef XEN_ARCH_DOMAIN_H
#define XEN_ARCH_DOMAIN_H

#include <xen/types.h>

struct domain;
struct domain_config;

/*
 * Set up the arch part of d from cfg: allocate and map its RAM (setting
 * d->ram_gpa, ram_size, ram_hva), its vCPUs and devices. 0 or -errno; on
 * error everything it allocated is released.
 */
int arch_domain_create(struct domain *d, const struct domain_config *cfg);

/* Stop every vCPU of d for good; its resources may be reclaimed. */
void arch_domain_shutdown(struct domain *d);

/* Power the machine off: the last domain has ended. Does not return. */
void arch_system_off(void) __attribute__((noreturn));

/* XENFEAT_* bits of submap 0 that only this architecture sets. */
uint32_t arch_feature_bits(const struct domain *d);

/* Guest types this hypervisor runs, space separated (XENVER_capabilities). */
const char *arch_capabilities(void);

#endif /* XEN_ARCH_DOMAIN_H */

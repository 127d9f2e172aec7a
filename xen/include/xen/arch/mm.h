/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: Guest memory as the hypervisor reaches it. Declared and documented
 * once here; defined by each backend (xen/arch/<arch>/) and by the host
 * unit tests' fake arch (tests/unit/fake/). <xen/arch.h> includes them all.
 */
#ifndef XEN_ARCH_MM_H
#define XEN_ARCH_MM_H

#include <xen/types.h>

struct vcpu;

/*
 * Translate a guest virtual address through v's current stage-1 translation
 * (or take it as guest-physical while v runs with its MMU/paging off).
 * write: the access will store. Returns 0 and *gpa, or -EFAULT when the
 * address does not translate or does not permit the access. Must never fault.
 */
int arch_gva_to_gpa(struct vcpu *v, gvaddr_t gva, bool write, gpaddr_t *gpa);

/*
 * Cache maintenance around the hypervisor's accesses to guest RAM, through
 * its own cacheable mapping: called after it wrote [p, p + len) of v's
 * domain's RAM and before it reads such a range. A guest that runs with its
 * data caches off (AArch64: stage 1 or SCTLR_EL1.C off, as bare-metal
 * guests and early boot code do) reads and writes memory directly, so the
 * range must be cleaned / invalidated to the point of coherency. Coherent
 * architectures (x86) do nothing.
 */
void arch_guest_ram_written(struct vcpu *v, void *p, size_t len);
void arch_guest_ram_to_read(struct vcpu *v, const void *p, size_t len);

#endif /* XEN_ARCH_MM_H */

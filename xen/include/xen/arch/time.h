/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: The hypervisor's clock. Declared and documented
 * once here; defined by each backend (xen/arch/<arch>/) and by the host
 * unit tests' fake arch (tests/unit/fake/). <xen/arch.h> includes them all.
 */
#ifndef XEN_ARCH_TIME_H
#define XEN_ARCH_TIME_H

#include <xen/types.h>

/*
 * Nanoseconds since an arbitrary point, monotonic, from a counter that
 * runs at a constant rate (AArch64 CNTPCT_EL0, x86 the invariant TSC).
 * Cheap enough to call on a guest's console path; never faults.
 */
uint64_t arch_time_ns(void);

#endif /* XEN_ARCH_TIME_H */

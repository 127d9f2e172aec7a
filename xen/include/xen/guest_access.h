/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only way the hypervisor reads or writes guest memory. A guest pointer
 * is a guest virtual address; it is translated page by page through the
 * calling vCPU's stage-1 translation (arch_gva_to_gpa) and each piece must lie
 * inside the domain's RAM. NULL, a range that wraps around 2^64, a page that
 * does not translate, or a piece outside guest RAM give -EFAULT, never a
 * hypervisor fault. A zero length copies nothing and succeeds.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>

struct vcpu;

int copy_to_guest_vcpu(struct vcpu *v, gvaddr_t dst, const void *src, size_t len);
int copy_from_guest_vcpu(struct vcpu *v, void *dst, gvaddr_t src, size_t len);

/* The same for the calling vCPU (current). */
int copy_to_guest(gvaddr_t dst, const void *src, size_t len);
int copy_from_guest(void *dst, gvaddr_t src, size_t len);

#endif /* XEN_GUEST_ACCESS_H */

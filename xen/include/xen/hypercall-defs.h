/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall table: HYPERCALL(number, handler, argument count).
 * Included by xen/common/hypercall.c with HYPERCALL defined, and read by the
 * release tool (keel-release deprecations) to check that every hypercall the
 * public headers ever offered is still implemented. One line per hypercall.
 */
HYPERCALL(__HYPERVISOR_xen_version, do_xen_version, 2)
HYPERCALL(__HYPERVISOR_console_io, do_console_io, 3)
HYPERCALL(__HYPERVISOR_sched_op, do_sched_op, 2)
HYPERCALL(__HYPERVISOR_sysctl, do_sysctl, 1)
HYPERCALL(__HYPERVISOR_version_op, do_version_op, 3)

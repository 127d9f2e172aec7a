/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall dispatch. Each architecture decodes its registers into a number
 * and five arguments and calls hypercall_dispatch(); the result goes back in
 * the return register. The table itself is generated from one list,
 * <xen/hypercall-defs.h>.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>

#define HYPERCALL_MAX_ARGS 5

/* A handler taking its arguments in registers (unused ones ignored). */
typedef long (*hypercall_regs_fn)(unsigned long a0, unsigned long a1, unsigned long a2,
                                  unsigned long a3, unsigned long a4);

/*
 * By hypercall number: its handler's address minus the table's own, 0 for
 * none (4 bytes an entry, found with one shift; hypercall.c).
 */
extern const int32_t hypercall_table[];
/* Each hypercall's argument count (hypercall-defs.h), by number; 0: none. */
extern const uint8_t hypercall_nargs[];
extern const unsigned int hypercall_table_size;

/*
 * Run hypercall nr with args[0..4] for the current vCPU; -ENOSYS if unknown.
 * args is the arch's copy of the argument registers: when the handler asks
 * for a continuation, the next arguments are written there and the value
 * returned is arch_hypercall_restart()'s (see <xen/arch.h>).
 */
long hypercall_dispatch(unsigned long nr, unsigned long *args);

/*
 * The same with the arguments in registers, for an arch's exit fast path:
 * no copy of them in memory is read. A -ERESTART result is handed back as
 * is; the caller then builds its argument array and calls
 * hypercall_continue(), which hypercall_dispatch() does itself.
 */
long hypercall_dispatch_regs(unsigned long a0, unsigned long a1, unsigned long a2,
                             unsigned long a3, unsigned long a4, unsigned long nr);

/*
 * After a handler returned -ERESTART: write the continuation's arguments to
 * args[0..4] and return arch_hypercall_restart()'s value (-EINVAL when the
 * handler asked for no continuation: a handler bug, never re-executed).
 */
long hypercall_continue(unsigned long nr, unsigned long *args);

/*
 * From inside a handler: finish this call later. The guest re-executes the
 * same hypercall with these arguments (after taking pending interrupts), so
 * a long operation runs in bounded steps, as Xen's continuations do. The
 * handler returns what this returns (-ERESTART, never seen by a guest).
 */
long hypercall_create_continuation(unsigned long a0, unsigned long a1, unsigned long a2,
                                   unsigned long a3, unsigned long a4);

/* The handlers, with the argument types of the guest ABI. */
long do_xen_version(int cmd, gvaddr_t arg);
long do_console_io(unsigned int cmd, unsigned int count, gvaddr_t buf);
long do_sched_op(int cmd, gvaddr_t arg);
long do_sysctl(gvaddr_t u_sysctl);
long do_version_op(unsigned int cmd, gvaddr_t buf, unsigned long len);

#endif /* XEN_HYPERCALL_H */

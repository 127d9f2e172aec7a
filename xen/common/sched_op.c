/* SPDX-License-Identifier: GPL-2.0-only */
/* sched_op (hypercall 29): yield, block, shutdown, with Xen's numbering. */
#include <public/sched.h>
#include <xen/arch.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

static long sched_shutdown(struct vcpu *v, gvaddr_t arg)
{
    struct sched_shutdown s;

    if (copy_from_guest(&s, arg, sizeof(s)))
        return -EFAULT;
    if (s.reason > SHUTDOWN_MAX)
        return -EINVAL;
    domain_shutdown(v->domain, s.reason);
    return 0;
}

long do_sched_op(int cmd, gvaddr_t arg)
{
    struct vcpu *v = current;

    switch (cmd) {
    case SCHEDOP_yield:
        arch_vcpu_yield(v);
        return 0;
    case SCHEDOP_block:
        vcpu_idle(v);
        return 0;
    case SCHEDOP_shutdown:
        return sched_shutdown(v, arg);
    default:
        return -ENOSYS;
    }
}

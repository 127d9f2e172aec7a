/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl (hypercall 35): system control for the control domain only. The
 * structure is read once into hypervisor memory, so the guest cannot change
 * it under the handler's feet.
 */
#include <public/sysctl.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/livepatch.h>
#include <xen/sched.h>

long do_sysctl(gvaddr_t u_sysctl)
{
    struct xen_sysctl op;
    long ret;

    if (!current->domain->is_control)
        return -EPERM;
    if (copy_from_guest(&op, u_sysctl, sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
        return -EACCES;

    switch (op.cmd) {
    case XEN_SYSCTL_livepatch_op:
        ret = livepatch_op(&op.u.livepatch);
        break;
    default:
        return -ENOSYS;
    }
    /* As Xen: the structure goes back (LIST and GET answer in it), even after an error. */
    if (copy_to_guest(u_sysctl, &op, sizeof(op)))
        return -EFAULT;
    return ret;
}

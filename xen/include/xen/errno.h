/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error numbers inside the hypervisor are the guest ABI's (public/errno.h),
 * so a handler's "return -EINVAL" is already what the guest must see.
 */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H

#include <public/errno.h>

#define EPERM XEN_EPERM
#define ENOENT XEN_ENOENT
#define E2BIG XEN_E2BIG
#define EAGAIN XEN_EAGAIN
#define ENOMEM XEN_ENOMEM
#define EACCES XEN_EACCES
#define EFAULT XEN_EFAULT
#define EBUSY XEN_EBUSY
#define EEXIST XEN_EEXIST
#define EINVAL XEN_EINVAL
#define ERANGE XEN_ERANGE
#define ENOSYS XEN_ENOSYS
#define ENODATA XEN_ENODATA
#define EOVERFLOW XEN_EOVERFLOW
#define ENOBUFS XEN_ENOBUFS
#define EOPNOTSUPP XEN_EOPNOTSUPP
#define ETIMEDOUT XEN_ETIMEDOUT

/*
 * Inside the hypervisor only: a handler asked for a hypercall continuation
 * (hypercall_create_continuation). Xen's internal value; the dispatcher
 * turns it into a re-executed hypercall, a guest never sees it.
 */
#define ERESTART 85

#endif /* XEN_ERRNO_H */

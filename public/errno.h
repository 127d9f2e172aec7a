/* SPDX-License-Identifier: MIT */
/*
 * errno.h - error values returned by hypercalls, negated (-XEN_EINVAL).
 * The numbers are Xen's (xen/include/public/errno.h), which are Linux's.
 */
#ifndef __XEN_PUBLIC_ERRNO_H__
#define __XEN_PUBLIC_ERRNO_H__

/* @abi since=1.0 */
#define XEN_EPERM 1
/* @abi since=1.0 */
#define XEN_ENOENT 2
/* @abi since=1.0 */
#define XEN_E2BIG 7
/* @abi since=1.0 */
#define XEN_EAGAIN 11
/* @abi since=1.0 */
#define XEN_ENOMEM 12
/* @abi since=1.0 */
#define XEN_EACCES 13
/* @abi since=1.0 */
#define XEN_EFAULT 14
/* @abi since=1.0 */
#define XEN_EBUSY 16
/* @abi since=1.0 */
#define XEN_EEXIST 17
/* @abi since=1.0 */
#define XEN_EINVAL 22
/* @abi since=1.0 */
#define XEN_ERANGE 34
/* @abi since=1.0 */
#define XEN_ENOSYS 38
/* @abi since=1.0 */
#define XEN_ENODATA 61
/* @abi since=1.0 */
#define XEN_EOVERFLOW 75
/* @abi since=1.0 */
#define XEN_ENOBUFS 105
/* @abi since=1.0 */
#define XEN_EOPNOTSUPP 95
/* @abi since=1.0 */
#define XEN_ETIMEDOUT 110

#endif /* __XEN_PUBLIC_ERRNO_H__ */

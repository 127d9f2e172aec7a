/* SPDX-License-Identifier: MIT */
/*
 * sched.h - sched_op(cmd, arg), Xen's numbering.
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "xen.h"

/* Give up the CPU; returns 0. arg unused. */
/* @abi since=1.0 */
#define SCHEDOP_yield 0
/* Sleep until an interrupt is pending for this vCPU; returns 0. */
/* @abi since=1.0 */
#define SCHEDOP_block 1
/* End the domain. arg: struct sched_shutdown. Reason > SHUTDOWN_MAX: -EINVAL. */
/* @abi since=1.0 */
#define SCHEDOP_shutdown 2

/* @abi since=1.0 */
struct sched_shutdown {
    uint32_t reason; /* SHUTDOWN_* */
};
/* @abi since=1.0 */
typedef struct sched_shutdown sched_shutdown_t;

/* @abi since=1.0 */
#define SHUTDOWN_poweroff 0
/* @abi since=1.0 */
#define SHUTDOWN_reboot 1
/* @abi since=1.0 */
#define SHUTDOWN_suspend 2
/* @abi since=1.0 */
#define SHUTDOWN_crash 3
/* @abi since=1.0 */
#define SHUTDOWN_watchdog 4
/* The highest valid reason. */
/* @abi since=1.0 */
#define SHUTDOWN_MAX 4

#endif /* __XEN_PUBLIC_SCHED_H__ */

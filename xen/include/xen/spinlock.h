/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket spinlocks on the compiler's __atomic builtins, which both targets
 * implement inline (AArch64 builds use -mno-outline-atomics). Locks need the
 * data cache and MMU on (exclusives on Device memory are UNPREDICTABLE on
 * Arm): nothing may take one before the boot CPU enables its MMU.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/arch/vcpu.h>
#include <xen/types.h>

typedef struct {
    uint16_t next;  /* ticket handed to the next arrival */
    uint16_t owner; /* ticket now being served */
} spinlock_t;

#define SPINLOCK_INIT {0, 0}

/*
 * Out of line, in spinlock.c, as Xen's are: the -Os objects would each carry
 * their own copy otherwise (seven of spin_lock() in the arm64 image), and
 * no hot path takes a lock.
 */
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);

#endif /* XEN_SPINLOCK_H */

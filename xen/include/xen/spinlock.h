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

static inline void spin_lock(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
        arch_cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

#endif /* XEN_SPINLOCK_H */

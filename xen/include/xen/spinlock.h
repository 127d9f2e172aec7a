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
 * The lock itself. Most objects call the out-of-line copy below; the
 * scheduler (sched/core.c) uses these directly, so that its object keeps
 * a copy of its own whose clobbers the compiler knows: with the shared
 * copy the context switch's round trip took 3,681 instructions, not 3,677.
 */
static inline void spin_lock_inline(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
        arch_cpu_relax();
}

static inline void spin_unlock_inline(spinlock_t *l)
{
    __atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

/*
 * Out of line, in spinlock.c, as Xen's are: the -Os objects would each carry
 * their own copy otherwise (seven of spin_lock() in the arm64 image).
 */
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);

#endif /* XEN_SPINLOCK_H */

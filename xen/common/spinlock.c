/* SPDX-License-Identifier: GPL-2.0-only */
/* Ticket spinlocks (<xen/spinlock.h>). */
#include <xen/spinlock.h>

void spin_lock(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
        arch_cpu_relax();
}

void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

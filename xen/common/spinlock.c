/* SPDX-License-Identifier: GPL-2.0-only */
/* The out-of-line ticket lock (<xen/spinlock.h>). */
#include <xen/spinlock.h>

void spin_lock(spinlock_t *l)
{
    spin_lock_inline(l);
}

void spin_unlock(spinlock_t *l)
{
    spin_unlock_inline(l);
}

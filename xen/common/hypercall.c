/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall table, generated from the one list in <xen/hypercall-defs.h>.
 * Each entry calls its handler with the handler's own parameter types, so the
 * handlers read like the ABI and no function pointer is cast.
 */
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/arch.h>

/*
 * One entry point per handler, taking the five argument registers: the
 * arch fast paths call it with the guest's registers as they are, and
 * hypercall_dispatch() with its array's five values, so the table holds one
 * pointer per hypercall, not two.
 */
#define HCALL_ARGS_1(fn) fn(a0)
#define HCALL_ARGS_2(fn) fn(a0, a1)
#define HCALL_ARGS_3(fn) fn(a0, a1, a2)
#define HCALL_ARGS_4(fn) fn(a0, a1, a2, a3)
#define HCALL_ARGS_5(fn) fn(a0, a1, a2, a3, a4)

#define HYPERCALL(nr, fn, nargs)                                                                   \
    static long fn##_regs(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,  \
                          unsigned long a4)                                                        \
    {                                                                                              \
        return HCALL_ARGS_##nargs(fn);                                                             \
    }
#include <xen/hypercall-defs.h>
#undef HYPERCALL

const struct hypercall_entry hypercall_table[] = {
#define HYPERCALL(nr, fn, nargs) [nr] = {fn##_regs},
#include <xen/hypercall-defs.h>
#undef HYPERCALL
};

const uint8_t hypercall_nargs[] = {
#define HYPERCALL(nr, fn, nargs) [nr] = nargs,
#include <xen/hypercall-defs.h>
#undef HYPERCALL
};

const unsigned int hypercall_table_size = ARRAY_SIZE(hypercall_table);

long hypercall_create_continuation(unsigned long a0, unsigned long a1, unsigned long a2,
                                   unsigned long a3, unsigned long a4)
{
    struct vcpu *v = current;

    v->hcall_args[0] = a0;
    v->hcall_args[1] = a1;
    v->hcall_args[2] = a2;
    v->hcall_args[3] = a3;
    v->hcall_args[4] = a4;
    v->hcall_continue = true;
    return -ERESTART;
}

long hypercall_continue(unsigned long nr, unsigned long *args)
{
    struct vcpu *v = current;

    if (!v->hcall_continue)
        return -EINVAL; /* a handler bug, not a guest's: never re-execute blindly */
    v->hcall_continue = false;
    memcpy(args, v->hcall_args, sizeof(v->hcall_args));
    return (long)arch_hypercall_restart(v, nr, args);
}

/* The table's entry for a guest's hypercall number, masked; NULL: none. */
static inline const struct hypercall_entry *entry_of(unsigned long nr)
{
    if (nr >= ARRAY_SIZE(hypercall_table))
        return NULL;
    return &hypercall_table[array_index_nospec(nr, ARRAY_SIZE(hypercall_table))];
}

long hypercall_dispatch(unsigned long nr, unsigned long *args)
{
    const struct hypercall_entry *e = entry_of(nr);
    long rc;

    if (!e || !e->regs_fn)
        return -ENOSYS;
    rc = e->regs_fn(args[0], args[1], args[2], args[3], args[4]);
    return rc == -ERESTART ? hypercall_continue(nr, args) : rc;
}

long hypercall_dispatch_regs(unsigned long a0, unsigned long a1, unsigned long a2,
                             unsigned long a3, unsigned long a4, unsigned long nr)
{
    const struct hypercall_entry *e = entry_of(nr);

    if (!e || !e->regs_fn)
        return -ENOSYS;
    return e->regs_fn(a0, a1, a2, a3, a4); /* a tail call: the arguments stay in registers */
}

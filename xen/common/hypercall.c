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

#define HCALL_ARGS_1(fn, a) fn(a[0])
#define HCALL_ARGS_2(fn, a) fn(a[0], a[1])
#define HCALL_ARGS_3(fn, a) fn(a[0], a[1], a[2])
#define HCALL_ARGS_4(fn, a) fn(a[0], a[1], a[2], a[3])
#define HCALL_ARGS_5(fn, a) fn(a[0], a[1], a[2], a[3], a[4])

#define HYPERCALL(nr, fn, nargs)                                                                   \
    static long fn##_entry(const unsigned long *a)                                                 \
    {                                                                                              \
        return HCALL_ARGS_##nargs(fn, a);                                                          \
    }
#include <xen/hypercall-defs.h>
#undef HYPERCALL

const struct hypercall_entry hypercall_table[] = {
#define HYPERCALL(nr, fn, nargs) [nr] = {fn##_entry, nargs, #fn},
#include <xen/hypercall-defs.h>
#undef HYPERCALL
};

const unsigned int hypercall_table_size = ARRAY_SIZE(hypercall_table);

long hypercall_dispatch(unsigned long nr, const unsigned long *args)
{
    hypercall_entry_fn fn;

    if (nr >= ARRAY_SIZE(hypercall_table))
        return -ENOSYS;
    fn = hypercall_table[array_index_nospec(nr, ARRAY_SIZE(hypercall_table))].fn;
    if (!fn)
        return -ENOSYS;
    return fn(args);
}

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
 * hypercall_dispatch() with its array's five values. "used" keeps each one
 * under its own name for the table below, which only asm refers to.
 */
#define HCALL_ARGS_1(fn) fn(a0)
#define HCALL_ARGS_2(fn) fn(a0, a1)
#define HCALL_ARGS_3(fn) fn(a0, a1, a2)
#define HCALL_ARGS_4(fn) fn(a0, a1, a2, a3)
#define HCALL_ARGS_5(fn) fn(a0, a1, a2, a3, a4)

#define HYPERCALL(nr, fn, nargs)                                                                   \
    static long __attribute__((used, noinline)) fn##_regs(unsigned long a0, unsigned long a1,      \
                                                          unsigned long a2, unsigned long a3,      \
                                                          unsigned long a4)                        \
    {                                                                                              \
        return HCALL_ARGS_##nargs(fn);                                                             \
    }
#include <xen/hypercall-defs.h>
#undef HYPERCALL

/*
 * The table: entry nr at hypercall_table + 4 * nr, the handler's distance
 * from the table's start (0: none), 4 bytes where a pointer took 8 and
 * needed a relocation. C cannot write the distance between a function and
 * data as a constant; the assembler can (a PC-relative 32-bit field the
 * linker fills in). .org places each entry at its number and fails the
 * build if the list is ever out of order; the table ends after the last.
 */
#define HCALL_STR_(x) #x
#define HCALL_STR(x) HCALL_STR_(x)
asm(".pushsection .rodata.hypercall_table, \"a\"\n"
    ".balign 4\n"
    ".globl hypercall_table\n"
    "hypercall_table:\n"
#define HYPERCALL(nr, fn, nargs)                                                                   \
    ".org hypercall_table + 4 * " HCALL_STR(nr) "\n"                                               \
    ".long " #fn "_regs - hypercall_table\n"
#include <xen/hypercall-defs.h>
#undef HYPERCALL
    ".popsection");

const uint8_t hypercall_nargs[] = {
#define HYPERCALL(nr, fn, nargs) [nr] = nargs,
#include <xen/hypercall-defs.h>
#undef HYPERCALL
};

const unsigned int hypercall_table_size = ARRAY_SIZE(hypercall_nargs);

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

/* The table's entry for a guest's hypercall number, masked; 0: none. */
static inline int32_t offset_of(unsigned long nr)
{
    if (nr >= ARRAY_SIZE(hypercall_nargs))
        return 0;
    return hypercall_table[array_index_nospec(nr, ARRAY_SIZE(hypercall_nargs))];
}

/* The handler at a non-zero entry (tested apart: the sum is never NULL). */
static inline hypercall_regs_fn handler_at(int32_t off)
{
    return (hypercall_regs_fn)((uintptr_t)hypercall_table + (intptr_t)off);
}

long hypercall_dispatch(unsigned long nr, unsigned long *args)
{
    int32_t off = offset_of(nr);
    long rc;

    if (!off)
        return -ENOSYS;
    rc = handler_at(off)(args[0], args[1], args[2], args[3], args[4]);
    return rc == -ERESTART ? hypercall_continue(nr, args) : rc;
}

long hypercall_dispatch_regs(unsigned long a0, unsigned long a1, unsigned long a2,
                             unsigned long a3, unsigned long a4, unsigned long nr)
{
    int32_t off = offset_of(nr);

    if (!off)
        return -ENOSYS;
    return handler_at(off)(a0, a1, a2, a3, a4); /* a tail call: the arguments stay in registers */
}

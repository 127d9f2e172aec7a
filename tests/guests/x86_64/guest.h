/* SPDX-License-Identifier: GPL-2.0-only */
/* What the x86-64 test guest's files share: hypercalls, output, TAP. */
#ifndef GUEST_X86_64_H
#define GUEST_X86_64_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>
/* The string functions are the hypervisor's own (xen/common/lib/string.c). */
#include <xen/string.h>

/* The ABI's calling convention: vmcall, rax = nr, rdi rsi rdx r10 r8, result in rax. */
static inline long hypercall5(unsigned long nr, unsigned long a0, unsigned long a1,
                              unsigned long a2, unsigned long a3, unsigned long a4)
{
    register unsigned long r10 __asm__("r10") = a3;
    register unsigned long r8 __asm__("r8") = a4;
    long ret;

    __asm__ volatile("vmcall"
                     : "=a"(ret), "+D"(a0), "+S"(a1), "+d"(a2), "+r"(r10), "+r"(r8)
                     : "a"(nr)
                     : "memory");
    return ret;
}

#define HC(nr, a, b, c) hypercall5((nr), (unsigned long)(a), (unsigned long)(b), \
                                   (unsigned long)(c), 0, 0)

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

/* lib.c */
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *strstr(const char *h, const char *n);
void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_done(void);
extern unsigned int tap_count, tap_failed;

#endif /* GUEST_X86_64_H */

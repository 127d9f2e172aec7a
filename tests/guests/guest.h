/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a portable test guest may use: hypercalls (through the arch's
 * instruction), console output, TAP reporting, and a few arch services.
 * The tests (abi_test.c, isolation.c, banner.c) contain no arch code, so the
 * x86 backend can build them with its own arch/x86_64/ part.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/version.h>
/* The string functions are the hypervisor's own (xen/common/lib/string.c). */
#include <xen/string.h>

/* arch/<arch>/arch.c */
long hypercall5(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4);
void guest_poweroff(void) __attribute__((noreturn));
int arch_hvc_bad_immediate(void);     /* 0 if an undefined-instruction exception arrived */
uint64_t arch_counter(void);
uint64_t arch_counter_freq(void);
int arch_timer_irq_test(uint64_t ticks_ahead, unsigned int *irqs);
void arch_irq_handler(void);
uint32_t arch_read_phys(uint64_t pa);
void arch_write_phys(uint64_t pa, uint32_t v);
void arch_vpl011_puts(const char *s);
unsigned long smccc_call(unsigned long fn, unsigned long a0, unsigned long a1, unsigned long a2);

/* The guest's entry point, called with the boot information (DT on Arm). */
void guest_main(void *boot_info);

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_xen_version, (unsigned long)cmd, (unsigned long)arg, 0, 0, 0);
}

static inline long HYPERVISOR_console_io(int cmd, unsigned long count, const void *buf)
{
    return hypercall5(__HYPERVISOR_console_io, (unsigned long)cmd, count, (unsigned long)buf, 0,
                      0);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_sched_op, (unsigned long)cmd, (unsigned long)arg, 0, 0, 0);
}

static inline long HYPERVISOR_sysctl(void *op)
{
    return hypercall5(__HYPERVISOR_sysctl, (unsigned long)op, 0, 0, 0, 0);
}

static inline long HYPERVISOR_version_op(unsigned int cmd, void *buf, unsigned long len)
{
    return hypercall5(__HYPERVISOR_version_op, cmd, (unsigned long)buf, len, 0, 0);
}

/* lib.c */
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_shutdown(unsigned int reason) __attribute__((noreturn));

/* TAP (Test Anything Protocol) */
void tap_ok(int pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_plan_end(void);
extern unsigned int tap_count, tap_failed;



/* arch/<arch>/arch.c: boot information and arch-specific expectations */
const char *arch_boot_args(void *boot_info);
uint64_t arch_ram_base(void *boot_info);
/* arm64: property prop of the first top-level node whose name starts with node; *len its size. */
const void *fdt_find(const void *fdt, const char *node, const char *prop, uint32_t *len);
/* arm64: the same in the first node called exactly node, at any depth. */
const void *fdt_find_any(const void *fdt, const char *node, const char *prop, uint32_t *len);
/* arm64: a big-endian 32-bit device-tree cell. */
uint32_t fdt_be32(const void *p);
uint64_t arch_ram_end(void *boot_info);
const char *arch_expected_capabilities(void);
uint32_t arch_expected_features(void);
void arch_tests(void *boot_info);
extern volatile unsigned int irq_count;
char *strstr_simple(const char *h, const char *n);

int arch_start_spinner(void);
/* A second vCPU waiting in WFI with every interrupt masked, for good (arm64 only). */
int arch_start_sleeper(void) __attribute__((weak));
long arch_hypercall_nop(unsigned long nr, unsigned long a0, unsigned long a1);
void arch_delay_us(unsigned long us);
#endif /* GUEST_H */

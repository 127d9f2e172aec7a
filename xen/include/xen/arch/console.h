/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: The console device and console input. Declared and documented
 * once here; defined by each backend (xen/arch/<arch>/) and by the host
 * unit tests' fake arch (tests/unit/fake/). <xen/arch.h> includes them all.
 */
#ifndef XEN_ARCH_CONSOLE_H
#define XEN_ARCH_CONSOLE_H

#include <xen/types.h>

struct domain;

/* Write bytes to the hypervisor's console device (no formatting). */
void arch_console_write(const char *s, size_t len);

/*
 * Console input arrived for d (it is in d's input buffer): let d's emulated
 * UART raise its receive interrupt. Called from the receive interrupt path
 * with console locks held: must not print or take the console lock.
 */
void arch_console_input(struct domain *d);

/*
 * The input focus moved to d (NULL: nobody takes input). An arch whose
 * UART interrupt only reaches a CPU running a guest steers it to d's CPU.
 * Same restrictions as arch_console_input().
 */
void arch_console_focus(struct domain *d);

#endif /* XEN_ARCH_CONSOLE_H */

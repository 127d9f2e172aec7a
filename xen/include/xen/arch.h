/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hooks common code calls into the architecture, by topic, each
 * declared and documented once in its header under xen/include/xen/arch/
 * (what it may assume, what it must not do). Every backend (xen/arch/<arch>/)
 * and the host unit tests' fake arch (tests/unit/fake/) define them all.
 * Common code never tests which architecture it is built for.
 *
 *   <xen/arch/mm.h>         guest virtual addresses, cache maintenance of guest RAM
 *   <xen/arch/console.h>    the console device, console input for a domain's UART
 *   <xen/arch/time.h>       the hypervisor's clock
 *   <xen/arch/vcpu.h>       yield/block, the scheduler's CPU hooks, continuations
 *   <xen/arch/domain.h>     domain creation and end, power-off, features
 *   <xen/arch/irq.h>        masking interrupts on this CPU
 *   <xen/arch/livepatch.h>  payload memory, relocations, patching the text, rendezvous
 */
#ifndef XEN_ARCH_H
#define XEN_ARCH_H

#include <xen/arch/console.h>
#include <xen/arch/domain.h>
#include <xen/arch/irq.h>
#include <xen/arch/livepatch.h>
#include <xen/arch/mm.h>
#include <xen/arch/time.h>
#include <xen/arch/vcpu.h>

#endif /* XEN_ARCH_H */

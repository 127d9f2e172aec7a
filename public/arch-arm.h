/* SPDX-License-Identifier: MIT */
/*
 * arch-arm.h - AArch64 calling convention and guest memory map.
 *
 * Hypercalls: "hvc #XEN_HYPERCALL_TAG", number in x16, arguments in x0..x4,
 * result in x0. x1..x4 and x16 may be clobbered; all other registers are
 * preserved. "hvc #0" carries SMCCC/PSCI calls (the guest DT says
 * method = "hvc"). Any other HVC immediate raises an undefined-instruction
 * exception in the guest. Pointers are guest virtual addresses.
 *
 * The guest memory map below is Xen's, so a guest may rely on it, though a
 * guest should read its device tree.
 */
#ifndef __XEN_PUBLIC_ARCH_ARM_H__
#define __XEN_PUBLIC_ARCH_ARM_H__

#include <stdint.h>

/* @abi since=1.0 */
#define XEN_HYPERCALL_TAG 0xEA1

/* @abi since=1.0 */
typedef uint64_t xen_ulong_t;

/* vGICv3 distributor and redistributors. */
/* @abi since=1.0 */
#define GUEST_GICV3_GICD_BASE 0x03001000ULL
/* @abi since=1.0 */
#define GUEST_GICV3_GICD_SIZE 0x00010000ULL
/* @abi since=1.0 */
#define GUEST_GICV3_GICR0_BASE 0x03020000ULL
/* @abi since=1.0 */
#define GUEST_GICV3_GICR0_SIZE 0x01000000ULL

/* The virtual PL011 (SBSA UART) given to guests with "vpl011". */
/* @abi since=1.0 */
#define GUEST_PL011_BASE 0x22000000ULL
/* @abi since=1.0 */
#define GUEST_PL011_SIZE 0x00001000ULL

/* Guest RAM starts here (3 GiB bank at 1 GiB). */
/* @abi since=1.0 */
#define GUEST_RAM0_BASE 0x40000000ULL
/* @abi since=1.0 */
#define GUEST_RAM0_SIZE 0xc0000000ULL

/* Interrupts seen by the guest. */
/* @abi since=1.0 */
#define GUEST_TIMER_VIRT_PPI 27
/* @abi since=1.0 */
#define GUEST_TIMER_PHYS_S_PPI 29
/* @abi since=1.0 */
#define GUEST_TIMER_PHYS_NS_PPI 30
/* @abi since=1.0 */
#define GUEST_VPL011_SPI 32

#endif /* __XEN_PUBLIC_ARCH_ARM_H__ */

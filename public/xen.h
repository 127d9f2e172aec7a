/* SPDX-License-Identifier: MIT */
/*
 * xen.h - Keel's guest ABI: basic types, hypercall numbers, console_io.
 *
 * Numbers and layouts follow Xen's public interface so that a guest written
 * for Xen runs unchanged. Every item carries an "@abi" tag that the release
 * tool (keel-release) reads; do not remove or renumber an item without going
 * through the deprecation policy in governance/policy.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include <stdint.h>

#include "errno.h"

#if defined(__aarch64__)
#include "arch-arm.h"
#elif defined(__x86_64__)
#include "arch-x86_64.h"
#else
#error "Keel's guest ABI is defined for aarch64 and x86_64 only"
#endif

/*
 * A flexible array member: C99's "[]" where the language has it, GNU's "[0]"
 * otherwise, so that sizeof() agrees across C89, C99 and C++ builds.
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L && !defined(__cplusplus)
#define XEN_FLEX_ARRAY_DIM /* empty */
#else
#define XEN_FLEX_ARRAY_DIM 0
#endif

/*
 * Guest handles: a guest virtual address carried in a structure. The union
 * keeps the slot 8 bytes wide and 8-byte aligned on every target.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type)                                 \
    typedef union {                                                            \
        type *p;                                                               \
        uint64_t q;                                                            \
    } __guest_handle_64_##name
#define DEFINE_XEN_GUEST_HANDLE(name) ___DEFINE_XEN_GUEST_HANDLE(name, name)
#define XEN_GUEST_HANDLE_64(name) __guest_handle_64_##name

/* @abi since=1.0 */
typedef uint16_t domid_t;
/* @abi since=1.0 */
typedef uint8_t xen_domain_handle_t[16];

/* @abi since=1.0 */
DEFINE_XEN_GUEST_HANDLE(char);
/* @abi since=1.0 */
___DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
/* @abi since=1.0 */
___DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);

/* Hypercall numbers (Xen's __HYPERVISOR_* space). */
/* @abi since=1.0 */
#define __HYPERVISOR_xen_version 17
/* @abi since=1.0 */
#define __HYPERVISOR_console_io 18
/* @abi since=1.0 */
#define __HYPERVISOR_sched_op 29
/* @abi since=1.0 */
#define __HYPERVISOR_sysctl 35
/* 41 is Xen's dm_op and 42 its hypfs_op: version_op takes the next free one. */
/* @abi since=1.0 */
#define __HYPERVISOR_version_op 43

/* console_io(cmd, count, buf) */
/* @abi since=1.0 */
#define CONSOLEIO_write 0
/* Control domain only. Returns the number of bytes read (0: nothing pending). */
/* @abi since=1.0 */
#define CONSOLEIO_read 1

/* The first domain id that names no domain (Xen's DOMID_FIRST_RESERVED). */
/* @abi since=1.0 */
#define DOMID_FIRST_RESERVED 0x7FF0U
/* "This domain" (Xen's DOMID_SELF). */
/* @abi since=1.0 */
#define DOMID_SELF 0x7FF0U

#endif /* __XEN_PUBLIC_XEN_H__ */

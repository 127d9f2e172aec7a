/* SPDX-License-Identifier: MIT */
/*
 * features.h - feature bits reported by XENVER_get_features and
 * VERSION_get_features (submap index 0). Numbers are Xen's.
 */
#ifndef __XEN_PUBLIC_FEATURES_H__
#define __XEN_PUBLIC_FEATURES_H__

/* The guest may write its own page tables directly. */
/* @abi since=1.0 */
#define XENFEAT_writable_page_tables 0
/* Guest-physical to machine translation is done by the hypervisor. */
/* @abi since=1.0 */
#define XENFEAT_auto_translated_physmap 2
/* The domain is the control domain (Xen's dom0 bit). */
/* @abi since=1.0 */
#define XENFEAT_dom0 11
/* arm: the hypervisor implements the SMC Calling Convention on hvc #0. */
/* @abi since=1.0 */
#define XENFEAT_ARM_SMCCC_supported 14
/* The domain's guest-physical addresses are not machine addresses. */
/* @abi since=1.0 */
#define XENFEAT_not_direct_mapped 16
/* @abi since=1.0 */
#define XENFEAT_direct_mapped 17

/* Number of 32-bit submaps: valid indexes are 0 .. XENFEAT_NR_SUBMAPS - 1. */
/* @abi since=1.0 */
#define XENFEAT_NR_SUBMAPS 1

#endif /* __XEN_PUBLIC_FEATURES_H__ */

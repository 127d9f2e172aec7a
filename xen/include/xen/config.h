/* SPDX-License-Identifier: GPL-2.0-only */
/* Build-time limits shared by both architectures. */
#ifndef XEN_CONFIG_H
#define XEN_CONFIG_H

/* Physical CPUs the hypervisor brings up; vCPUs are pinned 1:1 to them. */
#define CONFIG_NR_CPUS 8
/* Domains the static partitioner can hold at once. */
#define CONFIG_MAX_DOMAINS 8
/* vCPUs one domain may have (at most one per physical CPU). */
#define CONFIG_MAX_VCPUS CONFIG_NR_CPUS
/* Both backends use a 4 KiB translation granule. */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

#endif /* XEN_CONFIG_H */

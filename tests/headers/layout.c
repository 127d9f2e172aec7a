/* SPDX-License-Identifier: MIT */
/*
 * The public ABI's layouts, pinned for every target: these are the sizes and
 * offsets Xen's own headers give, so a Xen-aware guest and Keel agree on
 * every byte. Compiled by headers-check for aarch64 and x86_64.
 */
#include <stddef.h>

#include "../../public/sched.h"
#include "../../public/sysctl.h"
#include "../../public/version.h"

#define CHECK_SIZE(t, n) _Static_assert(sizeof(t) == (n), "sizeof(" #t ") != " #n)
#define CHECK_OFF(t, m, n) _Static_assert(offsetof(t, m) == (n), "offsetof(" #t ", " #m ") != " #n)

CHECK_SIZE(domid_t, 2);
CHECK_SIZE(xen_domain_handle_t, 16);
CHECK_SIZE(xen_ulong_t, 8);
CHECK_SIZE(XEN_GUEST_HANDLE_64(char), 8);
_Static_assert(_Alignof(XEN_GUEST_HANDLE_64(char)) == 8, "guest handles are 8-aligned");

CHECK_SIZE(xen_extraversion_t, 16);
CHECK_SIZE(struct xen_compile_info, 144);
CHECK_OFF(struct xen_compile_info, compile_by, 64);
CHECK_OFF(struct xen_compile_info, compile_domain, 80);
CHECK_OFF(struct xen_compile_info, compile_date, 112);
CHECK_SIZE(xen_capabilities_info_t, 1024);
CHECK_SIZE(xen_changeset_info_t, 64);
CHECK_SIZE(struct xen_platform_parameters, 8);
CHECK_SIZE(struct xen_feature_info, 8);
CHECK_OFF(struct xen_feature_info, submap, 4);
CHECK_SIZE(xen_commandline_t, 1024);
CHECK_SIZE(struct xen_varbuf, 4);
CHECK_OFF(struct xen_varbuf, buf, 4);
CHECK_SIZE(struct xen_build_id, 4);
CHECK_SIZE(struct version_op_features, 8);

CHECK_SIZE(struct sched_shutdown, 4);

CHECK_SIZE(struct livepatch_expectation, 32);
CHECK_SIZE(struct livepatch_func, 104);
CHECK_OFF(struct livepatch_func, new_size, 24);
CHECK_OFF(struct livepatch_func, version, 32);
CHECK_OFF(struct livepatch_func, applied, 64);
CHECK_OFF(struct livepatch_func, expect, 72);
CHECK_SIZE(struct xen_livepatch_name, 16);
CHECK_SIZE(struct xen_sysctl_livepatch_upload, 32);
CHECK_SIZE(struct xen_livepatch_status, 8);
CHECK_SIZE(struct xen_sysctl_livepatch_get, 24);
CHECK_SIZE(struct xen_sysctl_livepatch_list, 64);
CHECK_OFF(struct xen_sysctl_livepatch_list, status, 24);
CHECK_SIZE(struct xen_sysctl_livepatch_action, 32);
CHECK_SIZE(struct xen_sysctl_livepatch_op, 72);
CHECK_SIZE(struct xen_sysctl, 136);
CHECK_OFF(struct xen_sysctl, u, 8);

#if defined(__x86_64__)
CHECK_SIZE(struct hvm_start_info, 56);
CHECK_OFF(struct hvm_start_info, modlist_paddr, 16);
CHECK_OFF(struct hvm_start_info, memmap_paddr, 40);
CHECK_OFF(struct hvm_start_info, memmap_entries, 48);
CHECK_SIZE(struct hvm_modlist_entry, 32);
CHECK_SIZE(struct hvm_memmap_table_entry, 24);
#endif

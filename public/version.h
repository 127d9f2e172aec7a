/* SPDX-License-Identifier: MIT */
/*
 * version.h - the version hypercalls.
 *
 * xen_version (17) is Xen's legacy call, kept for Xen-aware guests: sub-ops
 * 0..14 with Xen's argument types and results. The sub-ops that copy a string
 * into a fixed-size buffer truncate silently and are deprecated in favour of
 * version_op (43).
 *
 * version_op(cmd, buf, len) is the new call, with one shape for every sub-op:
 *   - buf == NULL asks for the size: returns the number of bytes the answer
 *     needs;
 *   - len smaller than that: -XEN_ENOBUFS, nothing is copied;
 *   - otherwise the answer is copied to buf and its byte count returned.
 * Strings are UTF-8 without a NUL terminator (the count gives the length).
 * Numeric answers are one little-endian uint64_t. An answer larger than
 * VERSION_OP_MAX_ANSWER bytes is -XEN_E2BIG; an unknown sub-op -XEN_ENOSYS;
 * VERSION_commandline and VERSION_build_id are for the control domain only
 * (-XEN_EPERM otherwise).
 */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"
#include "features.h"

/* ---- xen_version(cmd, arg): legacy ---- */

/* arg == NULL; returns major << 16 | minor. */
/* @abi since=1.0 */
#define XENVER_version 0

/* arg: xen_extraversion_t. Truncates. */
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_extraversion */
#define XENVER_extraversion 1
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_extraversion */
typedef char xen_extraversion_t[16];

/* arg: struct xen_compile_info. Truncates; version_op has no equivalent. */
/* @abi since=1.0 deprecated=1.0 */
#define XENVER_compile_info 2
/* @abi since=1.0 deprecated=1.0 */
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
/* @abi since=1.0 deprecated=1.0 */
typedef struct xen_compile_info xen_compile_info_t;

/* arg: xen_capabilities_info_t. Truncates. */
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_capabilities */
#define XENVER_capabilities 3
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_capabilities */
typedef char xen_capabilities_info_t[1024];

/* arg: xen_changeset_info_t. Truncates. */
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_changeset */
#define XENVER_changeset 4
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_changeset */
typedef char xen_changeset_info_t[64];

/* arg: struct xen_platform_parameters. virt_start is 0 for Keel's guests. */
/* @abi since=1.0 */
#define XENVER_platform_parameters 5
/* @abi since=1.0 */
struct xen_platform_parameters {
    uint64_t virt_start;
};
/* @abi since=1.0 */
typedef struct xen_platform_parameters xen_platform_parameters_t;

/* arg: struct xen_feature_info; submap_idx >= XENFEAT_NR_SUBMAPS: -EINVAL. */
/* @abi since=1.0 */
#define XENVER_get_features 6
/* @abi since=1.0 */
struct xen_feature_info {
    uint32_t submap_idx; /* IN: which 32-bit submap to return */
    uint32_t submap;     /* OUT: the submap */
};
/* @abi since=1.0 */
typedef struct xen_feature_info xen_feature_info_t;

/* arg == NULL (else -EINVAL); returns the page size in bytes. */
/* @abi since=1.0 */
#define XENVER_pagesize 7

/* arg: xen_domain_handle_t, the domain's 16-byte UUID. */
/* @abi since=1.0 */
#define XENVER_guest_handle 8

/* arg: xen_commandline_t. Non-control domains read "<denied>". Truncates. */
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_commandline */
#define XENVER_commandline 9
/* @abi since=1.0 deprecated=1.0 replacement=VERSION_commandline */
typedef char xen_commandline_t[1024];

/*
 * Variable-length answers (sub-ops 10..14): arg == NULL returns the size;
 * otherwise arg is a struct xen_varbuf whose len gives the room in buf[];
 * too small is -ENOBUFS; else the bytes are copied (no NUL) and the count
 * returned. build_id and commandline2 are for the control domain only.
 */
/* @abi since=1.0 */
struct xen_build_id {
    uint32_t len;                          /* IN: size of buf[] */
    unsigned char buf[XEN_FLEX_ARRAY_DIM]; /* OUT: the build-id */
};
/* @abi since=1.0 */
typedef struct xen_build_id xen_build_id_t;

/* @abi since=1.0 */
struct xen_varbuf {
    uint32_t len;                          /* IN: size of buf[] */
    unsigned char buf[XEN_FLEX_ARRAY_DIM]; /* OUT: the answer */
};
/* @abi since=1.0 */
typedef struct xen_varbuf xen_varbuf_t;

/* @abi since=1.0 */
#define XENVER_build_id 10
/* @abi since=1.0 */
#define XENVER_extraversion2 11
/* @abi since=1.0 */
#define XENVER_capabilities2 12
/* @abi since=1.0 */
#define XENVER_changeset2 13
/* @abi since=1.0 */
#define XENVER_commandline2 14

/* ---- version_op(cmd, buf, len): the new call ---- */

/* Largest answer version_op gives; larger ones are -E2BIG. */
/* @abi since=1.0 */
#define VERSION_OP_MAX_ANSWER 65536

/* uint64_t: major << 16 | minor. */
/* @abi since=1.0 */
#define VERSION_version 0
/* String, e.g. ".0". */
/* @abi since=1.0 */
#define VERSION_extraversion 1
/* String: space-separated guest types this hypervisor runs. */
/* @abi since=1.0 */
#define VERSION_capabilities 2
/* String: the source revision the hypervisor was built from. */
/* @abi since=1.0 */
#define VERSION_changeset 3
/* uint64_t: virt_start, 0 for Keel's guests. */
/* @abi since=1.0 */
#define VERSION_platform_parameters 4
/* struct version_op_features: index in, bitmap out (8 bytes). */
/* @abi since=1.0 */
#define VERSION_get_features 5
/* uint64_t: the page size in bytes. */
/* @abi since=1.0 */
#define VERSION_pagesize 6
/* 16 bytes: the domain's UUID. */
/* @abi since=1.0 */
#define VERSION_guest_handle 7
/* String: the hypervisor's command line. Control domain only. */
/* @abi since=1.0 */
#define VERSION_commandline 8
/* Bytes: the hypervisor's GNU build-id. Control domain only. */
/* @abi since=1.0 */
#define VERSION_build_id 9

/* @abi since=1.0 */
struct version_op_features {
    uint32_t index;  /* IN: submap index, < XENFEAT_NR_SUBMAPS (else -EINVAL) */
    uint32_t bitmap; /* OUT: XENFEAT_* bits of that submap */
};

#endif /* __XEN_PUBLIC_VERSION_H__ */

/* SPDX-License-Identifier: MIT */
/*
 * sysctl.h - sysctl(struct xen_sysctl *), control domain only.
 *
 * Keel implements one sysctl, the live-patch operation (cmd 27), with Xen's
 * structures so that Xen's xen-livepatch tooling talks to it unchanged.
 * A sysctl from a non-control domain is -EPERM; an interface_version other
 * than XEN_SYSCTL_INTERFACE_VERSION is -EACCES; an unknown cmd is -ENOSYS.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "xen.h"

/* @abi since=1.0 */
#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* @abi since=1.0 */
#define XEN_SYSCTL_livepatch_op 27

/* ---- live patching (XEN_SYSCTL_livepatch_op) ---- */

/* Version of struct livepatch_func in a payload's .livepatch.funcs. */
/* @abi since=1.0 */
#define LIVEPATCH_PAYLOAD_VERSION 2
/* Bytes of the patched function a payload may expect or save. */
/* @abi since=1.0 */
#define LIVEPATCH_OPAQUE_SIZE 31

/*
 * Optional bytes expected at old_addr before APPLY (a mismatch refuses it).
 * flags: bit 0 enabled, bits 1..5 length (<= LIVEPATCH_OPAQUE_SIZE), bits 6..7
 * zero -- the layout of Xen's bit-field on little-endian targets.
 */
/* @abi since=1.0 */
struct livepatch_expectation {
    uint8_t flags;
    uint8_t data[LIVEPATCH_OPAQUE_SIZE];
};
/* @abi since=1.0 */
#define LIVEPATCH_EXPECT_ENABLED 0x01
/* @abi since=1.0 */
#define LIVEPATCH_EXPECT_LEN_SHIFT 1
/* @abi since=1.0 */
#define LIVEPATCH_EXPECT_LEN_MASK 0x3e

/*
 * One entry of a payload's .livepatch.funcs section. The address fields are
 * hypervisor addresses filled by relocations, hence 64-bit integers here.
 */
/* @abi since=1.0 */
struct livepatch_func {
    uint64_t name;     /* address of the NUL-terminated symbol name */
    uint64_t new_addr; /* replacement function (0: make old_addr a no-op) */
    uint64_t old_addr; /* function to patch (0: look up name) */
    uint32_t new_size;
    uint32_t old_size;
    uint8_t version; /* LIVEPATCH_PAYLOAD_VERSION */
    uint8_t opaque[LIVEPATCH_OPAQUE_SIZE];
    uint8_t applied;
    uint8_t _pad[7];
    struct livepatch_expectation expect;
};

/* Longest payload name, including the NUL. */
/* @abi since=1.0 */
#define XEN_LIVEPATCH_NAME_SIZE 128

/* @abi since=1.0 */
struct xen_livepatch_name {
    XEN_GUEST_HANDLE_64(char) name; /* IN: the name */
    uint16_t size;                  /* IN: its size, <= XEN_LIVEPATCH_NAME_SIZE */
    uint16_t pad[3];                /* IN: zero */
};

/* @abi since=1.0 */
#define XEN_SYSCTL_LIVEPATCH_UPLOAD 0
/* @abi since=1.0 */
struct xen_sysctl_livepatch_upload {
    struct xen_livepatch_name name;
    uint64_t size;                      /* IN: size of the ELF payload */
    XEN_GUEST_HANDLE_64(uint8) payload; /* IN: the ELF payload */
};

/* @abi since=1.0 */
#define XEN_SYSCTL_LIVEPATCH_GET 1
/* @abi since=1.0 */
#define LIVEPATCH_STATE_CHECKED 1
/* @abi since=1.0 */
#define LIVEPATCH_STATE_APPLIED 2
/* @abi since=1.0 */
struct xen_livepatch_status {
    uint32_t state; /* OUT: LIVEPATCH_STATE_* */
    int32_t rc;     /* OUT: 0 or -XEN_Exx of the last action */
};
/* @abi since=1.0 */
typedef struct xen_livepatch_status xen_livepatch_status_t;
/* @abi since=1.0 */
DEFINE_XEN_GUEST_HANDLE(xen_livepatch_status_t);

/* @abi since=1.0 */
struct xen_sysctl_livepatch_get {
    struct xen_livepatch_name name;
    struct xen_livepatch_status status;
};

/* @abi since=1.0 */
#define XEN_SYSCTL_LIVEPATCH_LIST 2
/* @abi since=1.0 */
struct xen_sysctl_livepatch_list {
    uint32_t version;             /* OUT: generation; changes when the list does */
    uint32_t idx;                 /* IN: first payload to report */
    uint32_t nr;                  /* IN: room in the arrays; OUT: payloads left */
    uint32_t pad;                 /* IN: zero */
    uint32_t name_total_size;     /* OUT */
    uint32_t metadata_total_size; /* OUT */
    XEN_GUEST_HANDLE_64(xen_livepatch_status_t) status;
    XEN_GUEST_HANDLE_64(char) name;           /* nr * XEN_LIVEPATCH_NAME_SIZE */
    XEN_GUEST_HANDLE_64(uint32) len;          /* nr name lengths */
    XEN_GUEST_HANDLE_64(char) metadata;       /* metadata strings */
    XEN_GUEST_HANDLE_64(uint32) metadata_len; /* nr metadata lengths */
};

/* @abi since=1.0 */
#define XEN_SYSCTL_LIVEPATCH_ACTION 3
/* @abi since=1.0 */
#define LIVEPATCH_ACTION_UNLOAD 1
/* @abi since=1.0 */
#define LIVEPATCH_ACTION_REVERT 2
/* @abi since=1.0 */
#define LIVEPATCH_ACTION_APPLY 3
/* @abi since=1.0 */
#define LIVEPATCH_ACTION_REPLACE 4
/* @abi since=1.0 */
#define LIVEPATCH_ACTION_APPLY_NODEPS 1
/* @abi since=1.0 */
struct xen_sysctl_livepatch_action {
    struct xen_livepatch_name name;
    uint32_t cmd;     /* IN: LIVEPATCH_ACTION_* */
    uint32_t timeout; /* IN: ns for the CPU rendezvous, 0: the default */
    uint32_t flags;   /* IN: LIVEPATCH_ACTION_APPLY_NODEPS */
    uint32_t pad;     /* IN: zero */
};

/* @abi since=1.0 */
struct xen_sysctl_livepatch_op {
    uint32_t cmd; /* IN: XEN_SYSCTL_LIVEPATCH_* */
    uint32_t pad; /* IN: zero */
    union {
        struct xen_sysctl_livepatch_upload upload;
        struct xen_sysctl_livepatch_list list;
        struct xen_sysctl_livepatch_get get;
        struct xen_sysctl_livepatch_action action;
    } u;
};

/* @abi since=1.0 */
struct xen_sysctl {
    uint32_t cmd;               /* XEN_SYSCTL_* */
    uint32_t interface_version; /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_livepatch_op livepatch;
        uint8_t pad[128];
    } u;
};
/* @abi since=1.0 */
typedef struct xen_sysctl xen_sysctl_t;

#endif /* __XEN_PUBLIC_SYSCTL_H__ */

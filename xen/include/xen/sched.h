/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs. Common state lives here; each architecture embeds its
 * own part (struct arch_domain, struct arch_vcpu from <asm/domain.h>).
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <public/xen.h>
#include <xen/config.h>
#include <xen/console.h>
#include <xen/types.h>

#include <asm/domain.h>

#define DOMAIN_NAME_LEN 32

struct domain;

struct vcpu {
    unsigned int vcpu_id;
    unsigned int pcpu;      /* physical CPU it is pinned to */
    struct domain *domain;
    /*
     * A hypercall continuation asked for by the running hypercall
     * (hypercall_create_continuation): its next arguments.
     */
    bool hcall_continue;
    unsigned long hcall_args[5];
    struct arch_vcpu arch;
};

enum domain_state {
    DOMAIN_FREE = 0,   /* slot unused */
    DOMAIN_CREATING,   /* slot taken, arch_domain_create() under way */
    DOMAIN_RUNNING,
    DOMAIN_SHUTDOWN,   /* ended; shutdown_reason says why */
};

struct domain {
    domid_t domain_id;
    enum domain_state state;
    bool is_control;            /* may use sysctl, CONSOLEIO_read, ... */
    uint8_t shutdown_reason;    /* SHUTDOWN_* once state == DOMAIN_SHUTDOWN */
    char name[DOMAIN_NAME_LEN];
    xen_domain_handle_t handle; /* UUID reported by XENVER_guest_handle */

    /*
     * Guest RAM: one contiguous guest-physical range, backed by one
     * contiguous hypervisor mapping (static partitioning). Guest memory is
     * only ever reached through copy_{to,from}_guest(), which check a range
     * against these three fields.
     */
    gpaddr_t ram_gpa;
    uint64_t ram_size;
    uint8_t *ram_hva;

    unsigned int nr_vcpus;
    struct vcpu vcpu[CONFIG_MAX_VCPUS];

    struct guest_console console;

    struct arch_domain arch;
};

/* What the boot code asks for; the arch fills RAM and vCPU placement. */
struct domain_config {
    const char *name;
    uint64_t mem_kib;        /* guest RAM in KiB */
    unsigned int nr_vcpus;   /* 1 .. CONFIG_MAX_VCPUS */
    bool is_control;         /* "capabilities" bit 0 in the DT */
    const uint8_t *handle;   /* 16 bytes, or NULL for an all-zero handle */
    const void *arch;        /* arch-specific settings (kernel, DT, ...) */
};

/*
 * Create a domain with the next free id (1, 2, ...). Returns it, or NULL
 * with *err set (-EINVAL bad config, -ENOMEM no slot, or the arch's error);
 * on failure no slot is left taken.
 */
struct domain *domain_create(const struct domain_config *cfg, int *err);

/* The domain with this id, or NULL. */
struct domain *domain_by_id(domid_t id);

/* Running (not shut down) domains. */
unsigned int domain_count_running(void);

/*
 * End a domain: records the reason, logs one line, and either powers the
 * machine off (no domain left running: arch_system_off) or stops the
 * domain's vCPUs (arch_domain_shutdown, which does not return when called
 * on one of them). A second call for the same domain does nothing.
 */
void domain_shutdown(struct domain *d, unsigned int reason);

/* Crash a domain for a fault it caused; "why" goes to the log. */
void domain_crash(struct domain *d, const char *why);

/* Forget every domain (host unit tests only start from a clean table). */
void domain_table_reset(void);

#include <asm/current.h>

/* The vCPU running on this physical CPU (<asm/current.h>). */
#define current (get_current())

#endif /* XEN_SCHED_H */

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
#include <xen/mmio.h>
#include <xen/types.h>

#include <asm/domain.h>

#define DOMAIN_NAME_LEN 32

struct domain;

/*
 * A vCPU's life, the same on every architecture (xen/common/sched/core.c
 * holds the transitions; each is made under the lock of the vCPU's CPU):
 *
 *   OFFLINE  --vcpu_up-->  RUNNABLE  --schedule-->  RUNNING
 *   RUNNING  --vcpu_block-->  BLOCKED  --vcpu_wake-->  RUNNABLE
 *   RUNNING  --end of slice, yield-->  RUNNABLE
 *   RUNNING  --vcpu_down-->  OFFLINE
 *   any but DEAD  --vcpu_pause-->  PAUSED  --vcpu_unpause-->  what it was
 *   any  --sched_domain_kill-->  DEAD (for good)
 */
enum vcpu_state {
    VCPU_OFFLINE = 0, /* never started, or switched off (PSCI CPU_OFF) */
    VCPU_RUNNABLE,    /* wants its CPU */
    VCPU_RUNNING,     /* on its CPU now */
    VCPU_BLOCKED,     /* waits for an interrupt (WFI, HLT, SCHEDOP_block) */
    VCPU_PAUSED,      /* held by the hypervisor */
    VCPU_DEAD,        /* its domain ended: never runs again */
};

struct vcpu {
    unsigned int vcpu_id;
    unsigned int pcpu;      /* physical CPU it is placed on, for its whole life */
    struct domain *domain;
    volatile int state;     /* enum vcpu_state */
    int paused_from;        /* the state vcpu_unpause() restores */
    bool started;           /* has run since it last came online */
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
    unsigned int cpupool;       /* the CPU pool its vCPUs are placed in */
    unsigned int sched_priority; /* struct domain_config's */

    struct guest_console console;
    struct domain_mmio mmio;    /* emulated MMIO regions (xen/common/mmio.c) */

    struct arch_domain arch;
};

/* What the boot code asks for; the arch fills RAM and vCPU placement. */
struct domain_config {
    const char *name;
    uint64_t mem_kib;        /* guest RAM in KiB */
    unsigned int nr_vcpus;   /* 1 .. CONFIG_MAX_VCPUS */
    bool is_control;         /* "capabilities" bit 0 in the DT */
    const uint8_t *handle;   /* 16 bytes, or NULL for an all-zero handle */
    unsigned int cpupool;    /* the CPU pool to run in (0: the default pool) */
    /*
     * Among the vCPUs sharing a CPU of a preempting pool (rr), a runnable
     * vCPU of a domain with a higher priority always runs first; equal
     * ones take turns. 0, the default, is the lowest; SCHED_PRIORITY_MAX
     * the highest.
     */
    unsigned int sched_priority;
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

/*
 * The scheduler (xen/common/sched/). At boot: sched_init() with the CPUs
 * that came up, then cpupool_create() for each configured pool, then the
 * domains, each placed by sched_domain_place().
 */
void sched_init(uint32_t online_cpus);
/* Forget pools and placements, keeping the online CPUs (domain_table_reset()). */
void sched_reset(void);
/*
 * A pool of CPUs (bit n: CPU n) run by the policy named sched ("null",
 * "rr"); slice_ns for rr (0: the default, SCHED_RR_DEFAULT_SLICE_NS; else
 * SCHED_SLICE_MIN_US..SCHED_SLICE_MAX_US, and only for a policy that
 * preempts). The CPUs leave pool 0. Pool 0
 * itself may be configured, first: its other CPUs are then in no pool
 * until a later call gives them one (Xen's rule that the boot CPU's pool
 * is Pool-0). -EINVAL: unknown policy, bad id, no CPU or one not online;
 * -EEXIST: the id is taken, a CPU is in another configured pool, or pool 0
 * comes after another; -EOPNOTSUPP: a sharing policy on an arch that
 * cannot share CPUs.
 */
int cpupool_create(unsigned int id, uint32_t cpus, const char *sched, uint64_t slice_ns);
/*
 * A slice shorter than 100 us spends more of the CPU switching than
 * running; one over a second is no time sharing a guest's timer survives.
 */
#define SCHED_SLICE_MIN_US 100u
#define SCHED_SLICE_MAX_US 1000000u
/* The highest struct domain_config.sched_priority. */
#define SCHED_PRIORITY_MAX 255u
/* Whether pool id exists. */
bool cpupool_exists(unsigned int id);
/*
 * Give each vCPU of d a CPU of pool d->cpupool (v->pcpu), all OFFLINE.
 * -EBUSY when the pool has no room (a null pool with every CPU taken);
 * pool 0, when no configuration made it, then turns to sharing its CPUs
 * round robin instead, and says so once. -EINVAL: no such pool.
 */
int sched_domain_place(struct domain *d);
/* Take d's vCPUs off their CPUs (creation failed or the domain is gone). */
void sched_domain_unplace(struct domain *d);
/* Every vCPU of d becomes DEAD; their CPUs are kicked to leave them. */
void sched_domain_kill(struct domain *d);

/*
 * OFFLINE -> RUNNABLE (boot, PSCI CPU_ON). prepare(v, arg), if given, runs
 * under v's lock once v is known to be OFFLINE and before anyone can run
 * it: where the arch writes the entry point, so that of two racing CPU_ONs
 * the loser never touches the winner's. -EBUSY if v was not OFFLINE.
 */
int vcpu_up(struct vcpu *v, void (*prepare)(struct vcpu *v, void *arg), void *arg);
/*
 * The running v switches itself off: -> OFFLINE. True when no vCPU of its
 * domain is left that is not OFFLINE or DEAD (nothing could start one
 * again): the caller ends the domain. Of two vCPUs going off at once, at
 * least one sees the other off.
 */
bool vcpu_down(struct vcpu *v);
/* The running v waits for an interrupt, unless one is already pending. */
void vcpu_block(struct vcpu *v);
/*
 * The guest's v has nothing to do until an interrupt (WFI, HLT,
 * SCHEDOP_block, PSCI CPU_SUSPEND): a prompt it printed is shown first
 * (console_guest_idle()), then the arch lets it wait (arch_vcpu_block()).
 */
void vcpu_idle(struct vcpu *v);
/* An interrupt for v: BLOCKED -> RUNNABLE, and its CPU is told. */
void vcpu_wake(struct vcpu *v);
/* The running v gives its CPU to the next one at the next exit. */
void vcpu_yield(struct vcpu *v);
void vcpu_pause(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);
/*
 * Decide what cpu runs now: the vCPU (now RUNNING) or NULL to idle.
 * *slice_ns: how long it may run before schedule() is due again (0: as
 * long as it likes: null policy, or alone on its CPU).
 */
struct vcpu *schedule(unsigned int cpu, uint64_t now_ns, uint64_t *slice_ns);
/*
 * The exit path's one test: whether cpu must call schedule() before
 * re-entering its vCPU (pending work, the vCPU no longer RUNNING, or the
 * end of its slice). Reads a flag and a deadline; takes no lock.
 */
bool sched_work_pending(unsigned int cpu, uint64_t now_ns);
/*
 * Whether v has its CPU to itself for good (a null pool: no other vCPU is
 * placed there, none ever preempts it), so that waiting for an interrupt
 * need not give the CPU back: an arch may then let the guest wait in
 * hardware (Xen's vwfi=native), any interrupt still bringing the CPU back.
 */
bool sched_vcpu_dedicated(const struct vcpu *v);
/*
 * Whether more than one vCPU is placed on cpu (they take turns): a vCPU
 * alone on its CPU may wait for an interrupt where it is instead of
 * blocking. Placement is fixed once the domains are built.
 */
bool sched_cpu_shared(unsigned int cpu);
/*
 * The slice the configuration gave cpu's pool, 0 when it gave none (an
 * arch that measures slices its own way, as x86 in guest time, then keeps
 * its own default).
 */
uint64_t sched_cpu_slice_set(unsigned int cpu);

#include <asm/current.h>

/* The vCPU running on this physical CPU (<asm/current.h>). */
#define current (get_current())

#endif /* XEN_SCHED_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the scheduler: CPU pools and the scheduling policies. Every vCPU
 * belongs to one CPU of its domain's pool for its whole life (placement at
 * domain creation, as a partitioning hypervisor wants); a policy decides
 * which of a CPU's vCPUs runs and for how long. The vCPU lifecycle and its
 * locking (xen/common/sched/core.c) are the same for every policy.
 *
 * Policies, by Xen's names (cpupool-sched in a "xen,cpupool" DT node):
 *   null  one vCPU per CPU, never preempted: the embedded default
 *   rr    time-sliced round robin among the vCPUs of each CPU, for pools
 *         with more vCPUs than CPUs (Keel's; Xen's credit, credit2, rtds
 *         and arinc653 are refused by name)
 */
#ifndef XEN_SCHED_IF_H
#define XEN_SCHED_IF_H

#include <xen/config.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct vcpu;
struct cpupool;

/* Most vCPUs one CPU can carry (every vCPU of every domain, at worst). */
#define SCHED_MAX_PER_CPU (CONFIG_MAX_DOMAINS * CONFIG_MAX_VCPUS)
#define CPUPOOL_MAX 8
/* The rr policy's slice when a pool does not say (Xen's credit default, 30 ms, is
 * long for an embedded guest's timer; Keel takes 10 ms). */
#define SCHED_RR_DEFAULT_SLICE_NS 10000000ULL

struct scheduler {
    const char *name;
    /*
     * Give v a CPU of pool p (set v->processor): 0, or -EBUSY when the
     * policy has no room for it. Called with the scheduler's global lock.
     */
    int (*place)(struct cpupool *p, struct vcpu *v);
    /*
     * The vCPU to run next on cpu among its runnable ones, prev being the
     * one that ran last (NULL: none). NULL: nothing runnable, go idle.
     * Called with cpu's lock held.
     */
    struct vcpu *(*pick)(unsigned int cpu, struct vcpu *prev);
    /* Whether a running vCPU is taken off at the end of its pool's slice. */
    bool preempts;
};

extern const struct scheduler sched_null, sched_rr;

struct cpupool {
    unsigned int id;
    uint32_t cpus;                 /* bit n: CPU n belongs to the pool */
    const struct scheduler *sched;
    uint64_t slice_ns;             /* rr: each vCPU's turn */
    bool slice_set;                /* slice_ns came from the configuration */
    bool used;
    bool configured;               /* from the configuration, not the default pool 0 */
};

/* The common per-CPU state of the scheduler. */
struct sched_cpu {
    spinlock_t lock;               /* this CPU's vCPUs' states and its queue */
    struct cpupool *pool;
    struct vcpu *curr;             /* the vCPU running here, NULL when idle */
    struct vcpu *queue[SCHED_MAX_PER_CPU]; /* the vCPUs placed here, in placement order */
    unsigned int nr_queued;
    uint64_t slice_end_ns;         /* when curr's turn ends (0: never) */
    bool resched;                  /* pending work: decide again at the next exit */
};

extern struct sched_cpu sched_cpus[CONFIG_NR_CPUS];

/* The policy named name (a cpupool-sched value), or NULL. */
const struct scheduler *scheduler_by_name(const char *name);

#endif /* XEN_SCHED_IF_H */

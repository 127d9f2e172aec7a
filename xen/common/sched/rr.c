/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Round robin ("rr"): a pool's CPUs share its vCPUs, each CPU taking its
 * own in turn, one slice (the pool's slice_ns) each, so that three 1-vCPU
 * guests can run on two CPUs. A vCPU is placed on the least loaded CPU of
 * the pool, preferring one that holds no other vCPU of its domain (a
 * domain's vCPUs then really run in parallel). A domain's priority
 * (domain_config.sched_priority) orders the turns: a runnable vCPU of a
 * higher priority runs before any of a lower one, which gets the CPU only
 * while no higher one can run (the configuration decides that a guest may
 * hold its pool's CPU against lower ones; other pools are not affected).
 */
#include <xen/errno.h>
#include <xen/sched-if.h>
#include <xen/sched.h>

static bool holds_domain(unsigned int cpu, const struct domain *d)
{
    unsigned int i;

    for (i = 0; i < sched_cpus[cpu].nr_queued; i++)
        if (sched_cpus[cpu].queue[i]->domain == d)
            return true;
    return false;
}

static int rr_place(struct cpupool *p, struct vcpu *v)
{
    unsigned int c, best = CONFIG_NR_CPUS;
    bool best_shares = true;

    for (c = 0; c < CONFIG_NR_CPUS; c++) {
        bool shares;

        if (!(p->cpus & (1u << c)) || sched_cpus[c].nr_queued >= SCHED_MAX_PER_CPU)
            continue;
        shares = holds_domain(c, v->domain);
        if (best == CONFIG_NR_CPUS || (best_shares && !shares) ||
            (shares == best_shares && sched_cpus[c].nr_queued < sched_cpus[best].nr_queued)) {
            best = c;
            best_shares = shares;
        }
    }
    if (best == CONFIG_NR_CPUS)
        return -EBUSY;
    v->pcpu = best;
    return 0;
}

/*
 * Of the vCPUs in cpu's queue that may run, one of the highest domain
 * priority: the first after prev (cyclically, prev last), so that equals
 * take turns.
 */
static struct vcpu *rr_pick(unsigned int cpu, struct vcpu *prev)
{
    struct sched_cpu *sc = &sched_cpus[cpu];
    struct vcpu *best = NULL;
    unsigned int start = 0, i;

    for (i = 0; prev && i < sc->nr_queued; i++)
        if (sc->queue[i] == prev)
            start = i + 1;
    for (i = 0; i < sc->nr_queued; i++) {
        struct vcpu *v = sc->queue[(start + i) % sc->nr_queued];

        if ((v->state == VCPU_RUNNABLE || v->state == VCPU_RUNNING) &&
            (!best || v->domain->sched_priority > best->domain->sched_priority))
            best = v;
    }
    return best;
}

const struct scheduler sched_rr = {
    .name = "rr",
    .place = rr_place,
    .pick = rr_pick,
    .preempts = true,
};

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The null policy (Xen's "null" scheduler): each CPU of the pool carries at
 * most one vCPU, which keeps it for good and is never preempted, so a
 * guest's latency is that of the bare CPU. The default for embedded use,
 * where every vCPU has its own CPU.
 */
#include <xen/errno.h>
#include <xen/sched-if.h>
#include <xen/sched.h>

static int null_place(struct cpupool *p, struct vcpu *v)
{
    unsigned int c;

    for (c = 0; c < CONFIG_NR_CPUS; c++) {
        if ((p->cpus & (1u << c)) && !sched_cpus[c].nr_queued) {
            v->pcpu = c;
            return 0;
        }
    }
    return -EBUSY;
}

static struct vcpu *null_pick(unsigned int cpu, struct vcpu *prev)
{
    struct sched_cpu *sc = &sched_cpus[cpu];
    struct vcpu *v = sc->nr_queued ? sc->queue[0] : NULL;

    return v && (v->state == VCPU_RUNNABLE || v->state == VCPU_RUNNING) ? v : NULL;
}

const struct scheduler sched_null = {
    .name = "null",
    .place = null_place,
    .pick = null_pick,
    .preempts = false,
};

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stopping every physical CPU while one of them rewrites hypervisor code.
 * The master arms a new generation, IPIs the others and waits (with a
 * timeout) until each has said it arrived for that generation; the others
 * spin with interrupts off until the master releases the generation, then
 * discard stale instructions (arch_livepatch_post_action) and go on. Per-CPU
 * generation stamps instead of a counter mean a CPU that arrives late, after
 * a timed-out generation was released, cannot be counted for the next one.
 */
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/arch.h>
#include <xen/livepatch.h>
#include <xen/spinlock.h>

static uint32_t lp_gen;                       /* generation being run or last run */
static bool lp_armed;                         /* lp_gen is waiting for CPUs */
static uint32_t lp_released;                  /* last generation let go */
static uint32_t lp_arrived[CONFIG_NR_CPUS];   /* generation each CPU stopped for */
static uint32_t lp_resumed[CONFIG_NR_CPUS];   /* generation each CPU resumed from */
static uint64_t lp_first_stop, lp_quiesce_ns;
static unsigned int lp_last_cpus;

uint64_t livepatch_last_quiesce_ns(void)
{
    return lp_quiesce_ns;
}

unsigned int livepatch_last_cpus(void)
{
    return lp_last_cpus;
}

static unsigned int count_online(void)
{
    unsigned int cpu, n = 0;

    for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
        n += arch_livepatch_cpu_online(cpu);
    return n;
}

void livepatch_rendezvous_cpu(void)
{
    unsigned int cpu = arch_cpu_id();
    unsigned long flags;
    uint32_t gen;

    if (!__atomic_load_n(&lp_armed, __ATOMIC_ACQUIRE) || cpu >= CONFIG_NR_CPUS)
        return;
    flags = arch_irq_save();
    gen = __atomic_load_n(&lp_gen, __ATOMIC_ACQUIRE);
    if (__atomic_load_n(&lp_arrived[cpu], __ATOMIC_RELAXED) != gen) {
        __atomic_store_n(&lp_arrived[cpu], gen, __ATOMIC_RELEASE);
        while (__atomic_load_n(&lp_released, __ATOMIC_ACQUIRE) != gen)
            arch_cpu_relax();
        arch_livepatch_post_action();
        __atomic_store_n(&lp_resumed[cpu], gen, __ATOMIC_RELEASE);
    }
    arch_irq_restore(flags);
}

/* Have all online CPUs other than me stamped gen in stamps? */
static bool all_stamped(const uint32_t *stamps, uint32_t gen, unsigned int me)
{
    unsigned int cpu;

    for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
        if (cpu != me && arch_livepatch_cpu_online(cpu) &&
            __atomic_load_n(&stamps[cpu], __ATOMIC_ACQUIRE) != gen)
            return false;
    return true;
}

int livepatch_rendezvous(int (*fn)(void *), void *arg, uint64_t timeout_ns)
{
    unsigned int me = arch_cpu_id();
    unsigned long flags = arch_irq_save();
    uint64_t start = arch_time_ns();
    bool all;
    uint32_t gen;
    int rc;

    gen = __atomic_add_fetch(&lp_gen, 1, __ATOMIC_ACQ_REL);
    __atomic_store_n(&lp_arrived[me], gen, __ATOMIC_RELAXED);
    lp_first_stop = start;
    __atomic_store_n(&lp_armed, true, __ATOMIC_RELEASE);
    arch_livepatch_kick_cpus();
    while (!(all = all_stamped(lp_arrived, gen, me)) &&
           arch_time_ns() - start < timeout_ns)
        arch_cpu_relax();
    __atomic_store_n(&lp_armed, false, __ATOMIC_RELEASE);
    rc = all ? fn(arg) : -EBUSY;
    __atomic_store_n(&lp_released, gen, __ATOMIC_RELEASE);
    arch_livepatch_post_action();
    if (all) {
        /* Everyone arrived, so everyone resumes soon: wait, to time the window. */
        while (!all_stamped(lp_resumed, gen, me))
            arch_cpu_relax();
        lp_quiesce_ns = arch_time_ns() - lp_first_stop;
        lp_last_cpus = count_online();
    }
    arch_irq_restore(flags);
    return rc;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vCPU lifecycle and CPU pools, common to every architecture and every
 * policy (see <xen/sched.h> for the states, <xen/sched-if.h> for pools and
 * policies). An architecture only saves and restores registers and enters
 * the vCPU that schedule() names; it calls vcpu_block()/vcpu_wake() and
 * friends where its traps say so.
 *
 * Locking: each CPU's sched_cpu.lock covers the state of the vCPUs placed
 * on it and its queue; a vCPU never moves, so v->pcpu names its lock for
 * good. Placement and pools use sched_lock, and happen while the domains
 * are built, before their vCPUs run.
 */
#include <xen/arch.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/sched-if.h>
#include <xen/sched.h>
#include <xen/string.h>

struct sched_cpu sched_cpus[CONFIG_NR_CPUS];
static struct cpupool pools[CPUPOOL_MAX];
static spinlock_t sched_lock = SPINLOCK_INIT;
static uint32_t cpus_online;

static const struct scheduler *const schedulers[] = {&sched_null, &sched_rr};

const struct scheduler *scheduler_by_name(const char *name)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(schedulers); i++)
        if (!strcmp(schedulers[i]->name, name))
            return schedulers[i];
    return NULL;
}

static struct sched_cpu *cpu_of(const struct vcpu *v)
{
    return &sched_cpus[array_index_nospec(v->pcpu, CONFIG_NR_CPUS)];
}

static void set_pool(struct cpupool *p, uint32_t cpus)
{
    unsigned int c;

    for (c = 0; c < CONFIG_NR_CPUS; c++)
        if (cpus & (1u << c))
            sched_cpus[c].pool = p;
}

void sched_init(uint32_t online_cpus)
{
    unsigned int c;

    spin_lock_inline(&sched_lock);
    memset(pools, 0, sizeof(pools));
    /*
     * CPUs that came up may already be asking schedule() (and find nothing):
     * their locks stay as they are, the rest is reset under them.
     */
    for (c = 0; c < CONFIG_NR_CPUS; c++) {
        struct sched_cpu *sc = &sched_cpus[c];

        spin_lock_inline(&sc->lock);
        sc->pool = NULL;
        sc->curr = NULL;
        sc->nr_queued = 0;
        sc->slice_end_ns = 0;
        sc->resched = false;
        spin_unlock_inline(&sc->lock);
    }
    cpus_online = online_cpus & ((1u << CONFIG_NR_CPUS) - 1);
    pools[0] = (struct cpupool){.id = 0, .cpus = cpus_online, .sched = &sched_null,
                                .slice_ns = SCHED_RR_DEFAULT_SLICE_NS, .used = true};
    set_pool(&pools[0], cpus_online);
    spin_unlock_inline(&sched_lock);
}

void sched_reset(void)
{
    sched_init(cpus_online);
}

int cpupool_create(unsigned int id, uint32_t cpus, const char *sched, uint64_t slice_ns)
{
    const struct scheduler *s = scheduler_by_name(sched);
    struct cpupool *p;
    unsigned int i;
    int rc = 0;

    if (!s || id >= CPUPOOL_MAX || !cpus || (cpus & ~cpus_online))
        return -EINVAL;
    if (slice_ns && (!s->preempts || slice_ns < SCHED_SLICE_MIN_US * 1000ULL ||
                     slice_ns > SCHED_SLICE_MAX_US * 1000ULL))
        return -EINVAL;
    if (s->preempts && !arch_sched_can_share())
        return -EOPNOTSUPP;
    spin_lock_inline(&sched_lock);
    for (i = 0; i < CPUPOOL_MAX; i++)
        if (pools[i].configured && (pools[i].cpus & cpus || id == 0))
            rc = -EEXIST; /* a CPU taken, or pool 0 configured after another pool */
    p = &pools[array_index_nospec(id, CPUPOOL_MAX)];
    if (p->configured)
        rc = -EEXIST;
    if (!rc) {
        uint32_t left = id == 0 ? cpus_online & ~cpus : 0;

        pools[0].cpus &= ~cpus;
        *p = (struct cpupool){.id = id, .cpus = cpus, .sched = s, .used = true, .configured = true,
                              .slice_ns = slice_ns ? slice_ns : SCHED_RR_DEFAULT_SLICE_NS,
                              .slice_set = slice_ns != 0};
        set_pool(p, cpus);
        /* Configuring pool 0 leaves its other CPUs in no pool, for the next pools to take. */
        set_pool(NULL, left);
    }
    spin_unlock_inline(&sched_lock);
    return rc;
}

bool cpupool_exists(unsigned int id)
{
    return id < CPUPOOL_MAX && pools[array_index_nospec(id, CPUPOOL_MAX)].used;
}

/* Caller holds sched_lock; takes v's CPU's lock. */
static void unplace(struct vcpu *v)
{
    struct sched_cpu *sc = cpu_of(v);
    unsigned int i;

    spin_lock_inline(&sc->lock);
    for (i = 0; i < sc->nr_queued; i++) {
        if (sc->queue[i] != v)
            continue;
        for (; i + 1 < sc->nr_queued; i++)
            sc->queue[i] = sc->queue[i + 1];
        sc->nr_queued--;
        if (sc->curr == v)
            sc->curr = NULL;
        break;
    }
    spin_unlock_inline(&sc->lock);
}

int sched_domain_place(struct domain *d)
{
    struct cpupool *p;
    unsigned int i;
    int rc = 0;

    if (!cpupool_exists(d->cpupool))
        return -EINVAL;
    spin_lock_inline(&sched_lock);
    p = &pools[array_index_nospec(d->cpupool, CPUPOOL_MAX)];
    for (i = 0; i < d->nr_vcpus && !rc; i++) {
        struct vcpu *v = &d->vcpu[i];

        v->state = VCPU_OFFLINE;
        rc = p->sched->place(p, v);
        if (rc == -EBUSY && p->id == 0 && !p->configured && p->sched == &sched_null &&
            arch_sched_can_share()) {
            /* More vCPUs than CPUs and nobody said how to run them: share. */
            p->sched = &sched_rr;
            printk("cpupool 0: more vCPUs than its CPUs: sharing them round robin, %llu ms slices\n",
                   (unsigned long long)(p->slice_ns / 1000000));
            rc = p->sched->place(p, v);
        }
        if (!rc) {
            struct sched_cpu *sc = cpu_of(v);

            /* Its CPU may be deciding what to run right now. */
            spin_lock_inline(&sc->lock);
            sc->queue[sc->nr_queued++] = v;
            spin_unlock_inline(&sc->lock);
        }
    }
    if (rc)
        while (i-- > 0)
            unplace(&d->vcpu[i]); /* the failed one is in no queue: a no-op */
    spin_unlock_inline(&sched_lock);
    if (!rc && p->configured) {
        char cpus[8 * CONFIG_MAX_VCPUS], prio[24] = "";
        size_t n = 0;

        for (i = 0; i < d->nr_vcpus && n < sizeof(cpus); i++)
            n += (size_t)ksnprintf(cpus + n, sizeof(cpus) - n, " %u", d->vcpu[i].pcpu);
        if (d->sched_priority)
            ksnprintf(prio, sizeof(prio), ", priority %u", d->sched_priority);
        printk("d%u: cpupool %u (%s), vCPUs on CPUs%s%s\n", d->domain_id, p->id, p->sched->name,
               cpus, prio);
    }
    return rc;
}

void sched_domain_unplace(struct domain *d)
{
    unsigned int i;

    spin_lock_inline(&sched_lock);
    for (i = 0; i < d->nr_vcpus; i++)
        unplace(&d->vcpu[i]);
    spin_unlock_inline(&sched_lock);
}

/* Tell v's CPU to decide again, if it is not this one. */
static void kick(struct vcpu *v)
{
    if (v->pcpu != arch_cpu_id())
        arch_sched_kick(v->pcpu);
}

void sched_domain_kill(struct domain *d)
{
    unsigned int i;

    for (i = 0; i < d->nr_vcpus; i++) {
        struct vcpu *v = &d->vcpu[i];
        struct sched_cpu *sc = cpu_of(v);

        spin_lock_inline(&sc->lock);
        v->state = VCPU_DEAD;
        sc->resched = true;
        spin_unlock_inline(&sc->lock);
        kick(v);
    }
}

int vcpu_up(struct vcpu *v, void (*prepare)(struct vcpu *v, void *arg), void *arg)
{
    struct sched_cpu *sc = cpu_of(v);
    int rc = -EBUSY;

    spin_lock_inline(&sc->lock);
    if (v->state == VCPU_OFFLINE) {
        if (prepare)
            prepare(v, arg);
        v->state = VCPU_RUNNABLE;
        v->started = false;
        sc->resched = true;
        rc = 0;
    }
    spin_unlock_inline(&sc->lock);
    if (!rc)
        kick(v);
    return rc;
}

/* Caller holds the lock: v leaves its CPU at the next decision. */
static void set_state_locked(struct vcpu *v, int state)
{
    if (v->state == VCPU_DEAD)
        return;
    v->state = state;
    cpu_of(v)->resched = true;
}

bool vcpu_down(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct sched_cpu *sc = cpu_of(v);
    unsigned int i;

    spin_lock_inline(&sc->lock);
    set_state_locked(v, VCPU_OFFLINE);
    spin_unlock_inline(&sc->lock);
    /* Our store before their loads: two vCPUs going off cannot both miss the other. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (i = 0; i < d->nr_vcpus; i++) {
        int s = __atomic_load_n(&d->vcpu[i].state, __ATOMIC_SEQ_CST);

        if (s != VCPU_OFFLINE && s != VCPU_DEAD)
            return false;
    }
    return true;
}

void vcpu_block(struct vcpu *v)
{
    struct sched_cpu *sc = cpu_of(v);

    spin_lock_inline(&sc->lock);
    /* Checked under the lock vcpu_wake() takes: a wake-up cannot be lost. */
    if (v->state == VCPU_RUNNING && !arch_vcpu_irq_pending(v))
        set_state_locked(v, VCPU_BLOCKED);
    spin_unlock_inline(&sc->lock);
}

void vcpu_idle(struct vcpu *v)
{
    console_guest_idle(v);
    arch_vcpu_block(v);
}

void vcpu_wake(struct vcpu *v)
{
    struct sched_cpu *sc = cpu_of(v);
    bool tell = false;

    spin_lock_inline(&sc->lock);
    if (v->state == VCPU_BLOCKED) {
        v->state = VCPU_RUNNABLE;
        sc->resched = true;
        /*
         * An idle CPU must notice, and so must one that runs another vCPU
         * with no slice (it was alone): it would never get to v; so must
         * one running a vCPU of a lower priority, which v preempts. A busy
         * one with a slice gets to v at its end.
         */
        tell = !sc->curr || sc->curr == v || !sc->slice_end_ns ||
               v->domain->sched_priority > sc->curr->domain->sched_priority;
    }
    spin_unlock_inline(&sc->lock);
    if (tell)
        kick(v);
}

void vcpu_yield(struct vcpu *v)
{
    struct sched_cpu *sc = cpu_of(v);

    spin_lock_inline(&sc->lock);
    sc->resched = true;
    spin_unlock_inline(&sc->lock);
}

void vcpu_pause(struct vcpu *v)
{
    struct sched_cpu *sc = cpu_of(v);

    spin_lock_inline(&sc->lock);
    if (v->state != VCPU_DEAD && v->state != VCPU_PAUSED) {
        v->paused_from = v->state == VCPU_RUNNING ? VCPU_RUNNABLE : v->state;
        set_state_locked(v, VCPU_PAUSED);
    }
    spin_unlock_inline(&sc->lock);
    kick(v);
}

void vcpu_unpause(struct vcpu *v)
{
    struct sched_cpu *sc = cpu_of(v);

    spin_lock_inline(&sc->lock);
    if (v->state == VCPU_PAUSED)
        set_state_locked(v, v->paused_from);
    spin_unlock_inline(&sc->lock);
    kick(v);
}

/* Caller holds sc's lock: how many vCPUs here want the CPU. */
static unsigned int runnable_here(const struct sched_cpu *sc)
{
    unsigned int i, n = 0;

    for (i = 0; i < sc->nr_queued; i++)
        n += sc->queue[i]->state == VCPU_RUNNABLE || sc->queue[i]->state == VCPU_RUNNING;
    return n;
}

struct vcpu *schedule(unsigned int cpu, uint64_t now_ns, uint64_t *slice_ns)
{
    struct sched_cpu *sc = &sched_cpus[array_index_nospec(cpu, CONFIG_NR_CPUS)];
    struct vcpu *prev, *next;
    unsigned int i;

    spin_lock_inline(&sc->lock);
    prev = sc->curr;
    if (prev && prev->state == VCPU_RUNNING)
        prev->state = VCPU_RUNNABLE;
    /* A blocked vCPU whose interrupt came in a way nobody called vcpu_wake() for. */
    for (i = 0; i < sc->nr_queued; i++)
        if (sc->queue[i]->state == VCPU_BLOCKED && arch_vcpu_irq_pending(sc->queue[i]))
            sc->queue[i]->state = VCPU_RUNNABLE;
    next = sc->pool ? sc->pool->sched->pick(cpu, prev) : NULL;
    if (next) {
        next->state = VCPU_RUNNING;
        next->started = true;
    }
    sc->curr = next;
    sc->resched = false;
    *slice_ns = next && sc->pool->sched->preempts && runnable_here(sc) > 1 ? sc->pool->slice_ns : 0;
    sc->slice_end_ns = *slice_ns ? now_ns + *slice_ns : 0;
    spin_unlock_inline(&sc->lock);
    return next;
}

uint64_t sched_cpu_slice_set(unsigned int cpu)
{
    const struct cpupool *p = sched_cpus[array_index_nospec(cpu, CONFIG_NR_CPUS)].pool;

    return p && p->slice_set ? p->slice_ns : 0;
}

bool sched_cpu_shared(unsigned int cpu)
{
    return sched_cpus[array_index_nospec(cpu, CONFIG_NR_CPUS)].nr_queued > 1;
}

bool sched_work_pending(unsigned int cpu, uint64_t now_ns)
{
    const struct sched_cpu *sc = &sched_cpus[array_index_nospec(cpu, CONFIG_NR_CPUS)];
    const struct vcpu *v = sc->curr;

    return __atomic_load_n(&sc->resched, __ATOMIC_ACQUIRE) || !v || v->state != VCPU_RUNNING ||
           (sc->slice_end_ns && now_ns >= sc->slice_end_ns);
}

bool sched_vcpu_dedicated(const struct vcpu *v)
{
    const struct sched_cpu *sc = cpu_of(v);

    return sc->pool && !sc->pool->sched->preempts && sc->nr_queued == 1;
}

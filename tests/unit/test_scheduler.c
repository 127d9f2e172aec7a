/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The common scheduler (xen/common/sched/): CPU pools, placement by the
 * null and rr policies, the vCPU lifecycle and who runs when.
 */
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/sched-if.h>
#include <xen/sched.h>

#include "helpers.h"

#define MS 1000000ULL

static struct domain *doms[CONFIG_MAX_DOMAINS];
static unsigned int ndoms;

static int setup(void)
{
    domain_table_reset();
    fake_domain_create_rc = 0;
    return 0;
}

static void free_doms(void)
{
    while (ndoms)
        free(doms[--ndoms]->ram_hva);
    domain_table_reset();
    sched_init(0xff);
    memset(fake_irq_pending, 0, sizeof(fake_irq_pending));
    memset(fake_kicks, 0, sizeof(fake_kicks[0]) * CONFIG_NR_CPUS);
    fake_cpu = 0;
}

static struct domain *mkdom(unsigned int vcpus, unsigned int pool, int *err)
{
    struct domain_config c = {.name = "d", .mem_kib = 4, .nr_vcpus = vcpus, .cpupool = pool};
    struct domain *d = domain_create(&c, err);

    if (d)
        doms[ndoms++] = d;
    return d;
}

/* What cpu runs after a decision at time now (ns). */
static struct vcpu *run(unsigned int cpu, uint64_t now, uint64_t *slice)
{
    uint64_t dummy;

    return schedule(cpu, now, slice ? slice : &dummy);
}

static void test_null_places_one_per_cpu(void)
{
    struct domain *a, *b;
    int err;

    sched_init(0x3); /* two CPUs */
    a = mkdom(1, 0, &err);
    b = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(a->vcpu[0].pcpu, 0);
    CU_ASSERT_EQUAL(b->vcpu[0].pcpu, 1);
    /* vCPU 0 comes up with its domain, not yet started. */
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNABLE);
    CU_ASSERT_FALSE(a->vcpu[0].started);
    CU_ASSERT_EQUAL(vcpu_up(&a->vcpu[0], NULL, NULL), -XEN_EBUSY);
    CU_ASSERT_PTR_EQUAL(run(0, 0, NULL), &a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNING);
    CU_ASSERT_TRUE(a->vcpu[0].started);
    free_doms();
}

static void test_default_pool_shares_when_full(void)
{
    struct domain *a, *b, *c;
    uint64_t slice;
    int err;

    /* The case: 2 CPUs, guests of 1 and 2 vCPUs. */
    sched_init(0x3);
    fake_console_clear();
    a = mkdom(1, 0, &err);
    b = mkdom(2, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT(console_has("(XEN) cpupool 0: more vCPUs than its CPUs: sharing them round robin, 10 ms slices\n"));
    /* b's vCPUs go to different CPUs, one of them beside a's. */
    CU_ASSERT_NOT_EQUAL(b->vcpu[0].pcpu, b->vcpu[1].pcpu);
    /* A third 1-vCPU guest fits too. */
    c = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    vcpu_up(&a->vcpu[0], NULL, NULL);
    vcpu_up(&b->vcpu[0], NULL, NULL);
    vcpu_up(&b->vcpu[1], NULL, NULL);
    vcpu_up(&c->vcpu[0], NULL, NULL);
    /* Least loaded first: b0 on the empty CPU1, then b1 beside a, c beside b0. */
    CU_ASSERT_EQUAL(b->vcpu[0].pcpu, 1);
    CU_ASSERT_EQUAL(b->vcpu[1].pcpu, 0);
    CU_ASSERT_EQUAL(c->vcpu[0].pcpu, 1);
    /* CPU0 carries a and b1: they take turns, 10 ms each. */
    CU_ASSERT_PTR_EQUAL(run(0, 0, &slice), &a->vcpu[0]);
    CU_ASSERT_EQUAL(slice, 10 * MS);
    CU_ASSERT_FALSE(sched_work_pending(0, 5 * MS));
    CU_ASSERT_TRUE(sched_work_pending(0, 10 * MS));
    CU_ASSERT_PTR_EQUAL(run(0, 10 * MS, NULL), &b->vcpu[1]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNABLE);
    CU_ASSERT_PTR_EQUAL(run(0, 20 * MS, NULL), &a->vcpu[0]);
    free_doms();
}

static void test_configured_null_pool_refuses(void)
{
    struct domain *a, *b;
    int err = 0;

    sched_init(0x3);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "null", 0), 0);
    a = mkdom(1, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->vcpu[0].pcpu, 1);
    /* A configured null pool does not turn to sharing: the guest is refused. */
    b = mkdom(1, 1, &err);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_EQUAL(err, -XEN_EBUSY);
    /* Pool 0 kept only CPU0. */
    b = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(b->vcpu[0].pcpu, 0);
    free_doms();
}

static void test_pool_errors(void)
{
    int err = 0;

    sched_init(0x7);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "credit", 0), -XEN_EINVAL);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x10, "null", 0), -XEN_EINVAL); /* CPU4 is not online */
    CU_ASSERT_EQUAL(cpupool_create(1, 0, "null", 0), -XEN_EINVAL);
    CU_ASSERT_EQUAL(cpupool_create(CPUPOOL_MAX, 0x2, "null", 0), -XEN_EINVAL);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "null", 0), 0);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x4, "null", 0), -XEN_EEXIST);
    CU_ASSERT_EQUAL(cpupool_create(2, 0x2, "rr", 0), -XEN_EEXIST);
    CU_ASSERT_EQUAL(cpupool_create(2, 0x4, "rr", 3 * MS), 0);
    CU_ASSERT_TRUE(cpupool_exists(2));
    CU_ASSERT_FALSE(cpupool_exists(3));
    CU_ASSERT_PTR_NULL(mkdom(1, 3, &err));
    CU_ASSERT_EQUAL(err, -XEN_EINVAL);
    free_doms();
}

/* A guest in a null pool is never delayed by guests of another pool. */
static void test_null_pool_not_delayed_by_rr_pool(void)
{
    struct domain *rt, *x, *y;
    uint64_t slice;
    int err, i;

    sched_init(0x3);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x1, "null", 0), 0);
    CU_ASSERT_EQUAL(cpupool_create(2, 0x2, "rr", 2 * MS), 0);
    rt = mkdom(1, 1, &err);
    x = mkdom(1, 2, &err);
    y = mkdom(1, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rt);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    CU_ASSERT_EQUAL(x->vcpu[0].pcpu, 1);
    CU_ASSERT_EQUAL(y->vcpu[0].pcpu, 1);
    vcpu_up(&rt->vcpu[0], NULL, NULL);
    vcpu_up(&x->vcpu[0], NULL, NULL);
    vcpu_up(&y->vcpu[0], NULL, NULL);
    CU_ASSERT_PTR_EQUAL(run(0, 0, &slice), &rt->vcpu[0]);
    CU_ASSERT_EQUAL(slice, 0); /* never preempted */
    for (i = 0; i < 100; i++) {
        /* CPU1 switches every 2 ms; CPU0 has nothing to do with it. */
        CU_ASSERT_PTR_EQUAL(run(1, (uint64_t)i * 2 * MS, &slice), i % 2 ? &y->vcpu[0] : &x->vcpu[0]);
        CU_ASSERT_EQUAL(slice, 2 * MS);
        CU_ASSERT_FALSE(sched_work_pending(0, (uint64_t)i * 2 * MS));
    }
    CU_ASSERT_EQUAL(fake_kicks[0], 0);
    CU_ASSERT_EQUAL(rt->vcpu[0].state, VCPU_RUNNING);
    free_doms();
}

/* Only a vCPU alone on a CPU of a null pool has it for good (WFI may then be left untrapped). */
static void test_dedicated(void)
{
    struct domain *rt, *x, *y;
    int err;

    sched_init(0x3);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x1, "null", 0), 0);
    CU_ASSERT_EQUAL(cpupool_create(2, 0x2, "rr", 2 * MS), 0);
    rt = mkdom(1, 1, &err);
    x = mkdom(1, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rt);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_TRUE(sched_vcpu_dedicated(&rt->vcpu[0]));
    /* Alone on its CPU for now, but in a pool that shares: another may come. */
    CU_ASSERT_FALSE(sched_vcpu_dedicated(&x->vcpu[0]));
    y = mkdom(1, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    CU_ASSERT_FALSE(sched_vcpu_dedicated(&x->vcpu[0]));
    CU_ASSERT_FALSE(sched_vcpu_dedicated(&y->vcpu[0]));
    free_doms();

    /* Pool 0 turned to sharing (more vCPUs than CPUs): nobody has a CPU of its own. */
    sched_init(0x1);
    x = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_TRUE(sched_vcpu_dedicated(&x->vcpu[0]));
    y = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    CU_ASSERT_FALSE(sched_vcpu_dedicated(&x->vcpu[0]));
    CU_ASSERT_FALSE(sched_vcpu_dedicated(&y->vcpu[0]));
    free_doms();
}

static void test_block_and_wake(void)
{
    struct domain *a, *b;
    uint64_t slice;
    int err;

    sched_init(0x1); /* one CPU: a and b share it */
    a = mkdom(1, 0, &err);
    b = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    vcpu_up(&a->vcpu[0], NULL, NULL);
    vcpu_up(&b->vcpu[0], NULL, NULL);
    fake_cpu = 0;
    CU_ASSERT_PTR_EQUAL(run(0, 0, NULL), &a->vcpu[0]);
    /* a waits for an interrupt: b runs, alone, so with no slice. */
    vcpu_block(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_BLOCKED);
    CU_ASSERT_TRUE(sched_work_pending(0, 0));
    CU_ASSERT_PTR_EQUAL(run(0, 1, &slice), &b->vcpu[0]);
    CU_ASSERT_EQUAL(slice, 0);
    /* The interrupt comes: a is runnable again, b's turn is now sliced. */
    vcpu_wake(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNABLE);
    CU_ASSERT_PTR_EQUAL(run(0, 2, &slice), &a->vcpu[0]);
    CU_ASSERT_NOT_EQUAL(slice, 0);
    /* A block with an interrupt already pending does not block. */
    fake_irq_pending[a->domain_id][0] = true;
    vcpu_block(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNING);
    /* Nor does one whose interrupt arrived unannounced stay blocked. */
    fake_irq_pending[a->domain_id][0] = false;
    vcpu_block(&a->vcpu[0]);
    fake_irq_pending[a->domain_id][0] = true;
    vcpu_block(&b->vcpu[0]); /* not running: no effect */
    CU_ASSERT_EQUAL(b->vcpu[0].state, VCPU_RUNNABLE);
    CU_ASSERT_PTR_EQUAL(run(0, 3, NULL), &b->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 4, NULL), &a->vcpu[0]);
    free_doms();
}

static void test_wake_kicks_idle_cpu(void)
{
    struct domain *a;
    int err;

    sched_init(0x3);
    a = mkdom(2, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    fake_cpu = 0;
    /* vCPU1 comes online from vCPU0's CPU (PSCI CPU_ON): CPU1 is kicked. */
    CU_ASSERT_EQUAL(a->vcpu[1].state, VCPU_OFFLINE);
    CU_ASSERT_EQUAL(vcpu_up(&a->vcpu[1], NULL, NULL), 0);
    CU_ASSERT_EQUAL(fake_kicks[1], 1);
    fake_cpu = 1;
    CU_ASSERT_PTR_EQUAL(run(1, 0, NULL), &a->vcpu[1]);
    vcpu_block(&a->vcpu[1]);
    CU_ASSERT_PTR_NULL(run(1, 1, NULL)); /* idle */
    fake_cpu = 0;
    vcpu_wake(&a->vcpu[1]);
    CU_ASSERT_EQUAL(fake_kicks[1], 2);
    free_doms();
}

/*
 * A CPU running a vCPU alone runs it with no slice: it would never get back
 * to a vCPU of its own that wakes, so the wake kicks it too.
 */
static void test_wake_kicks_unsliced_cpu(void)
{
    struct domain *a, *b, *c;
    uint64_t slice;
    int err;

    sched_init(0x3);
    a = mkdom(1, 0, &err);
    b = mkdom(1, 0, &err);
    c = mkdom(1, 0, &err); /* three on two CPUs: pool 0 shares them */
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(a->vcpu[0].pcpu, 0);
    CU_ASSERT_EQUAL(b->vcpu[0].pcpu, 1);
    CU_ASSERT_EQUAL(c->vcpu[0].pcpu, 0);
    CU_ASSERT_TRUE(sched_cpu_shared(0));
    CU_ASSERT_FALSE(sched_cpu_shared(1));
    vcpu_up(&a->vcpu[0], NULL, NULL);
    vcpu_up(&c->vcpu[0], NULL, NULL);
    fake_cpu = 0;
    CU_ASSERT_PTR_EQUAL(run(0, 0, NULL), &a->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 1, NULL), &c->vcpu[0]);
    vcpu_block(&c->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 2, &slice), &a->vcpu[0]);
    CU_ASSERT_EQUAL(slice, 0);
    fake_cpu = 1;
    memset(fake_kicks, 0, sizeof(fake_kicks[0]) * CONFIG_NR_CPUS);
    vcpu_wake(&c->vcpu[0]);
    CU_ASSERT_EQUAL(fake_kicks[0], 1);
    CU_ASSERT_TRUE(sched_work_pending(0, 3));
    fake_cpu = 0;
    CU_ASSERT_PTR_EQUAL(run(0, 3, &slice), &c->vcpu[0]);
    CU_ASSERT_NOT_EQUAL(slice, 0);
    free_doms();
}

static void test_down_pause_kill(void)
{
    struct domain *a;
    int err;

    sched_init(0x1);
    a = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    vcpu_up(&a->vcpu[0], NULL, NULL);
    CU_ASSERT_PTR_EQUAL(run(0, 0, NULL), &a->vcpu[0]);
    vcpu_pause(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_PAUSED);
    CU_ASSERT_PTR_NULL(run(0, 1, NULL));
    vcpu_unpause(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNABLE);
    CU_ASSERT_PTR_EQUAL(run(0, 2, NULL), &a->vcpu[0]);
    vcpu_down(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_OFFLINE);
    CU_ASSERT_PTR_NULL(run(0, 3, NULL));
    CU_ASSERT_EQUAL(vcpu_up(&a->vcpu[0], NULL, NULL), 0);
    CU_ASSERT_FALSE(a->vcpu[0].started); /* ON_PENDING until it runs */
    sched_domain_kill(a);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_DEAD);
    CU_ASSERT_EQUAL(vcpu_up(&a->vcpu[0], NULL, NULL), -XEN_EBUSY);
    vcpu_unpause(&a->vcpu[0]);
    vcpu_wake(&a->vcpu[0]);
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_DEAD);
    CU_ASSERT_PTR_NULL(run(0, 4, NULL));
    free_doms();
}

static void set_marker(struct vcpu *v, void *arg)
{
    v->paused_from = *(int *)arg; /* any field the test can see */
}

static void test_up_prepare_and_last_down(void)
{
    struct domain *a;
    int err, mark = 77;

    sched_init(0x3);
    a = mkdom(2, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    /* vCPU 0 is up from creation; vCPU 1 comes up with its entry written first. */
    CU_ASSERT_EQUAL(a->vcpu[0].state, VCPU_RUNNABLE);
    CU_ASSERT_EQUAL(vcpu_up(&a->vcpu[1], set_marker, &mark), 0);
    CU_ASSERT_EQUAL(a->vcpu[1].paused_from, 77);
    mark = 5; /* a second CPU_ON loses and writes nothing */
    CU_ASSERT_EQUAL(vcpu_up(&a->vcpu[1], set_marker, &mark), -XEN_EBUSY);
    CU_ASSERT_EQUAL(a->vcpu[1].paused_from, 77);
    CU_ASSERT_PTR_EQUAL(run(0, 0, NULL), &a->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(1, 0, NULL), &a->vcpu[1]);
    CU_ASSERT_FALSE(vcpu_down(&a->vcpu[1]));
    CU_ASSERT_TRUE(vcpu_down(&a->vcpu[0])); /* the last one */
    free_doms();
}

static void test_no_sharing_without_context_switch(void)
{
    struct domain *a;
    int err = 0;

    sched_init(0x1);
    fake_can_share = false;
    CU_ASSERT_EQUAL(cpupool_create(1, 0x1, "rr", 0), -XEN_EOPNOTSUPP);
    CU_ASSERT_PTR_NOT_NULL(mkdom(1, 0, &err));
    a = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NULL(a);
    CU_ASSERT_EQUAL(err, -XEN_EBUSY);
    fake_can_share = true;
    free_doms();
}

static void test_configured_pool0(void)
{
    struct domain *a, *b;
    int err = 0;

    sched_init(0x7);
    /* Pool 0 is CPU0 only; CPUs 1 and 2 wait for a pool. */
    CU_ASSERT_EQUAL(cpupool_create(0, 0x1, "null", 0), 0);
    a = mkdom(1, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NULL(mkdom(1, 0, &err)); /* configured: no sharing, no other CPU */
    CU_ASSERT_EQUAL(err, -XEN_EBUSY);
    CU_ASSERT_EQUAL(cpupool_create(0, 0x2, "null", 0), -XEN_EEXIST);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x6, "null", 0), 0);
    b = mkdom(2, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(b->vcpu[0].pcpu, 1);
    CU_ASSERT_EQUAL(b->vcpu[1].pcpu, 2);
    /* Pool 0 cannot be configured once another pool is. */
    sched_init(0x7);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "null", 0), 0);
    CU_ASSERT_EQUAL(cpupool_create(0, 0x1, "null", 0), -XEN_EEXIST);
    free_doms();
}

static void test_failed_create_releases_cpus(void)
{
    struct domain *a;
    int err = 0;

    sched_init(0x1);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x1, "null", 0), 0);
    fake_domain_create_rc = -XEN_ENOMEM;
    CU_ASSERT_PTR_NULL(mkdom(1, 1, &err));
    CU_ASSERT_EQUAL(err, -XEN_ENOMEM);
    fake_domain_create_rc = 0;
    /* The CPU the failed domain had is free again. */
    a = mkdom(1, 1, &err);
    CU_ASSERT_PTR_NOT_NULL(a);
    free_doms();
}

/* A pool's slice: checked, handed to the CPU that runs, and told to archs that keep their own. */
static void test_pool_slice(void)
{
    struct domain *a, *b;
    uint64_t slice;
    int err;

    sched_init(0x7);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "null", 5 * MS), -XEN_EINVAL); /* null has no slices */
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "rr", (SCHED_SLICE_MIN_US - 1) * 1000ULL), -XEN_EINVAL);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "rr", (SCHED_SLICE_MAX_US + 1) * 1000ULL), -XEN_EINVAL);
    CU_ASSERT_EQUAL(cpupool_create(1, 0x2, "rr", 5 * MS), 0);
    CU_ASSERT_EQUAL(cpupool_create(2, 0x4, "rr", 0), 0);
    CU_ASSERT_EQUAL(sched_cpu_slice_set(1), 5 * MS);
    CU_ASSERT_EQUAL(sched_cpu_slice_set(2), 0); /* the default: the arch may keep its own */
    CU_ASSERT_EQUAL(sched_cpu_slice_set(0), 0);
    a = mkdom(1, 1, &err);
    b = mkdom(1, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    vcpu_up(&a->vcpu[0], NULL, NULL);
    vcpu_up(&b->vcpu[0], NULL, NULL);
    fake_cpu = 1;
    CU_ASSERT_PTR_EQUAL(run(1, 0, &slice), &a->vcpu[0]);
    CU_ASSERT_EQUAL(slice, 5 * MS);
    CU_ASSERT_FALSE(sched_work_pending(1, 5 * MS - 1));
    CU_ASSERT_TRUE(sched_work_pending(1, 5 * MS));
    CU_ASSERT_PTR_EQUAL(run(1, 5 * MS, &slice), &b->vcpu[0]);
    free_doms();
}

static struct domain *mkdom_prio(unsigned int pool, unsigned int prio, int *err)
{
    struct domain_config c = {.name = "d", .mem_kib = 4, .nr_vcpus = 1, .cpupool = pool,
                              .sched_priority = prio};
    struct domain *d = domain_create(&c, err);

    if (d)
        doms[ndoms++] = d;
    return d;
}

/* A runnable vCPU of a higher priority runs first; equals take turns; a wake preempts. */
static void test_priority(void)
{
    struct domain *lo, *lo2, *hi1, *hi2;
    uint64_t slice;
    int err = 0;

    sched_init(0x3);
    CU_ASSERT_EQUAL(cpupool_create(0, 0x1, "rr", 0), 0);
    CU_ASSERT_PTR_NULL(mkdom_prio(0, SCHED_PRIORITY_MAX + 1, &err));
    CU_ASSERT_EQUAL(err, -XEN_EINVAL);
    lo = mkdom_prio(0, 0, &err);
    lo2 = mkdom_prio(0, 0, &err);
    hi1 = mkdom_prio(0, 7, &err);
    hi2 = mkdom_prio(0, 7, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hi2);
    vcpu_up(&lo->vcpu[0], NULL, NULL);
    vcpu_up(&lo2->vcpu[0], NULL, NULL);
    vcpu_up(&hi1->vcpu[0], NULL, NULL);
    vcpu_up(&hi2->vcpu[0], NULL, NULL);
    fake_cpu = 0;
    /* lo and lo2 were placed first, yet wait while either of the others can run. */
    CU_ASSERT_PTR_EQUAL(run(0, 0, NULL), &hi1->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 1, NULL), &hi2->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 2, NULL), &hi1->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 3, NULL), &hi2->vcpu[0]);
    vcpu_block(&hi2->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 4, NULL), &hi1->vcpu[0]);
    vcpu_block(&hi1->vcpu[0]);
    CU_ASSERT_PTR_EQUAL(run(0, 5, &slice), &lo->vcpu[0]);
    CU_ASSERT_NOT_EQUAL(slice, 0); /* lo2 waits its turn */
    /*
     * A higher one waking takes the CPU at the next exit, not at the end of
     * lo's slice: the CPU is told at once.
     */
    fake_cpu = 1;
    memset(fake_kicks, 0, sizeof(fake_kicks[0]) * CONFIG_NR_CPUS);
    vcpu_wake(&hi2->vcpu[0]);
    CU_ASSERT_EQUAL(fake_kicks[0], 1);
    fake_cpu = 0;
    CU_ASSERT_TRUE(sched_work_pending(0, 6));
    CU_ASSERT_PTR_EQUAL(run(0, 6, &slice), &hi2->vcpu[0]);
    CU_ASSERT_NOT_EQUAL(slice, 0);
    CU_ASSERT_PTR_EQUAL(run(0, 6 + slice, NULL), &hi2->vcpu[0]); /* the low ones still wait */
    /* An equal waking does not cut the running one's slice short. */
    fake_cpu = 1;
    memset(fake_kicks, 0, sizeof(fake_kicks[0]) * CONFIG_NR_CPUS);
    vcpu_wake(&hi1->vcpu[0]);
    CU_ASSERT_EQUAL(fake_kicks[0], 0);
    free_doms();
}

int register_scheduler_tests(void)
{
    CU_pSuite s = CU_add_suite("scheduler", setup, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_null_places_one_per_cpu);
    ADD_TEST(s, test_default_pool_shares_when_full);
    ADD_TEST(s, test_configured_null_pool_refuses);
    ADD_TEST(s, test_pool_errors);
    ADD_TEST(s, test_null_pool_not_delayed_by_rr_pool);
    ADD_TEST(s, test_dedicated);
    ADD_TEST(s, test_block_and_wake);
    ADD_TEST(s, test_wake_kicks_idle_cpu);
    ADD_TEST(s, test_wake_kicks_unsliced_cpu);
    ADD_TEST(s, test_down_pause_kill);
    ADD_TEST(s, test_failed_create_releases_cpus);
    ADD_TEST(s, test_configured_pool0);
    ADD_TEST(s, test_up_prepare_and_last_down);
    ADD_TEST(s, test_no_sharing_without_context_switch);
    ADD_TEST(s, test_pool_slice);
    ADD_TEST(s, test_priority);
    return 0;
}

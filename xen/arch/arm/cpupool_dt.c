// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time CPU pools from the device tree, with Xen's binding
 * (docs/misc/arm/device-tree/cpupools.txt): nodes under /chosen with
 * compatible "xen,cpupool", "cpupool-cpus" (phandles of /cpus nodes,
 * not empty) and an optional "cpupool-sched" (a scheduler's name; Keel's
 * default is "null"). A domain joins one with "domain-cpupool" (a phandle).
 *
 * As Xen numbers them: the pool holding the boot CPU is Pool-0, the others
 * follow in the order of the tree, and CPUs no pool names go to one more
 * pool with the default scheduler (Pool-0 itself when the boot CPU is one
 * of them). A pool that cannot be made is refused with one line naming the
 * node and the property; a domain that names it is not created.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <libfdt.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched-if.h>
#include <xen/sched.h>
#include <xen/string.h>

#define NO_POOL (-1)

struct dt_pool {
    int node;          /* offset of the "xen,cpupool" node */
    uint32_t cpus;     /* logical CPUs it names */
    const char *sched;
    uint32_t slice_us; /* "keel,sched-slice-us", 0: the policy's default */
    int id;            /* its pool id once created, NO_POOL when refused */
};

static struct dt_pool dt_pools[CPUPOOL_MAX];
static unsigned int nr_dt_pools;

/* The logical number of the CPU node at phandle ph, or -1 with a message. */
static int cpu_of_phandle(const void *fdt, const char *pool, uint32_t ph)
{
    int node = fdt_node_offset_by_phandle(fdt, ph), ac, len;
    const uint32_t *reg;
    uint64_t mpidr;
    unsigned int c;

    if (node < 0 || fdt_stringlist_search(fdt, node, "device_type", "cpu") != 0) {
        printk_refuse_pool(pool, "\"cpupool-cpus\" entry %#x is not a CPU node", ph);
        return -1;
    }
    ac = dt_address_cells(fdt, fdt_parent_offset(fdt, node));
    reg = fdt_getprop(fdt, node, "reg", &len);
    if (ac < 1 || ac > 2 || !reg || len != ac * 4) {
        printk_refuse_pool(pool, "\"cpupool-cpus\": %s has no usable \"reg\"",
                           dt_node_name(fdt, node));
        return -1;
    }
    mpidr = dt_read_cells(reg, ac) & MPIDR_AFF_MASK;
    for (c = 0; c < bootinfo.nr_cpus; c++)
        if (bootinfo.cpu_mpidr[c] == mpidr && pcpu_is_online(c))
            return (int)c;
    printk_refuse_pool(pool, "\"cpupool-cpus\": %s (MPIDR %#llx) is not online",
                       dt_node_name(fdt, node), (unsigned long long)mpidr);
    return -1;
}

/* Read one pool node; false (and a message) when it cannot be made. */
static bool read_pool(const void *fdt, int node, uint32_t taken, struct dt_pool *p)
{
    const char *name = dt_node_name(fdt, node);
    const uint32_t *cells = NULL;
    int len = 0, i;

    p->node = node;
    p->cpus = 0;
    p->id = NO_POOL;
    p->sched = "null";
    p->slice_us = 0;
    if (!dom0less_cpupool_ok(fdt, node))
        return false;
    cells = fdt_getprop(fdt, node, "cpupool-cpus", &len);
    if (!cells || len <= 0 || len % 4) {
        printk_refuse_pool(name, "missing, empty or malformed \"cpupool-cpus\"");
        return false;
    }
    for (i = 0; i < len / 4; i++) {
        int c = cpu_of_phandle(fdt, name, fdt32_to_cpu(cells[i]));

        if (c < 0)
            return false;
        if ((taken | p->cpus) & (1u << c)) {
            printk_refuse_pool(name, "\"cpupool-cpus\": CPU%d is in another pool already", c);
            return false;
        }
        p->cpus |= 1u << c;
    }
    if (dt_prop(fdt, node, "cpupool-sched")) {
        p->sched = fdt_stringlist_get(fdt, node, "cpupool-sched", 0, NULL);
        if (!p->sched || fdt_stringlist_count(fdt, node, "cpupool-sched") != 1) {
            printk_refuse_pool(name, "\"cpupool-sched\" is not one string");
            return false;
        }
        if (!scheduler_by_name(p->sched)) {
            printk_refuse_pool(name,
                               "\"cpupool-sched\" = \"%s\" is not a scheduler Keel has (null, rr)",
                               p->sched);
            return false;
        }
    }
    cells = fdt_getprop(fdt, node, "keel,sched-slice-us", &len);
    if (cells) {
        p->slice_us = len == 4 ? fdt32_to_cpu(*cells) : 0;
        if (p->slice_us < SCHED_SLICE_MIN_US || p->slice_us > SCHED_SLICE_MAX_US) {
            printk_refuse_pool(name, "\"keel,sched-slice-us\" is not one cell of %u..%u",
                               SCHED_SLICE_MIN_US, SCHED_SLICE_MAX_US);
            return false;
        }
        if (!scheduler_by_name(p->sched)->preempts) {
            printk_refuse_pool(name, "\"keel,sched-slice-us\" with \"%s\", which has no slices",
                               p->sched);
            return false;
        }
    }
    return true;
}

static bool create(const void *fdt, struct dt_pool *p, int id)
{
    int rc = cpupool_create((unsigned int)id, p->cpus, p->sched, p->slice_us * 1000ULL);

    if (rc == -EOPNOTSUPP) {
        printk_refuse_pool(dt_node_name(fdt, p->node),
                           "\"cpupool-sched\" = \"%s\" shares CPUs, which this arch cannot do yet",
                           p->sched);
        return false;
    }
    if (rc) {
        printk("chosen: %s: pool not created (error %d)\n", dt_node_name(fdt, p->node), rc);
        return false;
    }
    p->id = id;
    if (p->slice_us)
        printk("cpupool %d (%s): CPUs %#x, %s, %u us slices\n", id, dt_node_name(fdt, p->node),
               p->cpus, p->sched, p->slice_us);
    else
        printk("cpupool %d (%s): CPUs %#x, %s\n", id, dt_node_name(fdt, p->node), p->cpus,
               p->sched);
    return true;
}

void dt_cpupools_create(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), node, next_id = 1;
    uint32_t taken = 0, left;
    unsigned int i;
    int boot = -1;

    nr_dt_pools = 0;
    if (chosen < 0)
        return;
    fdt_for_each_subnode(node, fdt, chosen) {
        struct dt_pool *p = &dt_pools[nr_dt_pools];

        if (fdt_node_check_compatible(fdt, node, "xen,cpupool"))
            continue;
        if (nr_dt_pools == CPUPOOL_MAX - 1) { /* one id stays for the CPUs left over */
            printk_refuse_pool(dt_node_name(fdt, node), "more than %u CPU pools", CPUPOOL_MAX - 1);
            continue;
        }
        nr_dt_pools++;
        if (!read_pool(fdt, node, taken, p)) {
            p->cpus = 0; /* refused: nothing of it is made */
            continue;
        }
        taken |= p->cpus;
        if (p->cpus & 1u)
            boot = (int)(p - dt_pools);
    }
    if (!nr_dt_pools)
        return;
    /* Pool-0 first: the boot CPU's pool, configured, if one names it. */
    if (boot >= 0 && !create(fdt, &dt_pools[boot], 0))
        taken &= ~dt_pools[boot].cpus;
    for (i = 0; i < nr_dt_pools; i++)
        if ((int)i != boot && dt_pools[i].cpus && !create(fdt, &dt_pools[i], next_id++))
            taken &= ~dt_pools[i].cpus;
    left = online_cpu_mask() & ~taken;
    if (boot >= 0 && dt_pools[boot].id == 0 && left) {
        /* The CPUs no pool named: one more pool, as Xen makes. */
        if (cpupool_create((unsigned int)next_id, left, "null", 0) == 0)
            printk("cpupool %d: the CPUs no pool names, %#x, null\n", next_id, left);
    }
}

bool dt_domain_cpupool(const void *fdt, int dom, unsigned int *id)
{
    const char *name = dt_node_name(fdt, dom);
    const uint32_t *ph;
    unsigned int i;
    int len, node;

    *id = 0;
    ph = fdt_getprop(fdt, dom, "domain-cpupool", &len);
    if (!ph)
        return true;
    node = len == 4 ? fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph)) : -1;
    for (i = 0; node >= 0 && i < nr_dt_pools; i++) {
        if (dt_pools[i].node != node)
            continue;
        if (dt_pools[i].id == NO_POOL)
            break;
        *id = (unsigned int)dt_pools[i].id;
        return true;
    }
    printk_refuse_guest(name, "\"domain-cpupool\" does not name a created \"xen,cpupool\" node");
    return false;
}

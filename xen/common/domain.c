/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The domain table of a static partitioner: a fixed array of slots, filled
 * at boot from the device tree or the multiboot modules, emptied only by
 * shutdown. When the last domain ends the machine powers off.
 */
#include <public/sched.h>
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/string.h>

static struct domain domains[CONFIG_MAX_DOMAINS];
static spinlock_t domain_lock = SPINLOCK_INIT;

/* Arrays, not pointers: nothing for the boot-time relocation to fix up. */
static const char shutdown_names[][16] = {
    [SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend",   [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog",
};

static struct domain *claim_slot(void)
{
    struct domain *d = NULL;
    unsigned int i;

    spin_lock(&domain_lock);
    for (i = 0; i < CONFIG_MAX_DOMAINS; i++) {
        if (domains[i].state == DOMAIN_FREE) {
            d = &domains[i];
            memset(d, 0, sizeof(*d));
            d->state = DOMAIN_CREATING;
            break;
        }
    }
    spin_unlock(&domain_lock);
    return d;
}

static void release_slot(struct domain *d)
{
    spin_lock(&domain_lock);
    memset(d, 0, sizeof(*d));
    spin_unlock(&domain_lock);
}

struct domain *domain_create(const struct domain_config *cfg, int *err)
{
    struct domain *d;
    unsigned int i;
    int rc;

    if (!cfg->name || cfg->nr_vcpus == 0 || cfg->nr_vcpus > CONFIG_MAX_VCPUS ||
        cfg->sched_priority > SCHED_PRIORITY_MAX ||
        cfg->mem_kib == 0 || cfg->mem_kib > (UINT64_MAX >> 10)) {
        *err = -EINVAL;
        return NULL;
    }
    d = claim_slot();
    if (!d) {
        *err = -ENOMEM;
        return NULL;
    }

    d->domain_id = (domid_t)(d - domains + 1);
    d->is_control = cfg->is_control;
    strlcpy(d->name, cfg->name, sizeof(d->name));
    if (cfg->handle)
        memcpy(d->handle, cfg->handle, sizeof(d->handle));
    d->nr_vcpus = cfg->nr_vcpus;
    for (i = 0; i < d->nr_vcpus; i++) {
        d->vcpu[i].vcpu_id = i;
        d->vcpu[i].domain = d;
    }

    d->cpupool = cfg->cpupool;
    d->sched_priority = cfg->sched_priority;
    console_domain_init(d);
    rc = sched_domain_place(d);
    if (!rc) {
        rc = arch_domain_create(d, cfg);
        if (rc)
            sched_domain_unplace(d);
    }
    if (rc) {
        release_slot(d);
        *err = rc;
        return NULL;
    }

    spin_lock(&domain_lock);
    d->state = DOMAIN_RUNNING;
    spin_unlock(&domain_lock);
    /* vCPU 0 starts now; the others when the guest brings them up (PSCI CPU_ON). */
    vcpu_up(&d->vcpu[0], NULL, NULL);
    printk("d%u (%s): %u vCPU%s, %llu KiB RAM%s\n", d->domain_id, d->name, d->nr_vcpus,
           d->nr_vcpus == 1 ? "" : "s", (unsigned long long)cfg->mem_kib,
           d->is_control ? ", control domain" : "");
    *err = 0;
    return d;
}

struct domain *domain_by_id(domid_t id)
{
    struct domain *d;

    if (id == 0 || id > CONFIG_MAX_DOMAINS)
        return NULL;
    d = &domains[array_index_nospec(id - 1U, CONFIG_MAX_DOMAINS)];
    return (d->state == DOMAIN_RUNNING || d->state == DOMAIN_SHUTDOWN) ? d : NULL;
}

static unsigned int count_running_locked(void)
{
    unsigned int i, n = 0;

    for (i = 0; i < CONFIG_MAX_DOMAINS; i++)
        n += domains[i].state == DOMAIN_RUNNING;
    return n;
}

unsigned int domain_count_running(void)
{
    unsigned int n;

    spin_lock(&domain_lock);
    n = count_running_locked();
    spin_unlock(&domain_lock);
    return n;
}

/* One line naming every domain and how it ended, for logs and test runners. */
static void print_summary(void)
{
    char line[200];
    size_t len = 0;
    unsigned int i, crashed = 0, total = 0;

    for (i = 0; i < CONFIG_MAX_DOMAINS; i++) {
        const struct domain *d = &domains[i];

        if (d->state != DOMAIN_SHUTDOWN)
            continue;
        total++;
        crashed += d->shutdown_reason == SHUTDOWN_crash;
        if (len < sizeof(line))
            len += (size_t)ksnprintf(line + len, sizeof(line) - len, " d%u:%s", d->domain_id,
                                     shutdown_names[d->shutdown_reason]);
    }
    line[MIN(len, sizeof(line) - 1)] = '\0';
    printk("all domains have ended (%u, %u crashed):%s; powering off\n", total, crashed, line);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    unsigned int left;

    if (reason > SHUTDOWN_MAX)
        reason = SHUTDOWN_crash;
    spin_lock(&domain_lock);
    if (d->state != DOMAIN_RUNNING) {
        spin_unlock(&domain_lock);
        return;
    }
    d->state = DOMAIN_SHUTDOWN;
    d->shutdown_reason = (uint8_t)reason;
    left = count_running_locked();
    spin_unlock(&domain_lock);

    console_guest_flush(d);
    printk("d%u (%s) shut down: %s\n", d->domain_id, d->name, shutdown_names[reason]);
    if (left == 0) {
        print_summary();
        arch_system_off();
    }
    arch_domain_shutdown(d);
}

void domain_crash(struct domain *d, const char *why)
{
    printk("d%u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
}

void domain_table_reset(void)
{
    spin_lock(&domain_lock);
    memset(domains, 0, sizeof(domains));
    spin_unlock(&domain_lock);
    sched_reset();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI 1.1 (Arm DEN 0022D) and SMCCC 1.1 (Arm DEN 0028B) for guests, through
 * "hvc #0": the guest's vCPUs are started and stopped on the physical CPUs
 * they are pinned to; CPU_SUSPEND waits like WFI (a power-down request may
 * be treated as standby, DEN 0022D 5.4.2); SYSTEM_OFF and SYSTEM_RESET end
 * the domain. The ARCH_WORKAROUND_* calls, TRNG and vendor services are not
 * offered: they and every unknown function return NOT_SUPPORTED.
 */
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <public/sched.h>
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/nospec.h>

/* The guest-chosen MPIDR is an index into d->vcpu: bounded without a speculable branch. */
static struct vcpu *vcpu_by_mpidr(struct domain *d, uint64_t mpidr)
{
    uint64_t id = mpidr & MPIDR_AFF_MASK;

    if (id >= d->nr_vcpus)
        return NULL;
    return &d->vcpu[array_index_nospec(id, d->nr_vcpus)];
}

struct cpu_on_entry {
    uint64_t pc, x0;
};

/* Under v's scheduler lock, v still OFFLINE (see vcpu_up()). */
static void set_entry(struct vcpu *v, void *arg)
{
    const struct cpu_on_entry *e = arg;

    v->arch.start_pc = e->pc;
    v->arch.start_x0 = e->x0;
}

/* Accepted but not yet entered by its CPU: PSCI's ON_PENDING. */
static bool on_pending(const struct vcpu *v)
{
    return v->state == VCPU_RUNNABLE && !v->started;
}

/*
 * The common vcpu_up() writes the entry point only once it knows the vCPU
 * is OFFLINE, under the lock its CPU takes to run it: a second CPU_ON that
 * loses never touches the entry point of the one that won.
 */
static int64_t vpsci_cpu_on(struct vcpu *self, uint64_t mpidr, uint64_t pc, uint64_t ctx)
{
    struct vcpu *v = vcpu_by_mpidr(self->domain, mpidr);
    struct cpu_on_entry e = {pc, ctx};

    if (!v)
        return PSCI_INVALID_PARAMETERS;
    if (vcpu_up(v, set_entry, &e))
        return on_pending(v) ? PSCI_ON_PENDING : PSCI_ALREADY_ON;
    if (v->pcpu == self->pcpu)
        sched_poke(); /* a sibling on this CPU: vcpu_up() kicks only other CPUs */
    return PSCI_SUCCESS;
}

/*
 * CPU_OFF: this vCPU stops. When no vCPU of the domain is running or about
 * to be started any more, nothing could ever start one again: the domain is
 * powered off, as Xen does when a guest's last vCPU goes down (vcpu_down()
 * says when that is, even for two vCPUs turning off at once).
 */
static void __attribute__((noreturn)) vpsci_cpu_off(struct vcpu *self)
{
    struct domain *d = self->domain;

    if (vcpu_down(self)) {
        printk("d%u: PSCI CPU_OFF of its last running vCPU: powering off\n", d->domain_id);
        domain_shutdown(d, SHUTDOWN_poweroff);
    }
    /*
     * Leave here, not by the exit path: another vCPU's CPU_ON may already
     * have made this one RUNNABLE again, and what is in its registers now
     * is not what it resumes with but a fresh start (its CPU's idle loop).
     */
    vcpu_stop_current();
}

static int64_t vpsci_affinity_info(struct vcpu *self, uint64_t mpidr, uint64_t level)
{
    struct vcpu *v = vcpu_by_mpidr(self->domain, mpidr);

    if (!v || level)
        return PSCI_INVALID_PARAMETERS;
    switch (v->state) {
    case VCPU_OFFLINE:
    case VCPU_DEAD:
        return PSCI_AFF_OFF;
    default:
        return on_pending(v) ? PSCI_AFF_ON_PENDING : PSCI_AFF_ON;
    }
}

static bool vpsci_implemented(uint64_t fn)
{
    switch (fn) {
    case PSCI_VERSION:
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES:
    case SMCCC_VERSION:
        return true;
    default:
        return false;
    }
}

/* SMCCC_ARCH_FEATURES: only the calling convention's own calls. */
static int64_t smccc_arch_features(uint64_t fn)
{
    switch (fn) {
    case SMCCC_VERSION:
    case SMCCC_ARCH_FEATURES:
        return PSCI_SUCCESS;
    default:
        /* ARCH_WORKAROUND_1/2/3 included: the guest must not count on them. */
        return PSCI_NOT_SUPPORTED;
    }
}

void vpsci_handle(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    uint64_t fn = regs->x[0] & 0xffffffffUL;
    int64_t ret;

    switch (fn) {
    case PSCI_VERSION:
        ret = 0x10001; /* 1.1 */
        break;
    case SMCCC_VERSION:
        ret = 0x10001; /* 1.1 */
        break;
    case SMCCC_ARCH_FEATURES:
        ret = smccc_arch_features(regs->x[1] & 0xffffffffUL);
        break;
    case PSCI_FEATURES:
        /* For CPU_SUSPEND: flags 0, the original power_state format without OS-initiated mode. */
        ret = vpsci_implemented(regs->x[1] & 0xffffffffUL) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
        break;
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
        vcpu_idle(v);
        ret = PSCI_SUCCESS;
        break;
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
        ret = vpsci_cpu_on(v, regs->x[1], regs->x[2], regs->x[3]);
        break;
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
        ret = vpsci_affinity_info(v, regs->x[1], regs->x[2]);
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        ret = PSCI_TOS_NOT_PRESENT;
        break;
    case PSCI_CPU_OFF:
        vpsci_cpu_off(v); /* does not return: the CPU goes to its idle loop */
    case PSCI_SYSTEM_OFF:
        domain_shutdown(v->domain, SHUTDOWN_poweroff);
        return;
    case PSCI_SYSTEM_RESET:
        domain_shutdown(v->domain, SHUTDOWN_reboot);
        return;
    default:
        ret = PSCI_NOT_SUPPORTED;
        break;
    }
    regs->x[0] = (uint64_t)ret;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot CPU's run loop: enter a vCPU, handle its exit, and move on to
 * the next runnable vCPU (round robin over every domain) when it yields,
 * halts, or its preemption timer slice ends. With one physical CPU the
 * domains share it; each keeps its own VMCS, so a switch is one VMPTRLD.
 */
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>
#include <asm/setup.h>

static bool resched;

void sched_yield_request(void)
{
    resched = true;
}

void vcpu_park(struct vcpu *v)
{
    v->arch.run_state = VCPU_PARKED;
    resched = true;
}

void arch_vcpu_yield(struct vcpu *v)
{
    resched = true;
}

/* No event channels yet: a blocked vCPU wakes at its next turn, as a spurious wakeup. */
void arch_vcpu_block(struct vcpu *v)
{
    resched = true;
}

static bool runnable(const struct vcpu *v)
{
    return v->domain->state == DOMAIN_RUNNING && v->arch.run_state == VCPU_RUNNABLE;
}

/* The runnable vCPU after prev in (domain id, vcpu id) order, wrapping; prev last. */
static struct vcpu *pick_next(const struct vcpu *prev)
{
    unsigned int start = prev ? (prev->domain->domain_id - 1U) * CONFIG_MAX_VCPUS + prev->vcpu_id + 1
                              : 0;
    unsigned int total = CONFIG_MAX_DOMAINS * CONFIG_MAX_VCPUS, i;

    for (i = 0; i < total; i++) {
        unsigned int slot = (start + i) % total;
        struct domain *d = domain_by_id((domid_t)(slot / CONFIG_MAX_VCPUS + 1));
        unsigned int vid = slot % CONFIG_MAX_VCPUS;

        if (d && vid < d->nr_vcpus && runnable(&d->vcpu[vid]))
            return &d->vcpu[vid];
    }
    return NULL;
}

void schedule_loop(void)
{
    struct vcpu *v = NULL;

    for (;;) {
        if (!v || resched || !runnable(v)) {
            struct vcpu *next = pick_next(v ? v : current);

            resched = false;
            if (!next) {
                printk("no runnable vCPU left (%u domain%s still running): halting\n",
                       domain_count_running(), domain_count_running() == 1 ? "" : "s");
                uart_drain();
                halt_forever();
            }
            if (next != v) {
                vmx_vcpu_load(next);
                set_current(next);
                /* A fresh slice for whoever comes on. */
                if (vmx_caps.pin & PIN_PREEMPTION_TIMER)
                    vmwrite(VMX_PREEMPTION_TIMER_VALUE,
                            VMX_SLICE_CYCLES >> vmx_caps.preempt_shift);
            }
            v = next;
        }
        if (vmx_enter(&v->arch.regs, v->arch.launched)) {
            vmx_entry_failed(v);
            continue;
        }
        v->arch.launched = true;
        vmx_handle_exit(v);
    }
}

/* Abandon the current stack (a vCPU that will never run again) and schedule. */
void reset_stack_and_schedule(void)
{
    __asm__ volatile("mov %0, %%rsp; jmp schedule_loop" : : "r"(boot_stack_top) : "memory");
    __builtin_unreachable();
}

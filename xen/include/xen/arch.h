/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hooks common code calls into the architecture. Each is declared here
 * once, documented once, and defined by every backend (xen/arch/<arch>/) and
 * by the host unit tests' fake arch (tests/unit/fake/). Common code never
 * tests which architecture it is built for.
 */
#ifndef XEN_ARCH_H
#define XEN_ARCH_H

#include <xen/types.h>

struct domain;
struct vcpu;
struct domain_config;

/*
 * Translate a guest virtual address through v's current stage-1 translation
 * (or take it as guest-physical while v runs with its MMU/paging off).
 * write: the access will store. Returns 0 and *gpa, or -EFAULT when the
 * address does not translate or does not permit the access. Must never fault.
 */
int arch_gva_to_gpa(struct vcpu *v, gvaddr_t gva, bool write, gpaddr_t *gpa);

/*
 * Cache maintenance around the hypervisor's accesses to guest RAM, through
 * its own cacheable mapping: called after it wrote [p, p + len) of v's
 * domain's RAM and before it reads such a range. A guest that runs with its
 * data caches off (AArch64: stage 1 or SCTLR_EL1.C off, as bare-metal
 * guests and early boot code do) reads and writes memory directly, so the
 * range must be cleaned / invalidated to the point of coherency. Coherent
 * architectures (x86) do nothing.
 */
void arch_guest_ram_written(struct vcpu *v, void *p, size_t len);
void arch_guest_ram_to_read(struct vcpu *v, const void *p, size_t len);

/* Write bytes to the hypervisor's console device (no formatting). */
void arch_console_write(const char *s, size_t len);

/*
 * Console input arrived for d (it is in d's input buffer): let d's emulated
 * UART raise its receive interrupt. Called from the receive interrupt path
 * with console locks held: must not print or take the console lock.
 */
void arch_console_input(struct domain *d);

/*
 * The input focus moved to d (NULL: nobody takes input). An arch whose
 * UART interrupt only reaches a CPU running a guest steers it to d's CPU.
 * Same restrictions as arch_console_input().
 */
void arch_console_focus(struct domain *d);

/*
 * Nanoseconds since an arbitrary point, monotonic, from a counter that
 * runs at a constant rate (AArch64 CNTPCT_EL0, x86 the invariant TSC).
 * Cheap enough to call on a guest's console path; never faults.
 */
uint64_t arch_time_ns(void);

/*
 * The hypercall v is in is to be issued again (a continuation): make the
 * guest execute its hypercall instruction again on return, with number nr
 * and the arguments args[0..4] in the argument registers. Returns the value
 * the common dispatcher hands back as the hypercall's "result": whatever
 * the arch's result register must hold so that the re-executed instruction
 * sees nr and args (AArch64: x0 is also the first argument, so args[0];
 * x86: rax holds the number, so nr). The guest takes any pending interrupt
 * before it re-executes, which is the point.
 */
unsigned long arch_hypercall_restart(struct vcpu *v, unsigned long nr, const unsigned long *args);

/* Give v's physical CPU away until v's next turn (SCHEDOP_yield). */
void arch_vcpu_yield(struct vcpu *v);

/*
 * Whether this architecture can switch a CPU between vCPUs (save and
 * restore one's state, run another). Without it only the null policy runs:
 * pool 0 refuses a domain that does not fit instead of sharing CPUs, and a
 * pool with a preempting policy is refused with -EOPNOTSUPP.
 */
bool arch_sched_can_share(void);

/* The number of the CPU this runs on (0 .. CONFIG_NR_CPUS - 1). */
unsigned int arch_cpu_id(void);

/*
 * Make cpu call schedule() soon: an IPI (SGI) that takes it out of its
 * guest or its idle wait. Never waits for it. cpu is not this CPU.
 */
void arch_sched_kick(unsigned int cpu);

/*
 * Whether v has an interrupt pending that ends a wait for one (WFI, HLT,
 * SCHEDOP_block): checked under v's scheduler lock by vcpu_block(), and for
 * blocked vCPUs whenever their CPU decides what to run. Must not block.
 */
bool arch_vcpu_irq_pending(struct vcpu *v);

/* Sleep until an interrupt is pending for v (SCHEDOP_block, WFI). */
void arch_vcpu_block(struct vcpu *v);

/*
 * Set up the arch part of d from cfg: allocate and map its RAM (setting
 * d->ram_gpa, ram_size, ram_hva), its vCPUs and devices. 0 or -errno; on
 * error everything it allocated is released.
 */
int arch_domain_create(struct domain *d, const struct domain_config *cfg);

/* Stop every vCPU of d for good; its resources may be reclaimed. */
void arch_domain_shutdown(struct domain *d);

/* Power the machine off: the last domain has ended. Does not return. */
void arch_system_off(void) __attribute__((noreturn));

/* XENFEAT_* bits of submap 0 that only this architecture sets. */
uint32_t arch_feature_bits(const struct domain *d);

/* Guest types this hypervisor runs, space separated (XENVER_capabilities). */
const char *arch_capabilities(void);

#endif /* XEN_ARCH_H */

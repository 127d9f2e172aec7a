/* SPDX-License-Identifier: GPL-2.0-only */
/* Running vCPUs on their physical CPUs (domain.c, traps.c, vpsci.c, vgic.c). */
#ifndef ASM_ARM_VCPU_H
#define ASM_ARM_VCPU_H

#include <asm/mmio.h>
#include <asm/setup.h>
#include <xen/sched.h>

bool pcpu_is_online(unsigned int cpu);
/* Bit n set: CPU n came up (for sched_init()). */
uint32_t online_cpu_mask(void);

/* domain.c: the EL2 set-up of v's first entry (or after CPU_ON), its context loaded. */
void vcpu_enter_fresh(struct vcpu *v);

/*
 * context_switch.c: vCPUs taking turns on a CPU.
 * vcpu_run: enter v on this CPU (its saved state, or a fresh start), with
 * slice_ns to run before the scheduler is asked again (0: no limit).
 * exit_to_guest: the end of every slow exit: v goes back in or the CPU
 * switches. ctxt_drop: the current vCPU stopped, its state is forgotten.
 * ctxt_irq_pending: v's virtual timer condition is met (in the CPU, or saved).
 * vcpu_is_loaded: v's state is in this CPU's registers (else in v->arch.ctxt).
 * sched_timer_irq: the EL2 timer's interrupt. idle_wait: the idle loop's wait.
 * sched_poke: this CPU's next slow exit asks the scheduler (something for it
 * changed here without a kick: kicks from other CPUs poke on arrival).
 */
void sched_poke(void);
void vcpu_run(struct vcpu *v, uint64_t slice_ns) __attribute__((noreturn));
void exit_to_guest_slow(struct cpu_user_regs *regs);
extern volatile bool sched_poked[CONFIG_NR_CPUS];
void ctxt_drop(struct vcpu *v);
bool ctxt_irq_pending(const struct vcpu *v);
bool vcpu_is_loaded(const struct vcpu *v);
void sched_timer_irq(void);
void idle_wait(unsigned int cpu);
extern uint8_t cpu_stacks[CONFIG_NR_CPUS][STACK_SIZE];

/* HCR_EL2 while v runs (domain.c): WFI/WFE trapped only on a shared CPU. */
uint64_t vcpu_hcr(const struct vcpu *v);

/* The current vCPU has stopped (its domain ended, or CPU_OFF): go idle. */
void vcpu_stop_current(void) __attribute__((noreturn));

/* Wake v's physical CPU (after a CPU_ON or to stop it). */
void vcpu_kick(struct vcpu *v);

/* traps.c: inject an undefined-instruction exception at regs->elr - 4. */
void inject_undef(struct cpu_user_regs *regs);

/* vpsci.c: an "hvc #0" (SMCCC) call from the guest. */
void vpsci_handle(struct cpu_user_regs *regs);

/* vpl011.c: an access to the vPL011 page (an mmio_handler_t). */
bool vpl011_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val);
void vpl011_init(struct domain *d);

/* vsysreg.c: a trapped MSR/MRS other than ICC_SGI1R_EL1; false when not emulated. */
bool vsysreg_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t iss);
/* EL2 trap controls for a guest vCPU: MDCR_EL2 and CPTR_EL2. */
void vsysreg_vcpu_traps(void);

/* Trapped accesses a domain makes that are worth one log line each, once. */
#define SYSREG_NOTE_SETWAY 1u
#define SYSREG_NOTE_ACTLR 2u
void vsysreg_note_once(struct vcpu *v, unsigned int note, const char *what);

/*
 * vsetway.c: a DC ISW/CSW/CISW (HCR_EL2.TSW) or, after one, a write of an
 * EL1 virtual memory control register (HCR_EL2.TVM). false: not one of these.
 */
bool vsetway_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t iss);

/* gic.c: the physical GIC's EL2 side for the running vCPU */
#define SGI_KICK 1 /* wakes a CPU to look at its vCPU's state */
void gic_vcpu_stop(void);
unsigned int gic_nr_lrs(void);
extern uint32_t gic_lrs_all;
/* An empty list register (ICH_ELRSR_EL2) for vINTID irq; -1: none, or one holds irq already. */
int gic_lr_free_for(unsigned int irq);
void gic_route_spi(unsigned int irq);
void gic_route_spi_to(unsigned int irq, uint64_t mpidr);
/* SPIs of guests' devices on the physical distributor (GICv3 12.9). */
unsigned int gic_nr_lines(void);
void gic_spi_enable(unsigned int irq, bool on);
void gic_spi_pend(unsigned int irq, bool on);
void gic_spi_deactivate(unsigned int irq);
void gic_spi_set_prio(unsigned int irq, uint8_t prio);
/* What the distributor says of irq: bit 0 enabled, 1 pending, 2 active. */
unsigned int gic_spi_state(unsigned int irq);
/* Returns the configuration the hardware kept (true: edge). */
bool gic_spi_set_edge(unsigned int irq, bool edge);
void gic_spi_assign(unsigned int irq, bool edge, uint64_t mpidr);
/* A PPI's physical active state on this CPU (GICR_I[SC]ACTIVER0, GICv3 12.10). */
bool gic_ppi_active(unsigned int irq);
void gic_ppi_set_active(unsigned int irq, bool active);
/* gic_lr.S: ICH_LR<n>_EL2, n < 16. */
uint64_t gic_read_lr(unsigned int n);
void gic_write_lr(unsigned int n, uint64_t val);

/* vgic.c */
/* Accesses to the distributor and to the redistributors (mmio_handler_t). */
bool vgicd_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val);
bool vgicr_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val);
void vgic_domain_init(struct domain *d);
void vgic_vcpu_init(struct vcpu *v);
/* An emulated device's SPI line (INTID 32..): level, or a rising edge when edge-triggered. */
void vgic_spi_level(struct domain *d, unsigned int irq, bool level);
void vgic_maintenance(void);
/* SPI irq of d is its device's (passthrough.c): forwarded with the HW bit; it fired. */
void vgic_spi_forward(struct domain *d, unsigned int irq, bool edge);
void vgic_spi_hw(struct domain *d, unsigned int irq);
/* vgic_spi_hw()'s short cut when v, running, is the target (vgic.c); false: not taken. */
bool vgic_spi_hw_fast(struct vcpu *v, struct domain *d, unsigned int irq);
void vgic_inject(struct vcpu *v, unsigned int irq);
/* A physical PPI forwarded with the list register's HW bit (the virtual timer). */
void vgic_inject_hw(struct vcpu *v, unsigned int irq);
/*
 * On v's CPU, v running, nothing changed for it since its last vgic_flush():
 * irq (an SGI or PPI; with the HW bit: the physical PPI irq, just
 * acknowledged) straight into an empty list register, as vgic_inject() and
 * vgic_flush() would place it. false: nothing done, take the general path.
 */
bool vgic_inject_fast(struct vcpu *v, unsigned int irq);
bool vgic_inject_hw_fast(struct vcpu *v, unsigned int irq);
/* Fill v's list registers (clears v->arch.exit_work first); on v's CPU only. */
void vgic_flush(struct vcpu *v);

/* Every exit back into v: the list registers only follow changes (exit_work). */
static inline void vgic_exit(struct vcpu *v)
{
    if (__atomic_load_n(&v->arch.exit_work, __ATOMIC_ACQUIRE))
        vgic_flush(v);
}

/*
 * The end of every slow exit: the vCPU that trapped goes back in, as cheaply
 * as before CPUs were shared, unless it stopped running or its CPU's
 * scheduler was poked (context_switch.c decides then).
 */
static inline void exit_to_guest(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    if (v->state != VCPU_RUNNING || v->domain->state != DOMAIN_RUNNING || sched_poked[v->pcpu])
        exit_to_guest_slow(regs);
    else
        vgic_exit(v);
}
bool vgic_has_pending(struct vcpu *v);
/* gic.c: acknowledge an interrupt (its IAR; 1023: none), then handle it and all pending. */
uint64_t gic_ack(void);
void gic_handle_irq(uint64_t iar);

/* p2m.c: stage 2 */
int p2m_init(struct domain *d);
int p2m_map(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size);
/* A guest's device (Device-nGnRE), and its removal (with the TLB maintenance it needs). */
int p2m_map_device(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size);
void p2m_unmap(struct domain *d, uint64_t ipa, uint64_t size);
/* Give d's tables back (a creation that failed); how many tables are in use. */
void p2m_teardown(struct domain *d);
unsigned int p2m_tables_used(void);

/* MMIO helpers: the register an access uses (x31 reads as zero). */
static inline uint64_t mmio_reg_read(struct cpu_user_regs *regs, unsigned int r)
{
    return r == 31 ? 0 : regs->x[r];
}

static inline void mmio_reg_write(struct cpu_user_regs *regs, unsigned int r, uint64_t v)
{
    if (r != 31)
        regs->x[r] = v;
}

/* cpupool_dt.c: the "xen,cpupool" nodes of /chosen, before any domain. */
void dt_cpupools_create(const void *fdt);
/* A domain node's "domain-cpupool" as a pool id (0 without it); false: refused, said. */
bool dt_domain_cpupool(const void *fdt, int dom, unsigned int *id);

/* domain_build.c: the guest's device tree, written into its RAM at dtb_ipa. */
int guest_fdt_build(struct domain *d, const struct guest_boot *gb, void *buf, size_t size,
                    uint64_t initrd_ipa);

#endif /* ASM_ARM_VCPU_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical CPUs: bring-up through PSCI CPU_ON, per-CPU stacks, and the idle
 * loop in which each CPU waits for one of the vCPUs placed on it.
 */
#include <asm/psci.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/livepatch.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

uint8_t cpu_stacks[CONFIG_NR_CPUS][STACK_SIZE] __attribute__((aligned(16)));
static volatile bool cpu_online[CONFIG_NR_CPUS];
unsigned int nr_online_cpus = 1;
void start_secondary(unsigned int cpu);

unsigned int smp_processor_id(void)
{
    uint64_t mpidr = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
    unsigned int i;

    for (i = 0; i < bootinfo.nr_cpus; i++)
        if (bootinfo.cpu_mpidr[i] == mpidr)
            return i;
    return 0;
}

void arch_cpu_relax(void)
{
    __asm__ volatile("yield" : : : "memory");
}

/* EL2 state every CPU needs before it runs a guest. */
void cpu_init_el2(void)
{
    WRITE_SYSREG(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
    WRITE_SYSREG(cntvoff_el2, 0);
    WRITE_SYSREG(vpidr_el2, READ_SYSREG(midr_el1));
    isb();
}

void start_secondary(unsigned int cpu)
{
    mm_enable_mmu(false);
    cpu_init_el2();
    gic_cpu_init();
    cpu_online[cpu] = true;
    dsb_sy();
    sev();
    cpu_idle_loop();
}

void smp_boot_secondaries(void)
{
    unsigned int cpu;

    /* Secondaries start with their MMU off: make our writes visible in memory. */
    flush_dcache_range(_sdata, _end - _sdata);
    for (cpu = 1; cpu < bootinfo.nr_cpus; cpu++) {
        int64_t ret = psci_call(PSCI_CPU_ON_64, bootinfo.cpu_mpidr[cpu],
                                (uint64_t)secondary_entry, cpu);
        unsigned long spin;

        if (ret != PSCI_SUCCESS) {
            printk("CPU%u (MPIDR %#lx): PSCI CPU_ON failed (%ld)\n", cpu,
                   (unsigned long)bootinfo.cpu_mpidr[cpu], (long)ret);
            continue;
        }
        for (spin = 0; spin < 100000000UL && !cpu_online[cpu]; spin++)
            arch_cpu_relax();
        if (!cpu_online[cpu]) {
            printk("CPU%u did not come up\n", cpu);
            continue;
        }
        nr_online_cpus++;
    }
    printk("%u of %u CPUs online\n", nr_online_cpus, bootinfo.nr_cpus);
}

bool pcpu_is_online(unsigned int cpu)
{
    return cpu == 0 || (cpu < CONFIG_NR_CPUS && cpu_online[cpu]);
}

uint32_t online_cpu_mask(void)
{
    uint32_t mask = 0;
    unsigned int cpu;

    for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
        if (pcpu_is_online(cpu))
            mask |= 1u << cpu;
    return mask;
}

/* Set while a CPU sits in its idle loop, outside every guest. */
static bool cpu_idle[CONFIG_NR_CPUS];

void smp_wait_others_idle(unsigned int max_ms)
{
    uint64_t start = READ_SYSREG(cntpct_el0);
    uint64_t limit = READ_SYSREG(cntfrq_el0) / 1000 * max_ms;
    unsigned int cpu, self = smp_processor_id();

    for (cpu = 0; cpu < bootinfo.nr_cpus; cpu++) {
        if (cpu == self || !pcpu_is_online(cpu))
            continue;
        while (!__atomic_load_n(&cpu_idle[cpu], __ATOMIC_ACQUIRE) &&
               READ_SYSREG(cntpct_el0) - start < limit)
            arch_cpu_relax();
    }
}

void cpu_idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    set_current(NULL);
    __atomic_store_n(&cpu_idle[cpu], true, __ATOMIC_RELEASE);
    for (;;) {
        uint64_t slice;
        /*
         * The common scheduler names what runs here: a vCPU that has just
         * come online (its lock orders CPU_ON's entry point before this
         * read) or one that was switched out and comes back.
         */
        struct vcpu *v = schedule(cpu, arch_time_ns(), &slice);

        if (v) {
            __atomic_store_n(&cpu_idle[cpu], false, __ATOMIC_RELAXED);
            vcpu_run(v, slice);
        }
        idle_wait(cpu);
        livepatch_rendezvous_cpu(); /* woken by its SEV */
    }
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bringing up the application processors: INIT, then two STARTUP IPIs
 * (SDM Vol. 3A 9.4.4.1) broadcast to every CPU but this one, which start in
 * trampoline.S. Each AP numbers itself, loads its own GDT/TSS, enables its
 * local APIC, enters VMX operation and waits, interrupts on, until the
 * boot CPU has placed the guests; then it runs the vCPUs pinned to it.
 *
 * An IPI check runs on every CPU at boot: to itself while the hypervisor
 * runs with interrupts enabled, from the boot CPU to each AP, and (in
 * schedule.c and exits.c) to itself just before a VM entry, which the
 * external-interrupt exiting control turns into a VM exit.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define TRAMPOLINE_PA 0x8000UL /* under 1 MiB, page aligned: STARTUP vector 0x08 */
#define AP_STACK_SIZE 16384     /* trampoline.S shifts by 14 */

/* ICR (SDM Vol. 3A 11.6.1, figure 11-12): all excluding self, level assert. */
#define ICR_ALL_BUT_SELF (3U << 18)
#define ICR_ASSERT (1U << 14)
#define ICR_INIT (5U << 8)
#define ICR_STARTUP (6U << 8)

/*
 * Waits in TSC ticks. Processors since the P6 family need none of the
 * 10 ms / 200 us pauses of the original recipe (Linux drops them too);
 * the AP wait bounds how long the boot CPU looks for APs to arrive.
 */
#define INIT_WAIT_TICKS 100000UL
#define AP_ARRIVAL_TICKS 10000000UL
#define IPI_WAIT_TICKS 10000000UL

extern char trampoline_start[], trampoline_end[], trampoline_gdt_desc[];
extern uint64_t gdt_table[];

/* Read by trampoline.S. */
char ap_stacks[NR_CPUS][AP_STACK_SIZE] __attribute__((aligned(16)));
uint32_t ap_boot_cr0, ap_boot_cr3, ap_boot_cr4, ap_boot_efer;
uint32_t ap_boot_lock, ap_next_cpu = 1;

unsigned int nr_online_cpus = 1;
static unsigned int ap_failed;
static bool cpus_released;

void start_secondary(unsigned int cpu);

static void selftest_handler(void)
{
    this_cpu()->selftest_irqs++;
}

static void tsc_wait(uint64_t ticks)
{
    uint64_t end = rdtsc() + ticks;

    while (rdtsc() < end)
        arch_cpu_relax();
}

/* Wait, interrupts enabled, until cpu has taken one more self-test IPI. */
static bool wait_selftest(unsigned int cpu, unsigned int before)
{
    uint64_t end = rdtsc() + IPI_WAIT_TICKS;

    while (__atomic_load_n(&percpus[cpu].selftest_irqs, __ATOMIC_ACQUIRE) == before &&
           rdtsc() < end)
        __asm__ volatile("sti; pause; cli" : : : "memory");
    return __atomic_load_n(&percpus[cpu].selftest_irqs, __ATOMIC_ACQUIRE) != before;
}

/* An IPI to this very CPU, taken through the IDT. */
static bool selftest_self(void)
{
    unsigned int cpu = smp_processor_id(), before = percpus[cpu].selftest_irqs;

    send_ipi(cpu, IRQ_VECTOR_SELFTEST);
    return wait_selftest(cpu, before);
}

void start_secondary(unsigned int cpu)
{
    cpu_init(cpu);
    apic_init();
    if (vmx_cpu_up()) {
        __atomic_fetch_add(&ap_failed, 1, __ATOMIC_RELEASE);
        halt_forever();
    }
    /* Numbers are handed out in arrival order, so online CPUs stay dense. */
    while (__atomic_load_n(&nr_online_cpus, __ATOMIC_ACQUIRE) != cpu)
        arch_cpu_relax();
    __atomic_store_n(&nr_online_cpus, cpu + 1, __ATOMIC_RELEASE);
    printk("CPU%u: APIC ID %u, VMXON; IPI to itself %s\n", cpu, percpus[cpu].apic_id,
           selftest_self() ? "handled in the hypervisor" : "NOT handled");
    while (!__atomic_load_n(&cpus_released, __ATOMIC_ACQUIRE))
        __asm__ volatile("sti; pause; cli" : : : "memory");
    schedule_loop();
}

/* The trampoline page must not hold anything the loader gave us. */
static bool trampoline_page_free(void)
{
    uint64_t lo = TRAMPOLINE_PA, hi = TRAMPOLINE_PA + PAGE_SIZE;
    unsigned int i;

    if (boot_info.info_start < hi && boot_info.info_end > lo)
        return false;
    for (i = 0; i < boot_info.nr_modules; i++)
        if (boot_info.mod[i].start < hi && boot_info.mod[i].end > lo)
            return false;
    return true;
}

void smp_boot_cpus(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint32_t base;
    } gdtr = {6 * 8 - 1, (uint32_t)(uint64_t)gdt_table};
    /* Symbols of one blob in trampoline.S: compared as addresses. */
    uint64_t len = (uint64_t)trampoline_end - (uint64_t)trampoline_start;
    uint64_t gdt_off = (uint64_t)trampoline_gdt_desc - (uint64_t)trampoline_start;
    unsigned int cpu, arrived;
    uint64_t end;

    apic_init();
    set_irq_handler(IRQ_VECTOR_SELFTEST, selftest_handler);
    printk("CPU0: APIC ID %u; IPI to itself %s\n", percpus[0].apic_id,
           selftest_self() ? "handled in the hypervisor" : "NOT handled");
    if (!trampoline_page_free()) {
        printk("SMP: the AP start-up page %#lx is in use: only CPU0 runs\n", TRAMPOLINE_PA);
        return;
    }
    memcpy((void *)TRAMPOLINE_PA, trampoline_start, len);
    memcpy((char *)TRAMPOLINE_PA + gdt_off, &gdtr, sizeof(gdtr));
    ap_boot_cr0 = (uint32_t)read_cr0();
    ap_boot_cr3 = (uint32_t)read_cr3(); /* mm.c's tables are below 4 GiB */
    ap_boot_cr4 = (uint32_t)read_cr4();
    ap_boot_efer = (uint32_t)rdmsr(MSR_EFER);

    apic_icr_write(0, ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_INIT);
    tsc_wait(INIT_WAIT_TICKS);
    apic_icr_write(0, ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_STARTUP | (TRAMPOLINE_PA >> 12));
    tsc_wait(INIT_WAIT_TICKS);
    apic_icr_write(0, ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_STARTUP | (TRAMPOLINE_PA >> 12));
    tsc_wait(AP_ARRIVAL_TICKS);

    /* Every AP that took a number either comes online or says it failed. */
    arrived = __atomic_load_n(&ap_next_cpu, __ATOMIC_ACQUIRE) - 1;
    end = rdtsc() + AP_ARRIVAL_TICKS * 10;
    while (__atomic_load_n(&nr_online_cpus, __ATOMIC_ACQUIRE) +
                   __atomic_load_n(&ap_failed, __ATOMIC_ACQUIRE) < arrived + 1 &&
           rdtsc() < end)
        arch_cpu_relax();
    for (cpu = 1; cpu < nr_online_cpus; cpu++) {
        unsigned int before = __atomic_load_n(&percpus[cpu].selftest_irqs, __ATOMIC_ACQUIRE);

        send_ipi(cpu, IRQ_VECTOR_SELFTEST);
        printk("SMP: IPI from CPU0 to CPU%u %s\n", cpu,
               wait_selftest(cpu, before) ? "handled" : "NOT handled");
    }
    printk("SMP: %u CPU%s online%s\n", nr_online_cpus, nr_online_cpus == 1 ? "" : "s",
           ap_failed ? " (some APs failed to enter VMX operation)" : "");
}

/* Guests are placed: the APs may start running their vCPUs. */
void smp_release_cpus(void)
{
    __atomic_store_n(&cpus_released, true, __ATOMIC_RELEASE);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot of the AArch64 hypervisor: from head.S (MMU off, relocated, bss
 * clear) to the guests running. The order matters: libfdt and the console
 * work with the MMU off, spinlocks (and so printk) only once it is on.
 */
#include <asm/livepatch.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <libfdt.h>
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/symbols.h>
#include <xen/version.h>

const void *host_fdt;

void start_xen(uint64_t dtb, uint64_t load_addr);
void boot_wrong_el(uint64_t dtb, uint64_t el);
void do_hyp_fault(uint64_t esr, uint64_t elr, uint64_t far);
void stack_protector_init(void);

/* Console output that works with the MMU off (printk needs a lock). */
static void early_puts(const char *s)
{
    pl011_puts(s);
}

static void early_console(const void *fdt)
{
    uint64_t base;
    unsigned int irq;

    if (dt_usable(fdt) && dt_stdout_uart(fdt, &base, &irq)) {
        pl011_init(base);
        bootinfo.uart_base = base;
        bootinfo.uart_irq = irq;
    }
}

/* Entered at EL1 or EL3: say so on the console and stop (head.S parks us). */
void boot_wrong_el(uint64_t dtb, uint64_t el)
{
    static const char names[][4] = {"EL0", "EL1", "EL2", "EL3"}; /* no pointers to relocate */

    stack_protector_init();
    early_console((const void *)dtb);
    early_puts("Keel: entered at ");
    early_puts(names[el & 3]);
    early_puts(", but the hypervisor must be started at EL2 (QEMU: -M virt,virtualization=on). "
               "Stopping.\n");
}

void panic(const char *msg)
{
    printk("PANIC on CPU%u: %s\n", smp_processor_id(), msg);
    for (;;)
        wfi();
}

void do_hyp_fault(uint64_t esr, uint64_t elr, uint64_t far)
{
    char where[96];

    printk("Hypervisor fault on CPU%u: ESR %#lx ELR %#lx (%s) FAR %#lx\n", smp_processor_id(),
           (unsigned long)esr, (unsigned long)elr, symbols_format(where, sizeof(where), elr),
           (unsigned long)far);
    panic("unexpected exception at EL2");
}

void start_xen(uint64_t dtb, uint64_t load_addr)
{
    const void *fdt = (const void *)dtb;
    uint64_t entry_count = READ_SYSREG(cntpct_el0); /* for the boot-time benchmark */
    unsigned int created;

    stack_protector_init();
    early_console(fdt);
    early_puts("Keel: AArch64 EL2 hypervisor starting\n");
    if (dt_parse_host(fdt)) {
        early_puts("Keel: no usable device tree (bad header, version before 16, or no memory node). Stopping.\n");
        for (;;)
            wfi();
    }
    if (!bootinfo.nr_cpus) { /* no usable /cpus: this CPU alone */
        bootinfo.cpu_mpidr[0] = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
        bootinfo.nr_cpus = 1;
    }
    host_fdt = fdt;
    /* Before anything is allocated: the image, the DTB, then every module (dom0less.c). */
    boot_reserve(load_addr, _end - _start);
    boot_reserve(dtb, fdt_totalsize(fdt));
    dom0less_reserve_modules(fdt);
    livepatch_pool_init();
    if (mm_boot_map()) {
        early_puts("Keel: no free RAM for the hypervisor's page tables. Stopping.\n");
        for (;;)
            wfi();
    }
    mm_enable_mmu(true);
    cpu_init_el2();
    if (p2m_pool_init())
        panic("no free RAM for the stage-2 table pool");

    if (build_id_init(__note_gnu_build_id_start,
                      __note_gnu_build_id_end - __note_gnu_build_id_start))
        printk("No valid build-id note\n");
    printk("Keel %u.%u%s (%s) at %#lx, DTB at %#lx, EL2\n", xen_major_version(),
           xen_minor_version(), xen_extra_version(), xen_changeset(), (unsigned long)load_addr,
           (unsigned long)dtb);
    dt_report();
    if (!livepatch_pool)
        printk("Live patching unavailable: no free %u MiB of RAM within branch range "
               "(128 MiB) of the hypervisor\n", LIVEPATCH_POOL_SIZE >> 20);
    dt_save_cmdline(fdt);
    printk("Command line: %s\n", cmdline_get());
    printk("Entered at counter %lu (%lu Hz)\n", (unsigned long)entry_count,
           (unsigned long)READ_SYSREG(cntfrq_el0));
    printk("%u CPUs, %u memory banks, GICv3 dist %#lx redist %#lx, PSCI via %s, "
           "timer PPIs %u (virtual) %u (hypervisor)\n",
           bootinfo.nr_cpus, bootinfo.nr_mem, (unsigned long)bootinfo.gicd_base,
           (unsigned long)bootinfo.gicr_base, bootinfo.psci_hvc ? "hvc" : "smc",
           bootinfo.timer_ppi_virt, bootinfo.timer_ppi_hyp);

    gic_init();
    pl011_enable_rx_irq();
    gic_cpu_init();
    smp_boot_secondaries();
    sched_init(online_cpu_mask());

    created = dom0less_create_domains(fdt);
    if (!created) {
        printk("No domain could be created\n");
        arch_system_off();
    }
    console_input_focus_default();
    sev();
    cpu_idle_loop();
}

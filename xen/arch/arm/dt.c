// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading the host device tree with libfdt: memory, CPUs, GICv3, timer,
 * PSCI conduit, console UART and the hypervisor's command line. Runs with
 * the MMU off, so it reads cells as aligned 32-bit words only.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <libfdt.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/version.h>

struct bootinfo bootinfo;

uint64_t dt_read_cells(const uint32_t *p, int cells)
{
    uint64_t v = 0;

    while (cells--)
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

/* The n-th (address, size) pair of node's "reg", with its parent's cell sizes. */
static int dt_reg(const void *fdt, int node, int n, uint64_t *addr, uint64_t *size)
{
    int parent = fdt_parent_offset(fdt, node);
    int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
    const uint32_t *reg;
    int len;

    if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
        return -1;
    reg = fdt_getprop(fdt, node, "reg", &len);
    if (!reg || len < (n + 1) * (ac + sc) * 4)
        return -1;
    reg += n * (ac + sc);
    *addr = dt_read_cells(reg, ac);
    *size = dt_read_cells(reg + ac, sc);
    return 0;
}

/*
 * The console: /chosen/stdout-path (a path or an alias, optionally followed
 * by ":options"), else the first "arm,pl011". Returns its node name.
 */
const char *dt_stdout_uart(const void *fdt, uint64_t *base, unsigned int *irq)
{
    const uint32_t *intr;
    int chosen = fdt_path_offset(fdt, "/chosen");
    int node = -1, len;
    uint64_t size;
    const char *path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;

    if (path) {
        const char *colon = memchr(path, ':', len);
        int plen = colon ? colon - path : (int)strnlen(path, len);

        node = fdt_path_offset_namelen(fdt, path, plen);
        if (node >= 0 && fdt_node_check_compatible(fdt, node, "arm,pl011"))
            node = -1;
    }
    if (node < 0)
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
    if (node < 0 || dt_reg(fdt, node, 0, base, &size))
        return NULL;
    /* GIC binding: <type number flags>, type 0 = SPI (INTID 32 + number). */
    intr = fdt_getprop(fdt, node, "interrupts", &len);
    *irq = intr && len >= 12 && fdt32_to_cpu(intr[0]) == 0 ? fdt32_to_cpu(intr[1]) + 32 : 0;
    return fdt_get_name(fdt, node, NULL);
}

static void dt_parse_memory(const void *fdt)
{
    int node;

    for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
        const char *type = fdt_getprop(fdt, node, "device_type", NULL);
        uint64_t addr, size;
        int i;

        if (!type || strcmp(type, "memory"))
            continue;
        for (i = 0; !dt_reg(fdt, node, i, &addr, &size); i++) {
            if (bootinfo.nr_mem == MAX_MEM_BANKS || !size)
                continue;
            bootinfo.mem[bootinfo.nr_mem].start = addr;
            bootinfo.mem[bootinfo.nr_mem].size = size;
            bootinfo.nr_mem++;
        }
    }
}

static void dt_parse_cpus(const void *fdt)
{
    int cpus = fdt_path_offset(fdt, "/cpus"), node;
    int ac;

    if (cpus < 0)
        return;
    ac = fdt_address_cells(fdt, cpus);
    fdt_for_each_subnode(node, fdt, cpus) {
        const char *type = fdt_getprop(fdt, node, "device_type", NULL);
        const uint32_t *reg;
        int len;

        if (!type || strcmp(type, "cpu"))
            continue;
        reg = fdt_getprop(fdt, node, "reg", &len);
        if (!reg || len < ac * 4 || bootinfo.nr_cpus == CONFIG_NR_CPUS)
            continue;
        bootinfo.cpu_mpidr[bootinfo.nr_cpus++] = dt_read_cells(reg, ac);
    }
}

static void dt_parse_gic_timer_psci(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
    const uint32_t *irq;
    const char *method;
    int len;

    if (node >= 0) {
        dt_reg(fdt, node, 0, &bootinfo.gicd_base, &bootinfo.gicd_size);
        dt_reg(fdt, node, 1, &bootinfo.gicr_base, &bootinfo.gicr_size);
    }

    /* Timer interrupts: secure phys, non-secure phys, virtual, hypervisor (PPIs). */
    bootinfo.timer_ppi_virt = 27;
    bootinfo.timer_ppi_hyp = 26;
    node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
    irq = node >= 0 ? fdt_getprop(fdt, node, "interrupts", &len) : NULL;
    if (irq && len >= 12 * 4) {
        bootinfo.timer_ppi_virt = fdt32_to_cpu(irq[7]) + 16;
        bootinfo.timer_ppi_hyp = fdt32_to_cpu(irq[10]) + 16;
    }

    node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
    if (node < 0)
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
    method = node >= 0 ? fdt_getprop(fdt, node, "method", NULL) : NULL;
    bootinfo.psci_hvc = method && !strcmp(method, "hvc");
}

int dt_parse_host(const void *fdt)
{
    if (fdt_check_header(fdt))
        return -1;
    dt_parse_memory(fdt);
    dt_parse_cpus(fdt);
    dt_parse_gic_timer_psci(fdt);
    if (!bootinfo.nr_cpus) {
        bootinfo.cpu_mpidr[0] = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
        bootinfo.nr_cpus = 1;
    }
    return bootinfo.nr_mem ? 0 : -1;
}

/* /chosen/xen,xen-bootargs, once printk works. */
void dt_save_cmdline(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "xen,xen-bootargs", NULL) : NULL;

    cmdline_save(args ? args : "");
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading the host device tree with libfdt: memory, CPUs, GICv3, timer,
 * PSCI conduit, console UART and the hypervisor's command line. Runs with
 * the MMU off, so it reads cells as aligned 32-bit words only.
 *
 * The device tree is input like any other: every property is read with its
 * length, strings only through libfdt's string-list calls (which check the
 * terminating NUL), numbers against the range they are used in. A property
 * that fails is reported by node and property, and the default is kept. The
 * reports wait in a small table until printk works (dt_report()). Also
 * built for the host unit tests (tests/unit/test_dt.c), with the host's libfdt.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <libfdt.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/version.h>

struct bootinfo bootinfo;

#define MAX_DT_WARNINGS 16

static struct dt_warning {
    const char *node, *what;
    uint64_t value;
} dt_warnings[MAX_DT_WARNINGS];
static unsigned int nr_dt_warnings, dt_warnings_lost;

/* Note a problem with node; printed by dt_report() once printk works. */
static void dt_warn(const void *fdt, int node, const char *what, uint64_t value)
{
    const char *name = node >= 0 ? dt_node_name(fdt, node) : NULL;

    if (nr_dt_warnings == MAX_DT_WARNINGS) {
        dt_warnings_lost++;
        return;
    }
    dt_warnings[nr_dt_warnings].node = name ? (*name ? name : "/") : "?";
    dt_warnings[nr_dt_warnings].what = what;
    dt_warnings[nr_dt_warnings].value = value;
    nr_dt_warnings++;
}

void dt_report(void)
{
    unsigned int i;

    for (i = 0; i < nr_dt_warnings; i++)
        printk("Device tree: node %s: %s (%#lx)\n", dt_warnings[i].node, dt_warnings[i].what,
               (unsigned long)dt_warnings[i].value);
    if (dt_warnings_lost)
        printk("Device tree: %u more problems not shown\n", dt_warnings_lost);
    nr_dt_warnings = dt_warnings_lost = 0;
}

int dt_prop_string(const void *fdt, int node, const char *name, const char **out)
{
    int len;
    const char *str = fdt_stringlist_get(fdt, node, name, 0, &len);

    if (str) {
        *out = str;
        return 1;
    }
    return len == -FDT_ERR_NOTFOUND ? 0 : -1;
}

/* Whether the string-list property name of node holds value (bounded by its length). */
static bool dt_prop_has(const void *fdt, int node, const char *name, const char *value)
{
    return fdt_stringlist_search(fdt, node, name, value) >= 0;
}

/*
 * "#address-cells" / "#size-cells" of node, as libfdt's fdt_address_cells()
 * and fdt_size_cells() answer them (Devicetree Specification 2.3.5: absent
 * means 2 and 1; more than FDT_MAX_NCELLS, or a zero address size, is an
 * error). Not libfdt's own: its fdt_addresses.o also holds the address-range
 * writers, which link in the whole read-write half of libfdt (6.5 KB of an
 * image that must stay small) for calls the hypervisor never makes.
 */
static int dt_cells(const void *fdt, int node, const char *name, int absent)
{
    const fdt32_t *p;
    uint32_t v;
    int len;

    p = fdt_getprop(fdt, node, name, &len);
    if (!p)
        return len == -FDT_ERR_NOTFOUND ? absent : len;
    if (len != (int)sizeof(*p))
        return -FDT_ERR_BADNCELLS;
    v = fdt32_to_cpu(*p);
    return v > FDT_MAX_NCELLS ? -FDT_ERR_BADNCELLS : (int)v;
}

int dt_address_cells(const void *fdt, int node)
{
    int ac = dt_cells(fdt, node, "#address-cells", 2);

    return ac == 0 ? -FDT_ERR_BADNCELLS : ac;
}

int dt_size_cells(const void *fdt, int node)
{
    return dt_cells(fdt, node, "#size-cells", 1);
}

/*
 * fdt_getprop() and fdt_get_name() for callers that want no length: one
 * out-of-line call each, rather than a NULL argument at some forty call
 * sites (the Image has a size budget).
 */
const void *dt_prop(const void *fdt, int node, const char *name)
{
    return fdt_getprop(fdt, node, name, NULL);
}

const char *dt_node_name(const void *fdt, int node)
{
    return fdt_get_name(fdt, node, NULL);
}

uint64_t dt_read_cells(const uint32_t *p, int cells)
{
    uint64_t v = 0;

    while (cells--)
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

/*
 * The n-th (address, size) pair of node's "reg", with its parent's cell
 * sizes: 0, 1 past the last pair, -1 malformed (reported).
 */
static int dt_reg(const void *fdt, int node, int n, uint64_t *addr, uint64_t *size)
{
    int parent = fdt_parent_offset(fdt, node);
    int ac = dt_address_cells(fdt, parent), sc = dt_size_cells(fdt, parent);
    const uint32_t *reg;
    int len;

    if (ac < 1 || ac > 2 || sc < 0 || sc > 2) {
        dt_warn(fdt, parent, "#address-cells or #size-cells not 1 or 2", (uint64_t)ac << 32 | sc);
        return -1;
    }
    reg = fdt_getprop(fdt, node, "reg", &len);
    if (!reg || len <= 0 || len % ((ac + sc) * 4)) {
        dt_warn(fdt, node, "\"reg\" missing or not whole (address, size) pairs", len);
        return -1;
    }
    if (len < (n + 1) * (ac + sc) * 4)
        return 1;
    reg += n * (ac + sc);
    *addr = dt_read_cells(reg, ac);
    *size = dt_read_cells(reg + ac, sc);
    if (*addr + *size < *addr) {
        dt_warn(fdt, node, "\"reg\" range wraps around the address space", *addr);
        return -1;
    }
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
    /* GIC binding: <type number flags>, type 0 = SPI (INTID 32 + number, at most 1019). */
    intr = fdt_getprop(fdt, node, "interrupts", &len);
    *irq = intr && len >= 12 && fdt32_to_cpu(intr[0]) == 0 && fdt32_to_cpu(intr[1]) < 988
               ? fdt32_to_cpu(intr[1]) + 32
               : 0;
    return dt_node_name(fdt, node);
}

static void dt_parse_memory(const void *fdt)
{
    int node;

    for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
        uint64_t addr, size;
        int i, rc;

        if (!dt_prop_has(fdt, node, "device_type", "memory"))
            continue;
        for (i = 0; (rc = dt_reg(fdt, node, i, &addr, &size)) <= 0; i++) {
            if (rc < 0)
                break; /* reported: none of this node's banks is trusted */
            if (!size)
                continue;
            if (bootinfo.nr_mem == MAX_MEM_BANKS) {
                dt_warn(fdt, node, "more memory banks than the hypervisor keeps: ignored", addr);
                continue;
            }
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
    ac = dt_address_cells(fdt, cpus);
    if (ac < 1 || ac > 2) {
        dt_warn(fdt, cpus, "#address-cells not 1 or 2: no CPUs taken from here", ac);
        return;
    }
    fdt_for_each_subnode(node, fdt, cpus) {
        const uint32_t *reg;
        int len;

        if (!dt_prop_has(fdt, node, "device_type", "cpu"))
            continue;
        reg = fdt_getprop(fdt, node, "reg", &len);
        if (!reg || len != ac * 4) {
            dt_warn(fdt, node, "\"reg\" is not one MPIDR: CPU ignored", len);
            continue;
        }
        if (bootinfo.nr_cpus == CONFIG_NR_CPUS) {
            dt_warn(fdt, node, "more CPUs than the hypervisor supports: ignored", CONFIG_NR_CPUS);
            continue;
        }
        bootinfo.cpu_mpidr[bootinfo.nr_cpus++] = dt_read_cells(reg, ac) & MPIDR_AFF_MASK;
    }
}

/*
 * Entry n of the timer's "interrupts" (GIC binding <type number flags>) as a
 * PPI INTID: type 1, number 0..15 (INTID 16..31). 0 if it is not one.
 */
static unsigned int timer_ppi(const uint32_t *irq, int n)
{
    uint32_t type = fdt32_to_cpu(irq[3 * n]), number = fdt32_to_cpu(irq[3 * n + 1]);

    return type == 1 && number < 16 ? number + 16 : 0;
}

static void dt_parse_gic_timer_psci(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
    const uint32_t *irq;
    int len;

    if (node >= 0 && (dt_reg(fdt, node, 0, &bootinfo.gicd_base, &bootinfo.gicd_size) ||
                      dt_reg(fdt, node, 1, &bootinfo.gicr_base, &bootinfo.gicr_size)))
        dt_warn(fdt, node, "no distributor and redistributor range in \"reg\"", 0);
    /*
     * The hypervisor maps exactly these ranges and touches a whole GICD frame
     * (64 KiB) and whole GICR frames (128 KiB, GICv3 12.10/12.11): smaller
     * ones would fault at EL2. Without them gic_init() stops with a message.
     */
    if (node >= 0 && bootinfo.gicd_size && bootinfo.gicr_size &&
        (bootinfo.gicd_size < 0x10000 || bootinfo.gicr_size < 0x20000)) {
        dt_warn(fdt, node, "distributor under 64 KiB or redistributors under 128 KiB",
                bootinfo.gicd_size << 32 | (bootinfo.gicr_size & 0xffffffffUL));
        bootinfo.gicd_size = bootinfo.gicr_size = 0;
    }

    /*
     * Timer interrupts: secure phys, non-secure phys, virtual, hypervisor
     * (PPIs). The INTIDs are shifts into the 32-bit PPI/SGI registers: one
     * out of 16..31 keeps the SBSA defaults.
     */
    bootinfo.timer_ppi_virt = 27;
    bootinfo.timer_ppi_hyp = 26;
    node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
    irq = node >= 0 ? fdt_getprop(fdt, node, "interrupts", &len) : NULL;
    if (node >= 0 && (!irq || len < 12 * 4)) {
        dt_warn(fdt, node, "\"interrupts\" is not four <type number flags>: default PPIs kept",
                irq ? len : 0);
    } else if (irq) {
        unsigned int virt = timer_ppi(irq, 2), hyp = timer_ppi(irq, 3);

        if (virt && hyp) {
            bootinfo.timer_ppi_virt = virt;
            bootinfo.timer_ppi_hyp = hyp;
        } else {
            dt_warn(fdt, node, "virtual or hypervisor timer is not a PPI 0..15: default PPIs kept",
                    (uint64_t)fdt32_to_cpu(irq[7]) << 32 | fdt32_to_cpu(irq[10]));
        }
    }

    node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
    if (node < 0)
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
    bootinfo.psci_hvc = node >= 0 && dt_prop_has(fdt, node, "method", "hvc");
    if (node >= 0 && !bootinfo.psci_hvc && !dt_prop_has(fdt, node, "method", "smc"))
        dt_warn(fdt, node, "\"method\" is neither \"hvc\" nor \"smc\": using smc", 0);
}

/*
 * A header libfdt accepts, and version 16 or later: before it node names
 * are whole paths, and libfdt names none without a '/' (fdt_get_name()
 * NULL), which every reader here would take for a name.
 */
bool dt_usable(const void *fdt)
{
    return !fdt_check_header(fdt) && fdt_version(fdt) >= 16;
}

int dt_parse_host(const void *fdt)
{
    if (!dt_usable(fdt))
        return -1;
    dt_parse_memory(fdt);
    dt_parse_cpus(fdt);
    dt_parse_gic_timer_psci(fdt);
    return bootinfo.nr_mem ? 0 : -1;
}

/* /chosen/xen,xen-bootargs, once printk works. */
void dt_save_cmdline(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *args = "";

    if (chosen >= 0 && dt_prop_string(fdt, chosen, "xen,xen-bootargs", &args) < 0) {
        printk("Device tree: node chosen: \"xen,xen-bootargs\" is not a NUL-terminated "
               "string: ignored\n");
        args = "";
    }
    cmdline_save(args);
}

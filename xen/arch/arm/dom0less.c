// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guests from the host device tree, with Xen's dom0less bindings
 * (docs/misc/arm/device-tree/booting.txt in Xen): under /chosen, nodes with
 * compatible = "xen,domain" carrying memory (KiB), cpus, optional vpl011 and
 * capabilities, and "multiboot,kernel" / "multiboot,ramdisk" module children
 * with reg and bootargs. A node that does not make sense is reported by name
 * and skipped; the other guests are still created.
 */
#include <asm/kernel_image.h>
#include <asm/passthrough.h>
#include <asm/setup.h>
#include <asm/vcpu.h>
#include <libfdt.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define CAP_CONTROL 1u /* "capabilities" bit 0: control domain */

struct module {
    uint64_t pa, size;
    const char *node; /* its DT node name, for messages */
};

/* The module child of dom with this compatible: 1 found, 0 absent, -1 bad. */
static int read_module(const void *fdt, int dom, const char *compat, struct module *m,
                       const char **bootargs, const char *name)
{
    int ac = dt_address_cells(fdt, dom), sc = dt_size_cells(fdt, dom);
    int node, len;

    fdt_for_each_subnode(node, fdt, dom) {
        const uint32_t *reg;

        if (fdt_node_check_compatible(fdt, node, compat))
            continue;
        reg = fdt_getprop(fdt, node, "reg", &len);
        if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !reg || len < 4 * (ac + sc)) {
            printk_refuse_guest(name, "module %s has no valid \"reg\"", dt_node_name(fdt, node));
            return -1;
        }
        m->node = dt_node_name(fdt, node);
        m->pa = dt_read_cells(reg, ac);
        m->size = dt_read_cells(reg + ac, sc);
        if (!m->size || m->pa + m->size < m->pa) {
            printk_refuse_guest(name, "module %s is empty or wraps", dt_node_name(fdt, node));
            return -1;
        }
        if (bootargs && dt_prop_string(fdt, node, "bootargs", bootargs) < 0) {
            printk_refuse_guest(name, "module %s: \"bootargs\" is not a NUL-terminated string",
                                m->node);
            return -1;
        }
        return 1;
    }
    return 0;
}

/*
 * A module must lie in RAM and miss the hypervisor, the DTB and the other
 * modules (all in bootinfo.reserved: hypervisor, DTB, modules, in that order;
 * the module's own entry is the one with exactly its range).
 */
static bool module_ok(const struct module *m, const char *name, const char *what)
{
    int r = boot_range_clash(m->pa, m->size, true);

    if (r == BOOT_RANGE_OK)
        return true;
    if (r == BOOT_RANGE_NOT_RAM)
        printk_refuse_guest(name, "%s at %#lx+%#lx is not in RAM", what, (unsigned long)m->pa,
                            (unsigned long)m->size);
    else
        printk_refuse_guest(name, "%s at %#lx+%#lx overlaps %s", what, (unsigned long)m->pa,
                            (unsigned long)m->size,
                            r == 0   ? "the hypervisor"
                            : r == 1 ? "the device tree"
                                     : "another module");
    return false;
}

static uint64_t read_u32_or_u64(const uint32_t *p, int len)
{
    return len == 8 ? dt_read_cells(p, 2) : dt_read_cells(p, 1);
}

/*
 * The kernel's Image header and where kernel, ramdisk and device tree go in
 * the guest's RAM (arch_domain_create() places them the same way).
 */
static bool kernel_fits(const struct guest_boot *gb, const struct domain_config *cfg,
                        const char *kernel_node)
{
    struct kernel_layout l;
    int rc = kernel_image_layout((const uint8_t *)gb->kernel_pa, gb->kernel_size,
                                 gb->ramdisk_size, cfg->mem_kib * 1024, GUEST_FDT_SIZE, &l);

    if (!rc)
        return true;
    if (rc == -EINVAL)
        printk_refuse_guest(
            gb->node,
            "kernel %s: bad arm64 Image header: %s (text_offset %#lx, image_size %#lx, flags %#lx)",
            kernel_node, l.why, (unsigned long)l.text_offset, (unsigned long)l.image_size,
            (unsigned long)l.flags);
    else
        printk_refuse_guest(gb->node,
                            "kernel %s: memory %llu KiB is too small for its modules: %s "
                            "(text_offset %#lx, image_size %#lx, file %#lx, ramdisk %#lx bytes)",
                            kernel_node, (unsigned long long)cfg->mem_kib, l.why,
                            (unsigned long)l.text_offset, (unsigned long)l.image_size,
                            (unsigned long)gb->kernel_size, (unsigned long)gb->ramdisk_size);
    return false;
}

/* Check one xen,domain node; fill gb and cfg. false: reported and skipped. */
static bool parse_domain(const void *fdt, int node, struct guest_boot *gb,
                         struct domain_config *cfg, struct module mods[3])
{
    const char *name = dt_node_name(fdt, node);
    const uint32_t *p;
    int len, k, rd, pd;

    memset(gb, 0, sizeof(*gb));
    memset(cfg, 0, sizeof(*cfg));
    gb->node = name;
    cfg->name = name;
    cfg->arch = gb;

    if (!dom0less_config_ok(fdt, node))
        return false;

    p = fdt_getprop(fdt, node, "memory", &len);
    if (!p || (len != 4 && len != 8)) {
        printk_refuse_guest(name, "missing or malformed \"memory\" (KiB)");
        return false;
    }
    cfg->mem_kib = read_u32_or_u64(p, len);
    if (cfg->mem_kib > GUEST_RAM0_SIZE / 1024) {
        printk_refuse_guest(name, "memory %llu KiB is more than the guest RAM window (%llu KiB)",
                            (unsigned long long)cfg->mem_kib,
                            (unsigned long long)(GUEST_RAM0_SIZE / 1024));
        return false;
    }
    if (cfg->mem_kib < 1024 || (cfg->mem_kib & 3)) {
        printk_refuse_guest(name, "memory %llu KiB is too small (at least 1024) or not whole pages",
                            (unsigned long long)cfg->mem_kib);
        return false;
    }

    if (static_mem_of(fdt, node, name, cfg->mem_kib, &gb->static_pa) < 0)
        return false;

    p = fdt_getprop(fdt, node, "cpus", &len);
    if (!p || len != 4 || !fdt32_to_cpu(*p)) {
        printk_refuse_guest(name, "missing or malformed \"cpus\"");
        return false;
    }
    cfg->nr_vcpus = fdt32_to_cpu(*p);
    if (cfg->nr_vcpus > nr_online_cpus || cfg->nr_vcpus > CONFIG_MAX_VCPUS) {
        printk_refuse_guest(name, "%u vCPUs but only %u physical CPUs", cfg->nr_vcpus,
                            nr_online_cpus);
        return false;
    }

    p = fdt_getprop(fdt, node, "capabilities", &len);
    if (p && (len != 4 || (fdt32_to_cpu(*p) & ~CAP_CONTROL))) {
        printk_refuse_guest(name, "malformed \"capabilities\" (one cell, bit 0 only)");
        return false;
    }
    cfg->is_control = p && (fdt32_to_cpu(*p) & CAP_CONTROL);
    if (!dt_domain_cpupool(fdt, node, &cfg->cpupool))
        return false;
    p = fdt_getprop(fdt, node, "keel,sched-priority", &len);
    if (p && (len != 4 || fdt32_to_cpu(*p) > SCHED_PRIORITY_MAX)) {
        printk_refuse_guest(name, "\"keel,sched-priority\" is not one cell of 0..%u",
                            SCHED_PRIORITY_MAX);
        return false;
    }
    cfg->sched_priority = p ? fdt32_to_cpu(*p) : 0;
    gb->vpl011 = dt_prop(fdt, node, "vpl011") != NULL;
    if (!guest_map_choose(fdt, node, name, cfg->nr_vcpus, cfg->mem_kib * 1024, gb))
        return false;

    k = read_module(fdt, node, "multiboot,kernel", &mods[0], &gb->bootargs, name);
    if (k == 0)
        printk_refuse_guest(name, "no \"multiboot,kernel\" module");
    if (k <= 0)
        return false;
    rd = read_module(fdt, node, "multiboot,ramdisk", &mods[1], NULL, name);
    if (rd < 0)
        return false;
    if (!module_ok(&mods[0], name, "kernel"))
        return false;
    if (rd > 0 && (!module_ok(&mods[1], name, "ramdisk") ||
                   ranges_overlap(mods[0].pa, mods[0].size, mods[1].pa, mods[1].size))) {
        printk_refuse_guest(name, "ramdisk unusable");
        return false;
    }
    gb->kernel_pa = mods[0].pa;
    gb->kernel_size = mods[0].size;
    if (rd > 0) {
        gb->ramdisk_pa = mods[1].pa;
        gb->ramdisk_size = mods[1].size;
    }
    if (!kernel_fits(gb, cfg, mods[0].node))
        return false;
    /* Device assignment (booting.txt "Device Assignment"): a partial device tree. */
    pd = read_module(fdt, node, "multiboot,device-tree", &mods[2], NULL, name);
    if (pd < 0 || (pd > 0 && !module_ok(&mods[2], name, "partial device tree")))
        return false;
    return pd == 0 || passthrough_parse(fdt, (const void *)mods[2].pa, mods[2].size, name,
                                        gb->vpl011, &gb->map, cfg->mem_kib * 1024, &gb->pt);
}

/* Guests may share one kernel image: each distinct range is reserved once. */
static void add_module(uint64_t pa, uint64_t size)
{
    unsigned int i;

    for (i = 2; i < bootinfo.nr_reserved; i++)
        if (bootinfo.reserved[i].start == pa && bootinfo.reserved[i].size == size)
            return;
    boot_reserve(pa, size);
}

/* Reserve the module children of parent (a domain node, or /chosen itself). */
static void reserve_modules_of(const void *fdt, int parent)
{
    int ac = dt_address_cells(fdt, parent), sc = dt_size_cells(fdt, parent), node, len;

    fdt_for_each_subnode(node, fdt, parent) {
        const uint32_t *reg = fdt_getprop(fdt, node, "reg", &len);

        if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < 4 * (ac + sc) ||
            bootinfo.nr_reserved == MAX_RESERVED)
            continue;
        if (fdt_node_check_compatible(fdt, node, "multiboot,module") &&
            fdt_node_check_compatible(fdt, node, "multiboot,kernel") &&
            fdt_node_check_compatible(fdt, node, "multiboot,ramdisk"))
            continue;
        add_module(dt_read_cells(reg, ac), dt_read_cells(reg + ac, sc));
    }
}

/*
 * Reserve every boot module first, before the boot allocator hands out the
 * hypervisor's pools or any guest's RAM, so that nothing is carved out of a
 * module that a guest still has to copy: the modules of every domain node,
 * and modules directly under /chosen (a module the hypervisor does not use
 * is still where the boot loader put it). Modules with a malformed "reg"
 * are skipped here and reported by parse_domain(). Runs with the MMU off.
 */
void dom0less_reserve_modules(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), dom;

    if (chosen < 0)
        return;
    reserve_modules_of(fdt, chosen);
    fdt_for_each_subnode(dom, fdt, chosen)
        if (!fdt_node_check_compatible(fdt, dom, "xen,domain"))
            reserve_modules_of(fdt, dom);
    static_mem_reserve(fdt);
}

unsigned int dom0less_create_domains(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), dom;
    unsigned int created = 0;

    if (chosen < 0) {
        printk("No /chosen node: no guests\n");
        return 0;
    }
    dom0less_check_chosen(fdt, chosen);
    dt_cpupools_create(fdt);
    fdt_for_each_subnode(dom, fdt, chosen) {
        static struct guest_boot gbs[CONFIG_MAX_DOMAINS];
        struct guest_boot *gb = &gbs[created < CONFIG_MAX_DOMAINS ? created : 0];
        struct domain_config cfg;
        struct module mods[3];
        struct domain *d;
        int err;

        if (fdt_node_check_compatible(fdt, dom, "xen,domain"))
            continue;
        if (created == CONFIG_MAX_DOMAINS) {
            printk_refuse_guest(dt_node_name(fdt, dom), "more than %u domains", CONFIG_MAX_DOMAINS);
            continue;
        }
        if (!parse_domain(fdt, dom, gb, &cfg, mods))
            goto next;
        d = domain_create(&cfg, &err);
        if (!d) {
            printk_refuse_guest(gb->node, "cannot create the domain (error %d)", err);
            goto next;
        }
        created++;
next:
        ;
    }
    return created;
}

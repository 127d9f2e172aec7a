// SPDX-License-Identifier: GPL-2.0-only
/*
 * A domain's RAM from exactly the host range its "xen,static-mem" names
 * (Xen's docs/misc/arm/device-tree/booting.txt "Static Allocation"): one
 * <pa size> range, in the cells "#xen,static-mem-address-cells" and
 * "#xen,static-mem-size-cells" give (both required, as in Xen), whose size
 * equals "memory". It is mapped at the usual guest address
 * (GUEST_RAM0_BASE), or with "direct-map" at its own (direct_map.c). The
 * ranges are taken out of the boot allocator before anything is allocated,
 * right after the boot modules, so no hypervisor pool or other guest's RAM
 * lands in them; a range that is not in RAM, or overlaps the hypervisor,
 * the device tree, a module or another domain's range is not taken, and
 * its domain is refused by name once printk works.
 */
#include <asm/setup.h>
#include <libfdt.h>
#include <xen/lib.h>
#include <xen/string.h>

/* What static_mem_reserve() found for each domain node that has the property. */
static struct static_mem {
    int node;       /* the domain node's offset in the host device tree */
    uint64_t pa, size;
    const char *why; /* NULL: reserved for it */
} smem[CONFIG_MAX_DOMAINS];
static unsigned int nr_smem;

/* Why [pa, pa + size) cannot be this domain's RAM; NULL if it can. No printk: MMU off. */
static const char *range_problem(uint64_t pa, uint64_t size)
{
    int r;

    if (!size || ((pa | size) & (PAGE_SIZE - 1)) || pa + size < pa)
        return "is empty, wraps or is not page-aligned";
    r = boot_range_clash(pa, size, false);
    return r == BOOT_RANGE_OK       ? NULL
           : r == BOOT_RANGE_NOT_RAM ? "is not in one RAM bank"
           : r == 0                  ? "overlaps the hypervisor"
           : r == 1                  ? "overlaps the device tree"
                                     : "overlaps a boot module or another domain's xen,static-mem";
}

static void reserve_one(const void *fdt, int dom, struct static_mem *s)
{
    const fdt32_t *ac = dt_prop(fdt, dom, "#xen,static-mem-address-cells");
    const fdt32_t *sc = dt_prop(fdt, dom, "#xen,static-mem-size-cells");
    const fdt32_t *p;
    int len, a, c;

    if (!ac || !sc || (a = (int)fdt32_to_cpu(*ac)) < 1 || a > 2 ||
        (c = (int)fdt32_to_cpu(*sc)) < 1 || c > 2) {
        s->why = "needs \"#xen,static-mem-address-cells\" and \"#xen,static-mem-size-cells\" "
                 "of 1 or 2";
        return;
    }
    p = fdt_getprop(fdt, dom, "xen,static-mem", &len);
    if (len != 4 * (a + c)) {
        s->why = "is not one <address size> range: Keel gives a guest one RAM bank";
        return;
    }
    s->pa = dt_read_cells(p, a);
    s->size = dt_read_cells(p + a, c);
    s->why = range_problem(s->pa, s->size);
    if (!s->why)
        boot_reserve(s->pa, s->size);
}

void static_mem_reserve(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), dom;

    if (chosen < 0)
        return;
    fdt_for_each_subnode(dom, fdt, chosen) {
        if (fdt_node_check_compatible(fdt, dom, "xen,domain") ||
            !dt_prop(fdt, dom, "xen,static-mem") || nr_smem == CONFIG_MAX_DOMAINS)
            continue;
        smem[nr_smem].node = dom;
        reserve_one(fdt, dom, &smem[nr_smem++]);
    }
}

int static_mem_of(const void *fdt, int dom, const char *name, uint64_t mem_kib, uint64_t *pa)
{
    unsigned int i;

    *pa = 0;
    if (!dt_prop(fdt, dom, "xen,static-mem"))
        return 0;
    for (i = 0; i < nr_smem && smem[i].node != dom; i++)
        ;
    if (i == nr_smem) {
        printk_refuse_guest(name, "property \"xen,static-mem\": more static domains than %u",
                            CONFIG_MAX_DOMAINS);
        return -1;
    }
    if (smem[i].why && !smem[i].size) {
        printk_refuse_guest(name, "property \"xen,static-mem\" %s", smem[i].why);
        return -1;
    }
    if (smem[i].why) {
        printk_refuse_guest(name, "property \"xen,static-mem\" %#lx+%#lx %s",
                            (unsigned long)smem[i].pa, (unsigned long)smem[i].size, smem[i].why);
        return -1;
    }
    if (smem[i].size != mem_kib * 1024) {
        printk_refuse_guest(name, "property \"xen,static-mem\" holds %lu KiB but \"memory\" says "
                            "%lu KiB (they must match, as in Xen)",
                            (unsigned long)(smem[i].size / 1024), (unsigned long)mem_kib);
        return -1;
    }
    *pa = smem[i].pa;
    return 1;
}

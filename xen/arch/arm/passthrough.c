// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devices a guest owns, with Xen's dom0less bindings
 * (docs/misc/arm/passthrough.txt, docs/misc/arm/device-tree/booting.txt
 * "Device Assignment"): a domain's "multiboot,device-tree" module is a
 * partial device tree whose /passthrough node (simple-bus, ranges, cells)
 * holds device nodes with xen,reg = <phys size guest> (MMIO mapped into the
 * guest as Device-nGnRE), xen,path (the host node, whose SPIs are routed to
 * the guest 1:1, virtual INTID = physical) and
 * xen,force-assign-without-iommu. /passthrough and /aliases are copied into
 * the guest's device tree without the xen,* properties; the /gic
 * placeholder lends its phandle to the guest's GIC node. As in Xen, other
 * top-level nodes of the fragment are not copied (and Keel says so).
 *
 * Keel has no IOMMU: like Xen without one, it assigns a device only with
 * xen,force-assign-without-iommu, since any device may be a DMA master and
 * could then reach all of memory. Keel refuses more than Xen does, each by
 * name: a device the hypervisor uses, an MMIO range or SPI a domain created
 * before owns, xen,reg outside the host node's "reg", interrupts the host
 * node does not have, xen,reg without xen,path (nothing to check it by).
 */
#include <asm/gic.h>
#include <asm/passthrough.h>
#include <asm/setup.h>
#include <asm/vcpu.h>
#include <libfdt.h>
#include <public/arch-arm.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mmio.h>
#include <xen/string.h>

/* Every range of every domain: a claim is never dropped. */
#define PT_MAX_CLAIMS (CONFIG_MAX_DOMAINS * PT_MAX_RANGES)
#define PT_MAX_DEPTH 8 /* node nesting under /passthrough */
#define PAGE_MASK_LOW (PAGE_SIZE - 1)

/* MMIO and SPIs of the domains created so far: later domains are refused them. */
static struct {
    uint64_t pa, size;
    const char *dom;
} claims[PT_MAX_CLAIMS];
static unsigned int nr_claims;
/* Entry n: the domain owning INTID 32 + n (read by passthrough_irq() on any CPU). */
static struct domain *spi_owner[VGIC_NR_SPIS];
/* The host device tree, while passthrough_parse() runs. */
static const void *pt_host_fdt;

/*
 * One line naming the domain, the fragment's node and the property, the
 * reason formatted here once for every refusal below; false.
 */
static bool __attribute__((format(printf, 4, 5)))
refuse(const struct pt_config *pt, int node, const char *prop, const char *fmt, ...)
{
    char why[160];
    va_list ap;

    va_start(ap, fmt);
    kvsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    printk_refuse_guest(pt->dom, "passthrough: %s: property \"%s\" %s",
                        dt_node_name(pt->pfdt, node), prop, why);
    return false;
}

/*
 * addr, in node's parent bus, as a CPU address: through each ancestor's
 * "ranges" (empty: the same addresses). false: some bus does not map it.
 */
static bool dt_to_cpu(const void *fdt, int node, uint64_t *addr)
{
    int bus = fdt_parent_offset(fdt, node);

    while (bus > 0) {
        int up = fdt_parent_offset(fdt, bus), len, cac, pac, sc, i;
        const fdt32_t *r = fdt_getprop(fdt, bus, "ranges", &len);
        bool found = false;

        if (!r || up < 0)
            return false;
        cac = dt_address_cells(fdt, bus);
        pac = dt_address_cells(fdt, up);
        sc = dt_size_cells(fdt, bus);
        if (cac < 1 || cac > 2 || pac < 1 || pac > 2 || sc < 1 || sc > 2)
            return false;
        for (i = 0; len && (i + 1) * (cac + pac + sc) * 4 <= len; i++) {
            const fdt32_t *e = r + i * (cac + pac + sc);
            uint64_t child = dt_read_cells(e, cac), size = dt_read_cells(e + cac + pac, sc);

            if (*addr - child < size) {
                *addr = dt_read_cells(e + cac, pac) + (*addr - child);
                found = true;
                break;
            }
        }
        if (len && !found)
            return false;
        bus = up;
    }
    return true;
}

/*
 * Whether one of the host node's "reg" ranges, widened to whole pages,
 * holds [pa, pa + size). Stage 2 maps pages, so a device smaller than a
 * page (QEMU virt's virtio-mmio transports are 0x200 bytes, eight to a
 * page) is assigned by the page that holds it, as Xen does (its xen,reg
 * must be page-aligned); whatever else shares that page goes with it.
 */
static bool host_reg_holds(const void *fdt, int node, uint64_t pa, uint64_t size)
{
    int parent = fdt_parent_offset(fdt, node), ac, sc, len, i;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

    if (parent < 0 || !reg)
        return false;
    ac = dt_address_cells(fdt, parent);
    sc = dt_size_cells(fdt, parent);
    if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
        return false;
    for (i = 0; (i + 1) * (ac + sc) * 4 <= len; i++) {
        uint64_t a = dt_read_cells(reg + i * (ac + sc), ac);
        uint64_t s = dt_read_cells(reg + i * (ac + sc) + ac, sc);

        if (!s || !dt_to_cpu(fdt, node, &a) || a + s < a)
            continue;
        s = ((a + s + PAGE_MASK_LOW) & ~PAGE_MASK_LOW) - (a & ~PAGE_MASK_LOW);
        a &= ~PAGE_MASK_LOW;
        if (pa >= a && size <= s && pa - a <= s - size)
            return true;
    }
    return false;
}

const char *passthrough_hyp_device(const void *fdt, int node)
{
    if (dt_prop(fdt, node, "interrupt-controller") || dt_prop(fdt, node, "msi-controller"))
        return "the GIC";
    if (!fdt_node_check_compatible(fdt, node, "arm,armv8-timer") ||
        !fdt_node_check_compatible(fdt, node, "arm,armv7-timer"))
        return "the timer";
    if (bootinfo.uart_base &&
        host_reg_holds(fdt, node, bootinfo.uart_base & ~PAGE_MASK_LOW, PAGE_SIZE))
        return "its console UART";
    if (dt_prop(fdt, node, "device_type"))
        return "RAM or a CPU";
    return NULL;
}

/* What of the hypervisor's a host-physical range touches: RAM, the GIC, the UART; NULL if none. */
static const char *hyp_range(uint64_t pa, uint64_t size)
{
    unsigned int i;

    for (i = 0; i < bootinfo.nr_mem; i++)
        if (ranges_overlap(pa, size, bootinfo.mem[i].start, bootinfo.mem[i].size))
            return "RAM";
    if (ranges_overlap(pa, size, bootinfo.gicd_base, bootinfo.gicd_size) ||
        ranges_overlap(pa, size, bootinfo.gicr_base, bootinfo.gicr_size))
        return "the GIC";
    if (bootinfo.uart_base &&
        ranges_overlap(pa, size, bootinfo.uart_base & ~PAGE_MASK_LOW, PAGE_SIZE))
        return "the hypervisor's console UART";
    return NULL;
}

/* What a guest-physical range hits in the guest's own map; NULL if it is free. */
static const char *guest_range(const struct guest_map *m, uint64_t gpa, uint64_t size,
                               uint64_t ram_size)
{
    if (ranges_overlap(gpa, size, m->ram, ram_size))
        return "the guest's RAM";
    if (ranges_overlap(gpa, size, m->gicd, GUEST_GICV3_GICD_SIZE) ||
        ranges_overlap(gpa, size, m->gicr, m->gicr_size))
        return "the guest's vGIC";
    if (ranges_overlap(gpa, size, m->uart, GUEST_PL011_SIZE))
        return "the guest's vPL011";
    return NULL;
}

static bool check_ranges(struct pt_config *pt, int node, int host, const fdt32_t *xreg, int len,
                         int ac, int sc, const struct guest_map *m, uint64_t ram_size)
{
    int step = 2 * ac + sc, i;

    if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len <= 0 || len % (4 * step))
        return refuse(pt, node, "xen,reg", "is not whole <phys size guest> triples");
    for (i = 0; i < len / (4 * step); i++) {
        const fdt32_t *e = xreg + i * step;
        uint64_t pa = dt_read_cells(e, ac), size = dt_read_cells(e + ac, sc);
        uint64_t gpa = dt_read_cells(e + ac + sc, ac);
        const char *what = NULL, *with = "";
        unsigned int j;

        if (!size || ((pa | size | gpa) & PAGE_MASK_LOW))
            what = "is not page-aligned";
        else if (pa + size < pa || gpa + size < gpa || gpa + size > (1UL << 32))
            what = "wraps or leaves the guest's 4 GiB";
        else if (!host_reg_holds(pt_host_fdt, host, pa, size))
            what = "lies outside the host node's \"reg\"";
        else if (m->direct && gpa != pa)
            what = "is not at its host address, as direct-map wants";
        else {
            with = hyp_range(pa, size);
            if (!with)
                with = guest_range(m, gpa, size, ram_size);
            for (j = 0; !with && j < pt->nr_ranges; j++)
                if (ranges_overlap(pa, size, pt->range[j].pa, pt->range[j].size) ||
                    ranges_overlap(gpa, size, pt->range[j].gpa, pt->range[j].size))
                    with = "another range of this guest";
            what = with ? "overlaps " : NULL;
            for (j = 0; !what && j < nr_claims; j++)
                if (ranges_overlap(pa, size, claims[j].pa, claims[j].size)) {
                    what = "is already assigned to ";
                    with = claims[j].dom;
                }
        }
        if (what)
            return refuse(pt, node, "xen,reg", "range %#lx+%#lx at guest %#lx %s%s",
                          (unsigned long)pa, (unsigned long)size, (unsigned long)gpa, what,
                          with ? with : "");
        if (pt->nr_ranges == PT_MAX_RANGES)
            return refuse(pt, node, "xen,reg", "makes more than %u ranges", PT_MAX_RANGES);
        pt->range[pt->nr_ranges++] = (struct pt_range){pa, size, gpa};
    }
    return true;
}

/* The host node node's interrupts go to: its or its nearest ancestor's interrupt-parent. */
static int host_irq_parent(const void *fdt, int node)
{
    for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
        int len;
        const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-parent", &len);

        if (p && len == 4)
            return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
        if (node == 0)
            break;
    }
    return -1;
}

/*
 * The host node's SPIs, all routed to the guest as Xen routes them
 * (GIC binding: <type number flags>, type 0 SPI = INTID 32 + number;
 * flags 1 or 2 edge, 4 or 8 level). *mine: the INTIDs (bit n = 32 + n).
 */
static bool check_host_irqs(struct pt_config *pt, int node, int host, bool vpl011,
                            const struct guest_map *m, uint32_t *mine)
{
    const void *fdt = pt_host_fdt;
    const fdt32_t *irq = dt_prop(fdt, host, "interrupts");
    int len, gic, i;

    *mine = 0;
    if (dt_prop(fdt, host, "interrupts-extended"))
        return refuse(pt, node, "xen,path", "names a host node with \"interrupts-extended\", "
                                            "which is not supported");
    if (!irq)
        return true;
    fdt_getprop(fdt, host, "interrupts", &len);
    gic = host_irq_parent(fdt, host);
    if (gic < 0 || fdt_node_check_compatible(fdt, gic, "arm,gic-v3") || len % 12)
        return refuse(pt, node, "xen,path", "names a host node whose interrupts are not "
                                            "<type number flags> of the GICv3");
    for (i = 0; i < len / 12; i++) {
        uint32_t type = fdt32_to_cpu(irq[3 * i]), num = fdt32_to_cpu(irq[3 * i + 1]);
        uint32_t flags = fdt32_to_cpu(irq[3 * i + 2]), intid = num + 32;
        const char *what = NULL, *owner = NULL;

        if (type != 0)
            return refuse(pt, node, "xen,path", "names a host node with interrupt <%u %u>, not "
                          "an SPI: only SPIs can be assigned", type, num);
        if (num >= VGIC_NR_SPIS)
            what = "beyond the vGIC's SPIs (INTIDs 32-63)";
        else if (intid >= gic_nr_lines())
            what = "beyond the GIC's lines";
        else if (intid == bootinfo.uart_irq)
            what = "the hypervisor's console UART's";
        else if (vpl011 && intid == m->uart_spi)
            what = "the guest's vPL011 SPI";
        else if (spi_owner[num])
            owner = spi_owner[num]->name;
        if (what || owner)
            return refuse(pt, node, "xen,path", "names a host node with SPI %u (INTID %u), %s%s",
                          num, intid, owner ? "already assigned to " : "", owner ? owner : what);
        *mine |= 1u << num;
        pt->spis |= 1u << num;
        if (flags & 3)
            pt->spi_edge |= 1u << num;
    }
    return true;
}

/* The fragment node's own "interrupts": each an SPI of its host node (mine). */
static bool check_guest_irqs(struct pt_config *pt, int node, uint32_t mine)
{
    int len, i;
    const fdt32_t *irq = fdt_getprop(pt->pfdt, node, "interrupts", &len);

    if (!irq)
        return true;
    if (len % 12)
        return refuse(pt, node, "interrupts", "is not whole <type number flags> triples");
    for (i = 0; i < len / 12; i++) {
        uint32_t type = fdt32_to_cpu(irq[3 * i]), num = fdt32_to_cpu(irq[3 * i + 1]);

        if (type == 0 && num < VGIC_NR_SPIS && (mine & (1u << num)))
            continue;
        return refuse(pt, node, "interrupts", "<%u %u> is not an SPI of the host node xen,path "
                      "names", type, num);
    }
    return true;
}

/* A device node with xen,reg and xen,path (Xen's handle_passthrough_prop()). */
static bool check_device(struct pt_config *pt, int node, int ac, int sc, bool vpl011,
                         const struct guest_map *m, uint64_t ram_size)
{
    int len, host;
    const fdt32_t *xreg = fdt_getprop(pt->pfdt, node, "xen,reg", &len);
    const char *path = NULL, *hyp;
    bool force = dt_prop(pt->pfdt, node, "xen,force-assign-without-iommu") != NULL;
    int has_path = dt_prop_string(pt->pfdt, node, "xen,path", &path);
    uint32_t mine;

    if (has_path < 0)
        return refuse(pt, node, "xen,path", "is not a NUL-terminated string");
    if (!xreg && !has_path) {
        /* A plain node (a fixed clock, a bus): its interrupts would belong to nobody. */
        if (dt_prop(pt->pfdt, node, "interrupts"))
            return refuse(pt, node, "interrupts", "without xen,path: no host device owns them");
        return true;
    }
    if (!xreg)
        return refuse(pt, node, "xen,reg", "is missing beside xen,path (Xen refuses this too)");
    if (!has_path)
        return refuse(pt, node, "xen,path", "is missing: Keel assigns MMIO only within a "
                                            "host node's \"reg\"");
    if (!force)
        return refuse(pt, node, "xen,force-assign-without-iommu",
                      "is missing: no IOMMU confines this device's DMA");
    host = fdt_path_offset(pt_host_fdt, path);
    if (host < 0)
        return refuse(pt, node, "xen,path", "\"%s\" names no host device-tree node", path);
    hyp = passthrough_hyp_device(pt_host_fdt, host);
    if (hyp)
        return refuse(pt, node, "xen,path", "\"%s\" names %s, which the hypervisor uses", path,
                      hyp);
    return check_ranges(pt, node, host, xreg, len, ac, sc, m, ram_size) &&
           check_host_irqs(pt, node, host, vpl011, m, &mine) && check_guest_irqs(pt, node, mine);
}

static bool is_pt_prop(const char *name)
{
    return !strcmp(name, "xen,reg") || !strcmp(name, "xen,path") ||
           !strcmp(name, "xen,force-assign-without-iommu");
}

/* node and everything below it; ac/sc: the cells of its parent (Xen's scan_pfdt_node()). */
static bool scan_node(struct pt_config *pt, int node, int ac, int sc, int depth, bool vpl011,
                      const struct guest_map *m, uint64_t ram_size)
{
    int prop, sub;

    if (depth > PT_MAX_DEPTH)
        return refuse(pt, node, "name", "nests deeper than Keel copies");
    fdt_for_each_property_offset(prop, pt->pfdt, node) {
        const char *name;
        int len;
        const fdt32_t *val = fdt_getprop_by_offset(pt->pfdt, prop, &name, &len);

        if (!val)
            continue;
        if (!strncmp(name, "xen,", 4) && !is_pt_prop(name))
            return refuse(pt, node, name, "is not supported (unknown to Keel)");
        /* Xen assigns these on /passthrough itself too; Keel would drop them unread. */
        if (depth == 0 && is_pt_prop(name))
            return refuse(pt, node, name, "is only read on device nodes");
        if (!strcmp(name, "interrupts-extended"))
            return refuse(pt, node, name, "is not supported (use interrupts)");
        if ((!strcmp(name, "phandle") || !strcmp(name, "linux,phandle")) && len == 4 &&
            fdt32_to_cpu(*val) == pt->gic_phandle)
            return refuse(pt, node, name, "is the phandle the guest's GIC takes");
    }
    if (depth > 0 && !check_device(pt, node, ac, sc, vpl011, m, ram_size))
        return false;
    ac = dt_address_cells(pt->pfdt, node);
    sc = dt_size_cells(pt->pfdt, node);
    fdt_for_each_subnode(sub, pt->pfdt, node)
        if (!scan_node(pt, sub, ac, sc, depth + 1, vpl011, m, ram_size))
            return false;
    return true;
}

bool passthrough_parse(const void *fdt, const void *pfdt, uint64_t size, const char *dom,
                       bool vpl011, const struct guest_map *m, uint64_t ram_size,
                       struct pt_config *pt)
{
    int node;

    memset(pt, 0, sizeof(*pt));
    pt->dom = dom;
    pt_host_fdt = fdt;
    /* Before version 16 node names are paths, and libfdt names none without a '/' (NULL). */
    if (size < sizeof(struct fdt_header) || fdt_check_header(pfdt) || fdt_totalsize(pfdt) > size ||
        fdt_version(pfdt) < 16) {
        printk_refuse_guest(dom, "passthrough: the \"multiboot,device-tree\" module is not a "
                            "device tree within its %#lx bytes", (unsigned long)size);
        return false;
    }
    pt->pfdt = pfdt;
    pt->gic_phandle = GUEST_GIC_PHANDLE;
    node = fdt_subnode_offset(pfdt, 0, "gic");
    if (node >= 0 && fdt_get_phandle(pfdt, node))
        pt->gic_phandle = fdt_get_phandle(pfdt, node);
    fdt_for_each_subnode(node, pfdt, 0) {
        const char *name = dt_node_name(pfdt, node);

        if (!strcmp(name, "gic"))
            continue;
        if (!strcmp(name, "passthrough")) {
            /* passthrough.txt: compatible "simple-bus", ranges and both cells are mandatory. */
            if (fdt_node_check_compatible(pfdt, node, "simple-bus"))
                return refuse(pt, node, "compatible", "does not hold \"simple-bus\"");
            if (!dt_prop(pfdt, node, "ranges"))
                return refuse(pt, node, "ranges", "is missing");
            if (!dt_prop(pfdt, node, "#address-cells"))
                return refuse(pt, node, "#address-cells", "is missing");
            if (!dt_prop(pfdt, node, "#size-cells"))
                return refuse(pt, node, "#size-cells", "is missing");
        } else if (strcmp(name, "aliases")) {
            printk("%s: passthrough: node /%s of the partial device tree not copied (as in Xen: "
                   "only /passthrough, /aliases, /gic)\n", dom, name);
            continue;
        }
        if (!scan_node(pt, node, 2, 1, 0, vpl011, m, ram_size))
            return false;
    }
    return true;
}

/*
 * The range is mapped in stage 2, so the guest's accesses to it never trap
 * here; the region is registered so that nothing else takes its addresses.
 * An access that does trap (from a vCPU not yet stopped after the range
 * was unmapped) is no access to carry out: the guest is crashed.
 */
static bool pt_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t off, uint64_t *val)
{
    return false;
}

int passthrough_map(struct domain *d, const struct pt_config *pt)
{
    unsigned int i;
    int rc;

    for (i = 0; i < pt->nr_ranges; i++) {
        const struct pt_range *r = &pt->range[i];

        rc = mmio_register(d, r->gpa, r->size, pt_mmio);
        if (!rc)
            rc = p2m_map_device(d, r->gpa, r->pa, r->size);
        if (rc)
            return rc;
        d->arch.pt_range[i] = *r;
        printk("d%u: passthrough: MMIO %#lx-%#lx at IPA %#lx (Device-nGnRE)\n", d->domain_id,
               (unsigned long)r->pa, (unsigned long)(r->pa + r->size - 1), (unsigned long)r->gpa);
    }
    d->arch.pt_nr_ranges = pt->nr_ranges;
    return 0;
}

void passthrough_route(struct domain *d, const struct pt_config *pt)
{
    uint64_t mpidr = bootinfo.cpu_mpidr[d->vcpu[0].pcpu];
    uint32_t spis;
    unsigned int i;

    for (i = 0; i < pt->nr_ranges && nr_claims < PT_MAX_CLAIMS; i++)
        claims[nr_claims++] = (typeof(claims[0])){pt->range[i].pa, pt->range[i].size, d->name};
    for (spis = pt->spis; spis; spis &= spis - 1) {
        unsigned int n = __builtin_ctz(spis);
        bool edge = pt->spi_edge & (1u << n);

        vgic_spi_forward(d, 32 + n, edge);
        gic_spi_assign(32 + n, edge, mpidr);
        __atomic_store_n(&spi_owner[n], d, __ATOMIC_RELEASE);
        printk("d%u: passthrough: SPI %u (INTID %u, %s) forwarded with the HW bit\n",
               d->domain_id, n, 32 + n, edge ? "edge" : "level");
    }
}

bool passthrough_irq(unsigned int irq)
{
    struct domain *d;

    if (irq < 32 || irq >= 32 + VGIC_NR_SPIS)
        return false;
    d = __atomic_load_n(&spi_owner[irq - 32], __ATOMIC_ACQUIRE);
    if (!d)
        return false;
    if (d->state != DOMAIN_RUNNING) {
        /* Its owner ended while it fired: keep it quiet. */
        gic_spi_enable(irq, false);
        gic_spi_deactivate(irq);
        return true;
    }
    /* Its vCPU running here (the SPI is routed to its CPU): straight into a list register. */
    if (!current || !vgic_spi_hw_fast(current, d, irq))
        vgic_spi_hw(d, irq);
    return true;
}

void passthrough_quiet(struct domain *d)
{
    unsigned int n, st;

    for (n = 0; n < VGIC_NR_SPIS; n++) {
        if (spi_owner[n] != d)
            continue;
        gic_spi_enable(32 + n, false);
        gic_spi_pend(32 + n, false);
        gic_spi_deactivate(32 + n);
        st = gic_spi_state(32 + n);
        /* What the distributor now says, read back: the log shows it, not what was meant. */
        printk("d%u: passthrough: SPI %u (INTID %u) disabled and deactivated (GICD: enabled %u, "
               "pending %u, active %u)\n", d->domain_id, n, 32 + n, st & 1, (st >> 1) & 1,
               (st >> 2) & 1);
    }
    for (n = 0; n < d->arch.pt_nr_ranges; n++) {
        const struct pt_range *r = &d->arch.pt_range[n];

        p2m_unmap(d, r->gpa, r->size);
        printk("d%u: passthrough: MMIO %#lx-%#lx unmapped\n", d->domain_id, (unsigned long)r->pa,
               (unsigned long)(r->pa + r->size - 1));
    }
    d->arch.pt_nr_ranges = 0;
}

static int copy_node(void *fdt, const void *pfdt, int node)
{
    int prop, sub, r = fdt_begin_node(fdt, dt_node_name(pfdt, node));

    fdt_for_each_property_offset(prop, pfdt, node) {
        const char *name;
        int len;
        const void *val = fdt_getprop_by_offset(pfdt, prop, &name, &len);

        if (val && !is_pt_prop(name))
            r |= fdt_property(fdt, name, val, len);
    }
    fdt_for_each_subnode(sub, pfdt, node)
        r |= copy_node(fdt, pfdt, sub);
    return r | fdt_end_node(fdt);
}

int passthrough_fdt(void *fdt, const struct pt_config *pt)
{
    int node, r = 0;

    if (!pt->pfdt)
        return 0;
    fdt_for_each_subnode(node, pt->pfdt, 0) {
        const char *name = dt_node_name(pt->pfdt, node);

        if (!strcmp(name, "passthrough") || !strcmp(name, "aliases"))
            r |= copy_node(fdt, pt->pfdt, node);
    }
    return r;
}

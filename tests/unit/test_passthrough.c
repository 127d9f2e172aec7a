/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The passthrough parser (xen/arch/arm/passthrough.c, built for the host)
 * as a black box: a host device tree after QEMU's virt machine and one
 * partial device tree per case, all compiled by dtc (tests/unit/dt/). A
 * tree Xen's bindings allow is taken with what it assigns recorded; any
 * other is refused in one line naming the domain, the partial tree's node
 * and the property, and nothing is claimed. passthrough_route() runs last,
 * against a fake GIC: a device has one owner.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <asm/guest_map.h>
#include <asm/passthrough.h>
#include <asm/setup.h>
#include <public/arch-arm.h>
#include <xen/console.h>
#include <xen/sched.h>

#include "helpers.h"

/* The embedded trees (tests/unit/dtbs.S). */
#define DTB(n) extern const char dtb_##n[], dtb_##n##_end[]
DTB(host_virt);
DTB(pt_rtc);
DTB(pt_virtio);
DTB(pt_two);
DTB(pt_unaligned);
DTB(pt_outside);
DTB(pt_over_ram);
DTB(pt_overlap);
DTB(pt_too_many);
DTB(pt_no_path);
DTB(pt_bad_path);
DTB(pt_uart);
DTB(pt_gic);
DTB(pt_timer);
DTB(pt_foreign_spi);
DTB(pt_ppi);
DTB(pt_host_ppi);
DTB(pt_no_force);
DTB(pt_unknown_prop);
DTB(pt_reg_len);
DTB(pt_irq_cells);
DTB(pt_host_irq_cells);
DTB(pt_shared_spi);
DTB(pt_no_passthrough);
DTB(pt_cells0);
DTB(pt_cells3);
DTB(pt_bus_xen_reg);
#define BLOB(n) dtb_##n, (uint64_t)(dtb_##n##_end - dtb_##n)

/* The fake GIC, vGIC and stage 2 that passthrough.c drives: what they were asked. */
static unsigned int assigned_irq, forwarded_irq, assigns, forwards;
static bool assigned_edge, forwarded_edge;
static uint64_t assigned_mpidr;
static struct domain *forwarded_to;

unsigned int gic_nr_lines(void)
{
    return 288; /* QEMU virt's GICD_TYPER.ITLinesNumber 8 */
}

void gic_spi_assign(unsigned int irq, bool edge, uint64_t mpidr)
{
    assigns++;
    assigned_irq = irq;
    assigned_edge = edge;
    assigned_mpidr = mpidr;
}

void vgic_spi_forward(struct domain *d, unsigned int irq, bool edge)
{
    forwards++;
    forwarded_to = d;
    forwarded_irq = irq;
    forwarded_edge = edge;
}

void gic_spi_enable(unsigned int irq, bool on)
{
}

void gic_spi_pend(unsigned int irq, bool on)
{
}

void gic_spi_deactivate(unsigned int irq)
{
}

unsigned int gic_spi_state(unsigned int irq)
{
    return 0;
}

void vgic_spi_hw(struct domain *d, unsigned int irq)
{
}

bool vgic_spi_hw_fast(struct vcpu *v, struct domain *d, unsigned int irq)
{
    return false;
}

int p2m_map_device(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size)
{
    return 0;
}

void p2m_unmap(struct domain *d, uint64_t ipa, uint64_t size)
{
}

/* Xen's guest layout (public/arch-arm.h) with 16 MiB of RAM and a vPL011. */
#define RAM_SIZE (16ULL << 20)
static const struct guest_map xen_map = {
    .ram = GUEST_RAM0_BASE,
    .gicd = GUEST_GICV3_GICD_BASE,
    .gicr = GUEST_GICV3_GICR0_BASE,
    .gicr_size = GUEST_GICV3_GICR0_SIZE,
    .uart = GUEST_PL011_BASE,
    .uart_spi = GUEST_VPL011_SPI,
};

static const void *host = dtb_host_virt;

/* bootinfo as setup.c fills it from the host tree: RAM, GIC, timer, the console UART. */
static int setup(void)
{
    uint64_t base;
    unsigned int irq;

    memset(&bootinfo, 0, sizeof(bootinfo));
    if (dt_parse_host(host) || !dt_stdout_uart(host, &base, &irq))
        return 1;
    bootinfo.uart_base = base;
    bootinfo.uart_irq = irq;
    return bootinfo.gicd_base != 0x8000000 || bootinfo.uart_base != 0x9000000 ||
           bootinfo.uart_irq != 33;
}

/* passthrough_parse() of one partial tree for domain dom, the console cleared first. */
static bool parse(const char *dom, const void *pfdt, uint64_t size, struct pt_config *pt)
{
    fake_console_clear();
    console_reset();
    return passthrough_parse(host, pfdt, size, dom, true, &xen_map, RAM_SIZE, pt);
}

/* Nothing refused before claimed anything: the good tree still parses. */
static void assert_nothing_claimed(void)
{
    struct pt_config pt;

    CU_ASSERT_TRUE(parse("again", BLOB(pt_rtc), &pt));
    CU_ASSERT_EQUAL(pt.nr_ranges, 1);
}

/*
 * The partial tree is refused for domain "dom1", in one line naming the
 * node and the property, with why in it.
 */
static void assert_refused(const char *pfdt, uint64_t size, const char *node, const char *prop,
                           const char *why)
{
    struct pt_config pt;
    char line[192];

    CU_ASSERT_FALSE(parse("dom1", pfdt, size, &pt));
    snprintf(line, sizeof(line), "dom1: passthrough: %s: property \"%s\" ", node, prop);
    if (!console_has(line) || !console_has(why) || !console_has(": guest not created\n"))
        fprintf(stderr, "\n  wanted \"%s\" ... \"%s\", got: %s", line, why, fake_console);
    CU_ASSERT_TRUE(console_has(line));
    CU_ASSERT_TRUE(console_has(why));
    CU_ASSERT_TRUE(console_has(": guest not created\n"));
    assert_nothing_claimed();
}

static void test_one_device(void)
{
    struct pt_config pt;

    CU_ASSERT_TRUE(parse("dom1", BLOB(pt_rtc), &pt));
    CU_ASSERT_EQUAL(fake_console_len, 0);
    CU_ASSERT_PTR_EQUAL(pt.pfdt, dtb_pt_rtc);
    CU_ASSERT_STRING_EQUAL(pt.dom, "dom1");
    CU_ASSERT_EQUAL(pt.gic_phandle, 65000); /* the /gic placeholder's */
    CU_ASSERT_EQUAL(pt.nr_ranges, 1);
    CU_ASSERT_EQUAL(pt.range[0].pa, 0x9010000);
    CU_ASSERT_EQUAL(pt.range[0].size, 0x1000);
    CU_ASSERT_EQUAL(pt.range[0].gpa, 0x30000000);
    CU_ASSERT_EQUAL(pt.spis, 1u << 2); /* the PL031's SPI 2, INTID 34 */
    CU_ASSERT_EQUAL(pt.spi_edge, 0);   /* level-high (flags 4) */
}

/* QEMU's virtio-mmio transports are 0x200 bytes: assigned by the page that holds one. */
static void test_widened_to_page(void)
{
    struct pt_config pt;

    CU_ASSERT_TRUE(parse("dom1", BLOB(pt_virtio), &pt));
    CU_ASSERT_EQUAL(pt.nr_ranges, 1);
    CU_ASSERT_EQUAL(pt.range[0].pa, 0xa000000);
    CU_ASSERT_EQUAL(pt.range[0].size, 0x1000);
    CU_ASSERT_EQUAL(pt.range[0].gpa, 0x30010000);
    CU_ASSERT_EQUAL(pt.spis, 1u << 17);
    CU_ASSERT_EQUAL(pt.spi_edge, 1u << 17); /* edge rising (flags 1) */
    CU_ASSERT_EQUAL(pt.gic_phandle, 65000);
}

static void test_two_devices(void)
{
    struct pt_config pt;

    CU_ASSERT_TRUE(parse("dom1", BLOB(pt_two), &pt));
    CU_ASSERT_EQUAL(pt.nr_ranges, 2);
    CU_ASSERT_EQUAL(pt.range[0].pa, 0x9010000);
    CU_ASSERT_EQUAL(pt.range[0].gpa, 0x30000000);
    CU_ASSERT_EQUAL(pt.range[1].pa, 0x9030000);
    CU_ASSERT_EQUAL(pt.range[1].size, 0x1000);
    CU_ASSERT_EQUAL(pt.range[1].gpa, 0x30020000);
    CU_ASSERT_EQUAL(pt.spis, (1u << 2) | (1u << 7));
    CU_ASSERT_EQUAL(pt.spi_edge, 0);
}

/* As in Xen, a tree without /passthrough assigns nothing; its other nodes are named, not copied. */
static void test_no_passthrough(void)
{
    struct pt_config pt;
    char buf[1024];

    CU_ASSERT_TRUE(parse("dom1", BLOB(pt_no_passthrough), &pt));
    CU_ASSERT_EQUAL(pt.nr_ranges, 0);
    CU_ASSERT_EQUAL(pt.spis, 0);
    CU_ASSERT_EQUAL(pt.gic_phandle, 65000);
    CU_ASSERT_TRUE(console_has("dom1: passthrough: node /timer of the partial device tree not "
                               "copied"));
    CU_ASSERT_FALSE(console_has("guest not created"));
    /* Nothing for the guest's tree either. */
    CU_ASSERT_EQUAL(fdt_create(buf, sizeof(buf)), 0);
    CU_ASSERT_EQUAL(fdt_finish_reservemap(buf), 0);
    CU_ASSERT_EQUAL(fdt_begin_node(buf, ""), 0);
    CU_ASSERT_EQUAL(passthrough_fdt(buf, &pt), 0);
    CU_ASSERT_EQUAL(fdt_end_node(buf), 0);
    CU_ASSERT_EQUAL(fdt_finish(buf), 0);
    CU_ASSERT_EQUAL(fdt_first_subnode(buf, 0), -FDT_ERR_NOTFOUND);
}

/* The guest's tree gets /passthrough and /aliases, without the xen,* properties, not /gic. */
static void test_guest_fdt(void)
{
    const fdt32_t reg[] = {0, cpu_to_fdt32(0x30000000), 0, cpu_to_fdt32(0x1000)};
    const fdt32_t irq[] = {0, cpu_to_fdt32(2), cpu_to_fdt32(4)};
    struct pt_config pt;
    char buf[4096];
    const char *s;
    const void *p;
    int node, prop, len;

    CU_ASSERT_TRUE(parse("dom1", BLOB(pt_rtc), &pt));
    CU_ASSERT_EQUAL(fdt_create(buf, sizeof(buf)), 0);
    CU_ASSERT_EQUAL(fdt_finish_reservemap(buf), 0);
    CU_ASSERT_EQUAL(fdt_begin_node(buf, ""), 0);
    CU_ASSERT_EQUAL(passthrough_fdt(buf, &pt), 0);
    CU_ASSERT_EQUAL(fdt_end_node(buf), 0);
    CU_ASSERT_EQUAL(fdt_finish(buf), 0);
    CU_ASSERT_EQUAL(fdt_check_full(buf, sizeof(buf)), 0);

    node = fdt_path_offset(buf, "/passthrough");
    CU_ASSERT_TRUE(node >= 0);
    CU_ASSERT_EQUAL(fdt_node_check_compatible(buf, node, "simple-bus"), 0);
    CU_ASSERT_PTR_NOT_NULL(fdt_getprop(buf, node, "ranges", NULL));
    node = fdt_path_offset(buf, "/passthrough/rtc@30000000");
    CU_ASSERT_TRUE(node >= 0);
    CU_ASSERT_EQUAL(fdt_node_check_compatible(buf, node, "arm,pl031"), 0);
    p = fdt_getprop(buf, node, "reg", &len);
    CU_ASSERT_TRUE(p && len == sizeof(reg) && !memcmp(p, reg, sizeof(reg)));
    p = fdt_getprop(buf, node, "interrupts", &len);
    CU_ASSERT_TRUE(p && len == sizeof(irq) && !memcmp(p, irq, sizeof(irq)));
    p = fdt_getprop(buf, node, "interrupt-parent", &len);
    CU_ASSERT_TRUE(p && len == 4 && fdt32_to_cpu(*(const fdt32_t *)p) == 65000);
    /* No xen,* property anywhere. */
    for (node = 0; node >= 0; node = fdt_next_node(buf, node, NULL))
        fdt_for_each_property_offset(prop, buf, node)
        {
            fdt_getprop_by_offset(buf, prop, &s, NULL);
            CU_ASSERT_FALSE(!strncmp(s, "xen,", 4));
        }
    s = fdt_getprop(buf, fdt_path_offset(buf, "/aliases"), "rtc0", &len);
    CU_ASSERT_TRUE(s && !strcmp(s, "/passthrough/rtc@30000000"));
    CU_ASSERT_TRUE(fdt_path_offset(buf, "/gic") < 0);
}

static void test_refused_reg(void)
{
    assert_refused(BLOB(pt_unaligned), "rtc@30000000", "xen,reg",
                   "range 0x9010800+0x800 at guest 0x30000000 is not page-aligned");
    assert_refused(BLOB(pt_outside), "rtc@30000000", "xen,reg",
                   "range 0x9011000+0x1000 at guest 0x30000000 lies outside the host node's "
                   "\"reg\"");
    assert_refused(BLOB(pt_over_ram), "rtc@30000000", "xen,reg",
                   "range 0x9010000+0x1000 at guest 0x40001000 overlaps the guest's RAM");
    assert_refused(BLOB(pt_overlap), "sram@30000000", "xen,reg",
                   "range 0xb001000+0x1000 at guest 0x30000000 overlaps another range of this "
                   "guest");
    assert_refused(BLOB(pt_too_many), "sram@30000000", "xen,reg", "makes more than 4 ranges");
    assert_refused(BLOB(pt_reg_len), "rtc@30000000", "xen,reg",
                   "is not whole <phys size guest> triples");
    /* Cells of 0: no triple at all (Xen's scan_pfdt_node() divided by zero before its fix). */
    assert_refused(BLOB(pt_cells0), "rtc@30000000", "xen,reg",
                   "is not whole <phys size guest> triples");
    /* Three address cells: whole triples of 7 cells, but wider than the 64 bits read. */
    assert_refused(BLOB(pt_cells3), "rtc@30000000", "xen,reg",
                   "is not whole <phys size guest> triples");
}

static void test_refused_path(void)
{
    assert_refused(BLOB(pt_no_path), "rtc@30000000", "xen,path", "is missing");
    assert_refused(BLOB(pt_bad_path), "rtc@30000000", "xen,path",
                   "\"/pl031@9fff000\" names no host device-tree node");
    assert_refused(BLOB(pt_uart), "rtc@30000000", "xen,path",
                   "\"/pl011@9000000\" names its console UART, which the hypervisor uses");
    assert_refused(BLOB(pt_gic), "rtc@30000000", "xen,path",
                   "\"/intc@8000000\" names the GIC, which the hypervisor uses");
    assert_refused(BLOB(pt_timer), "rtc@30000000", "xen,path",
                   "\"/timer\" names the timer, which the hypervisor uses");
}

static void test_refused_irqs(void)
{
    assert_refused(BLOB(pt_foreign_spi), "rtc@30000000", "interrupts",
                   "<0 7> is not an SPI of the host node xen,path names");
    assert_refused(BLOB(pt_ppi), "rtc@30000000", "interrupts",
                   "<1 7> is not an SPI of the host node xen,path names");
    assert_refused(BLOB(pt_host_ppi), "rtc@30000000", "xen,path",
                   "names a host node with interrupt <1 8>, not an SPI");
    assert_refused(BLOB(pt_irq_cells), "rtc@30000000", "interrupts",
                   "is not whole <type number flags> triples");
    assert_refused(BLOB(pt_host_irq_cells), "rtc@30000000", "xen,path",
                   "names a host node whose interrupts are not <type number flags> of the GICv3");
}

static void test_refused_props(void)
{
    assert_refused(BLOB(pt_no_force), "rtc@30000000", "xen,force-assign-without-iommu",
                   "is missing: no IOMMU");
    assert_refused(BLOB(pt_unknown_prop), "rtc@30000000", "xen,reg-cacheable",
                   "is not supported (unknown to Keel)");
    /* Xen would assign what /passthrough itself names; Keel says it does not. */
    assert_refused(BLOB(pt_bus_xen_reg), "passthrough", "xen,reg", "is only read on device nodes");
}

/* A module that is not a whole device tree: bad magic, or cut shorter than its totalsize. */
static void test_refused_blob(void)
{
    uint64_t size = dtb_pt_rtc_end - dtb_pt_rtc;
    char *copy = malloc(size);
    struct pt_config pt;

    CU_ASSERT_FATAL(copy != NULL);
    memcpy(copy, dtb_pt_rtc, size);
    copy[0] ^= 0xff;
    CU_ASSERT_FALSE(parse("dom1", copy, size, &pt));
    CU_ASSERT_TRUE(console_has("dom1: passthrough: the \"multiboot,device-tree\" module is not "
                               "a device tree within its "));
    CU_ASSERT_TRUE(console_has(": guest not created\n"));
    CU_ASSERT_PTR_NULL(pt.pfdt);
    CU_ASSERT_EQUAL(pt.nr_ranges, 0);
    memcpy(copy, dtb_pt_rtc, size);
    CU_ASSERT_EQUAL(fdt_totalsize(copy), size);
    CU_ASSERT_FALSE(parse("dom1", copy, size - 1, &pt));
    CU_ASSERT_TRUE(console_has("is not a device tree within its "));
    CU_ASSERT_PTR_NULL(pt.pfdt);
    /*
     * Version 15 (dtc's -V 16 and later write 17): libfdt reads its node
     * names as whole paths and, finding no '/' in these, names none of
     * its nodes (fdt_get_name() NULL).
     */
    memcpy(copy, dtb_pt_rtc, size);
    ((fdt32_t *)copy)[5] = cpu_to_fdt32(15); /* version */
    ((fdt32_t *)copy)[6] = cpu_to_fdt32(2);  /* last_comp_version */
    CU_ASSERT_EQUAL(fdt_check_header(copy), 0);
    CU_ASSERT_FALSE(parse("dom1", copy, size, &pt));
    CU_ASSERT_TRUE(console_has("dom1: passthrough: the \"multiboot,device-tree\" module is not "
                               "a device tree within its "));
    free(copy);
    /*
     * Shorter than a header: its 16 bytes end a page that an inaccessible
     * one follows, so a read past the module faults (the host's libfdt is
     * not instrumented for ASan to see it).
     */
    copy = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CU_ASSERT_FATAL(copy != MAP_FAILED);
    CU_ASSERT_FATAL(mprotect(copy + PAGE_SIZE, PAGE_SIZE, PROT_NONE) == 0);
    memcpy(copy + PAGE_SIZE - 16, dtb_pt_rtc, 16);
    CU_ASSERT_FALSE(parse("dom1", copy + PAGE_SIZE - 16, 16, &pt));
    CU_ASSERT_TRUE(console_has("within its 0x10 bytes"));
    munmap(copy, 2 * PAGE_SIZE);
    assert_nothing_claimed();
}

/* Devices an earlier domain owns: its MMIO and its SPI are refused to the next. */
static void test_owned(void)
{
    static struct domain owner = {.domain_id = 1, .name = "owner"};
    struct pt_config pt;

    bootinfo.cpu_mpidr[0] = 0x80000000;
    CU_ASSERT_TRUE(parse("owner", BLOB(pt_rtc), &pt));
    passthrough_route(&owner, &pt);
    CU_ASSERT_EQUAL(assigns, 1);
    CU_ASSERT_EQUAL(assigned_irq, 34);
    CU_ASSERT_FALSE(assigned_edge);
    CU_ASSERT_EQUAL(assigned_mpidr, 0x80000000);
    CU_ASSERT_EQUAL(forwards, 1);
    CU_ASSERT_PTR_EQUAL(forwarded_to, &owner);
    CU_ASSERT_EQUAL(forwarded_irq, 34);
    CU_ASSERT_FALSE(forwarded_edge);
    CU_ASSERT_TRUE(console_has("d1: passthrough: SPI 2 (INTID 34, level) forwarded"));

    CU_ASSERT_FALSE(parse("thief", BLOB(pt_rtc), &pt));
    CU_ASSERT_TRUE(console_has("thief: passthrough: rtc@30000000: property \"xen,reg\" range "
                               "0x9010000+0x1000 at guest 0x30000000 is already assigned to "
                               "owner: guest not created\n"));
    /* Another page, the same SPI. */
    CU_ASSERT_FALSE(parse("thief", BLOB(pt_shared_spi), &pt));
    CU_ASSERT_TRUE(console_has("thief: passthrough: rtc@30000000: property \"xen,path\" names a "
                               "host node with SPI 2 (INTID 34), already assigned to owner: "
                               "guest not created\n"));
    /* What the owner does not have stays free: the edge-triggered virtio transport. */
    CU_ASSERT_TRUE(parse("other", BLOB(pt_virtio), &pt));
    CU_ASSERT_TRUE(passthrough_irq(34));
    CU_ASSERT_FALSE(passthrough_irq(32 + 17));
}

int register_passthrough_tests(void)
{
    CU_pSuite s = CU_add_suite("arm_passthrough", setup, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_one_device);
    ADD_TEST(s, test_widened_to_page);
    ADD_TEST(s, test_two_devices);
    ADD_TEST(s, test_no_passthrough);
    ADD_TEST(s, test_guest_fdt);
    ADD_TEST(s, test_refused_reg);
    ADD_TEST(s, test_refused_path);
    ADD_TEST(s, test_refused_irqs);
    ADD_TEST(s, test_refused_props);
    ADD_TEST(s, test_refused_blob);
    ADD_TEST(s, test_owned); /* claims are never dropped: last */
    return 0;
}

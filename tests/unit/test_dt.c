/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host device tree reader (xen/arch/arm/dt.c, built for the host with
 * the host's libfdt): trees written here with libfdt's sequential writer,
 * one bad property at a time, must be reported by node and leave the
 * defaults (or skip what they describe) -- never be used as they are.
 */
#include <libfdt.h>
#include <string.h>

#include <xen/console.h>
#include <xen/version.h>

#include "helpers.h"
#include "xen/arch/arm/include/asm/setup.h"

/* One property of the tree to break: node name, property, raw bytes. */
struct bad_prop {
    const char *node, *name;
    const void *val;
    int len;
};

static char blob[8192];

static const struct bad_prop *bad;

/* The named property of node, or the bad one that replaces it. */
static int prop(void *fdt, const char *node, const char *name, const void *val, int len)
{
    if (bad && !strcmp(bad->node, node) && !strcmp(bad->name, name)) {
        if (!bad->val)
            return 0; /* left out */
        return fdt_property(fdt, name, bad->val, bad->len);
    }
    return fdt_property(fdt, name, val, len);
}

static int prop_u32s(void *fdt, const char *node, const char *name, const uint32_t *v, int n)
{
    fdt32_t cells[16];
    int i;

    for (i = 0; i < n; i++)
        cells[i] = cpu_to_fdt32(v[i]);
    return prop(fdt, node, name, cells, n * 4);
}

#define STR(s) s, sizeof(s)

/* A tree like QEMU's virt machine: 1 GiB at 1 GiB, two CPUs, GICv3, timer, PSCI, PL011. */
static const void *tree(const struct bad_prop *b)
{
    static const uint32_t mem[] = {0, 0x40000000, 0, 0x40000000};
    static const uint32_t gic[] = {0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0, 0xf60000};
    static const uint32_t timer[] = {1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4};
    static const uint32_t uart[] = {0, 0x09000000, 0, 0x1000};
    static const uint32_t uart_irq[] = {0, 1, 4};
    static const uint32_t two = 2, one = 1, zero = 0, cpu1 = 1;
    void *fdt = blob;
    int r = 0;

    bad = b;
    r |= fdt_create(fdt, sizeof(blob));
    r |= fdt_finish_reservemap(fdt);
    r |= fdt_begin_node(fdt, "");
    r |= prop_u32s(fdt, "/", "#address-cells", &two, 1);
    r |= prop_u32s(fdt, "/", "#size-cells", &two, 1);
    r |= fdt_begin_node(fdt, "chosen");
    r |= prop(fdt, "chosen", "xen,xen-bootargs", STR("console=dtuart"));
    r |= prop(fdt, "chosen", "stdout-path", STR("/pl011@9000000"));
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "memory@40000000");
    r |= prop(fdt, "memory@40000000", "device_type", STR("memory"));
    r |= prop_u32s(fdt, "memory@40000000", "reg", mem, 4);
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "cpus");
    r |= prop_u32s(fdt, "cpus", "#address-cells", &one, 1);
    r |= prop_u32s(fdt, "cpus", "#size-cells", &zero, 1);
    r |= fdt_begin_node(fdt, "cpu@0");
    r |= prop(fdt, "cpu@0", "device_type", STR("cpu"));
    r |= prop_u32s(fdt, "cpu@0", "reg", &zero, 1);
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "cpu@1");
    r |= prop(fdt, "cpu@1", "device_type", STR("cpu"));
    r |= prop_u32s(fdt, "cpu@1", "reg", &cpu1, 1);
    r |= fdt_end_node(fdt);
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "intc@8000000");
    r |= prop(fdt, "intc@8000000", "compatible", STR("arm,gic-v3"));
    r |= prop_u32s(fdt, "intc@8000000", "reg", gic, 8);
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "timer");
    r |= prop(fdt, "timer", "compatible", STR("arm,armv8-timer"));
    r |= prop_u32s(fdt, "timer", "interrupts", timer, 12);
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "psci");
    r |= prop(fdt, "psci", "compatible", STR("arm,psci-1.0\0arm,psci-0.2"));
    r |= prop(fdt, "psci", "method", STR("hvc"));
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "pl011@9000000");
    r |= prop(fdt, "pl011@9000000", "compatible", STR("arm,pl011"));
    r |= prop_u32s(fdt, "pl011@9000000", "reg", uart, 4);
    r |= prop_u32s(fdt, "pl011@9000000", "interrupts", uart_irq, 3);
    r |= fdt_end_node(fdt);
    r |= fdt_end_node(fdt);
    r |= fdt_finish(fdt);
    CU_ASSERT_EQUAL_FATAL(r, 0);
    return fdt;
}

/* Parse the tree with b in it; report what dt.c found. */
static int parse(const struct bad_prop *b)
{
    const void *fdt = tree(b);
    int rc;

    memset(&bootinfo, 0, sizeof(bootinfo));
    fake_console_clear();
    console_reset();
    rc = dt_parse_host(fdt);
    dt_report();
    return rc;
}

/* Version 15 passes fdt_check_header(), but its node names are paths libfdt does not name. */
static void test_version_15_refused(void)
{
    static uint8_t copy[sizeof(blob)] __attribute__((aligned(8)));
    const void *fdt = tree(NULL);

    memcpy(copy, fdt, fdt_totalsize(fdt));
    ((fdt32_t *)copy)[5] = cpu_to_fdt32(15); /* version */
    ((fdt32_t *)copy)[6] = cpu_to_fdt32(2);  /* last_comp_version */
    CU_ASSERT_EQUAL(fdt_check_header(copy), 0);
    CU_ASSERT_FALSE(dt_usable(copy));
    memset(&bootinfo, 0, sizeof(bootinfo));
    CU_ASSERT_EQUAL(dt_parse_host(copy), -1);
    CU_ASSERT_EQUAL(bootinfo.nr_mem, 0);
    CU_ASSERT_TRUE(dt_usable(fdt));
}

static void test_good_tree(void)
{
    uint64_t base = 0;
    unsigned int irq = 0;

    CU_ASSERT_EQUAL(parse(NULL), 0);
    CU_ASSERT_EQUAL(bootinfo.nr_mem, 1);
    CU_ASSERT_EQUAL(bootinfo.mem[0].size, 0x40000000);
    CU_ASSERT_EQUAL(bootinfo.nr_cpus, 2);
    CU_ASSERT_EQUAL(bootinfo.cpu_mpidr[1], 1);
    CU_ASSERT_EQUAL(bootinfo.gicr_size, 0xf60000);
    CU_ASSERT_EQUAL(bootinfo.timer_ppi_virt, 27);
    CU_ASSERT_EQUAL(bootinfo.timer_ppi_hyp, 26);
    CU_ASSERT_TRUE(bootinfo.psci_hvc);
    CU_ASSERT_FALSE(console_has("Device tree"));
    CU_ASSERT_PTR_NOT_NULL(dt_stdout_uart(blob, &base, &irq));
    CU_ASSERT_EQUAL(base, 0x09000000);
    CU_ASSERT_EQUAL(irq, 33);
    dt_save_cmdline(blob);
    CU_ASSERT_STRING_EQUAL(cmdline_get(), "console=dtuart");
}

static void test_timer(void)
{
    static const uint32_t ppi43[] = {1, 13, 4, 1, 14, 4, 1, 43, 4, 1, 10, 4};
    static const uint32_t spi[] = {1, 13, 4, 1, 14, 4, 1, 11, 4, 0, 10, 4};
    static const uint32_t shortlist[] = {1, 13, 4, 1, 14, 4, 1, 5, 4};
    fdt32_t cells[12];
    unsigned int i;
    struct bad_prop b = {"timer", "interrupts", cells, sizeof(cells)};

    for (i = 0; i < 12; i++)
        cells[i] = cpu_to_fdt32(ppi43[i]);
    parse(&b);
    CU_ASSERT_EQUAL(bootinfo.timer_ppi_virt, 27); /* not 59: no PPI, no shift by 59 */
    CU_ASSERT_TRUE(console_has("Device tree: node timer: virtual or hypervisor timer is not a PPI"));
    for (i = 0; i < 12; i++)
        cells[i] = cpu_to_fdt32(spi[i]);
    parse(&b);
    CU_ASSERT_EQUAL(bootinfo.timer_ppi_hyp, 26); /* type 0 is an SPI */
    CU_ASSERT_TRUE(console_has("node timer"));
    for (i = 0; i < 9; i++)
        cells[i] = cpu_to_fdt32(shortlist[i]);
    b.len = 9 * 4;
    parse(&b);
    CU_ASSERT_EQUAL(bootinfo.timer_ppi_virt, 27);
    CU_ASSERT_TRUE(console_has("node timer: \"interrupts\" is not four"));
}

static void test_strings_without_nul(void)
{
    struct bad_prop method = {"psci", "method", "hvc", 3};
    struct bad_prop unknown = {"psci", "method", STR("firmware")};
    struct bad_prop type = {"memory@40000000", "device_type", "memory", 6};
    struct bad_prop args = {"chosen", "xen,xen-bootargs", "console", 7};

    parse(&method);
    CU_ASSERT_FALSE(bootinfo.psci_hvc);
    CU_ASSERT_TRUE(console_has("node psci: \"method\" is neither \"hvc\" nor \"smc\""));
    parse(&unknown);
    CU_ASSERT_TRUE(console_has("node psci: \"method\""));
    /* Not a memory node without its NUL: no memory at all. */
    CU_ASSERT_EQUAL(parse(&type), -1);
    CU_ASSERT_EQUAL(bootinfo.nr_mem, 0);
    tree(&args);
    fake_console_clear();
    dt_save_cmdline(blob);
    CU_ASSERT_STRING_EQUAL(cmdline_get(), "");
    CU_ASSERT_TRUE(console_has("\"xen,xen-bootargs\" is not a NUL-terminated string"));
}

static void test_reg_ranges(void)
{
    static const uint32_t wraps[] = {0xffffffff, 0xfffff000, 0, 0x2000};
    static const uint32_t partial[] = {0, 0x40000000, 0};
    fdt32_t cells[4];
    unsigned int i;
    struct bad_prop mem = {"memory@40000000", "reg", cells, sizeof(cells)};
    struct bad_prop cpu = {"cpu@1", "reg", cells, 8};
    struct bad_prop gic = {"intc@8000000", "reg", cells, 16};

    for (i = 0; i < 4; i++)
        cells[i] = cpu_to_fdt32(wraps[i]);
    CU_ASSERT_EQUAL(parse(&mem), -1);
    CU_ASSERT_EQUAL(bootinfo.nr_mem, 0);
    CU_ASSERT_TRUE(console_has("node memory@40000000: \"reg\" range wraps"));
    for (i = 0; i < 3; i++)
        cells[i] = cpu_to_fdt32(partial[i]);
    mem.len = 12;
    CU_ASSERT_EQUAL(parse(&mem), -1);
    CU_ASSERT_TRUE(console_has("node memory@40000000: \"reg\" missing or not whole"));
    /* Two cells where #address-cells is 1: no second CPU called MPIDR 0. */
    cells[0] = cpu_to_fdt32(0);
    cells[1] = cpu_to_fdt32(1);
    parse(&cpu);
    CU_ASSERT_EQUAL(bootinfo.nr_cpus, 1);
    CU_ASSERT_TRUE(console_has("node cpu@1: \"reg\" is not one MPIDR"));
    /* Only the distributor: no redistributor range. */
    cells[0] = 0;
    cells[1] = cpu_to_fdt32(0x08000000);
    cells[2] = 0;
    cells[3] = cpu_to_fdt32(0x10000);
    parse(&gic);
    CU_ASSERT_TRUE(console_has("node intc@8000000: no distributor and redistributor range"));
    /* A distributor of 4 KiB: the hypervisor would fault past it. */
    {
        static const uint32_t small[] = {0, 0x08000000, 0, 0x1000, 0, 0x080a0000, 0, 0xf60000};
        fdt32_t gcells[8];
        struct bad_prop g = {"intc@8000000", "reg", gcells, sizeof(gcells)};

        for (i = 0; i < 8; i++)
            gcells[i] = cpu_to_fdt32(small[i]);
        parse(&g);
        CU_ASSERT_EQUAL(bootinfo.gicd_size, 0);
        CU_ASSERT_TRUE(console_has("node intc@8000000: distributor under 64 KiB"));
    }
}

static void test_uart_irq(void)
{
    static const uint32_t huge[] = {0, 0xfffffff0, 4};
    fdt32_t cells[3];
    unsigned int i, irq = 1;
    uint64_t base;
    struct bad_prop b = {"pl011@9000000", "interrupts", cells, sizeof(cells)};

    for (i = 0; i < 3; i++)
        cells[i] = cpu_to_fdt32(huge[i]);
    tree(&b);
    CU_ASSERT_PTR_NOT_NULL(dt_stdout_uart(blob, &base, &irq));
    CU_ASSERT_EQUAL(irq, 0); /* SPI 0xfffffff0 + 32 would wrap to 16 */
}

int register_dt_tests(void)
{
    CU_pSuite s = CU_add_suite("arm_dt", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_good_tree);
    ADD_TEST(s, test_version_15_refused);
    ADD_TEST(s, test_timer);
    ADD_TEST(s, test_strings_without_nul);
    ADD_TEST(s, test_reg_ranges);
    ADD_TEST(s, test_uart_irq);
    return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's layout (xen/arch/arm/direct_map.c, built for the host): Xen's
 * guest map without "direct-map"; with it, the host's own addresses (RAM at
 * its xen,static-mem PA, the vGIC at the host GIC, the vPL011 at the host
 * UART on its SPI), and every layout the host cannot give refused by name,
 * the map left as Xen's.
 */
#include <libfdt.h>
#include <string.h>

#include <asm/gic.h>
#include <asm/guest_map.h>
#include <asm/setup.h>
#include <public/arch-arm.h>
#include <xen/console.h>

#include "helpers.h"

static char blob[1024];
static int plain, direct; /* domain nodes without and with "direct-map" */

/* /chosen with two domain nodes; QEMU virt's GIC and UART in bootinfo. */
static int setup(void)
{
    void *fdt = blob;
    int r = fdt_create(fdt, sizeof(blob));

    r |= fdt_finish_reservemap(fdt);
    r |= fdt_begin_node(fdt, "");
    r |= fdt_begin_node(fdt, "chosen");
    r |= fdt_begin_node(fdt, "plain");
    r |= fdt_end_node(fdt);
    r |= fdt_begin_node(fdt, "direct");
    r |= fdt_property(fdt, "direct-map", NULL, 0);
    r |= fdt_end_node(fdt);
    r |= fdt_end_node(fdt);
    r |= fdt_end_node(fdt);
    r |= fdt_finish(fdt);
    plain = fdt_path_offset(fdt, "/chosen/plain");
    direct = fdt_path_offset(fdt, "/chosen/direct");
    return r || plain < 0 || direct < 0;
}

static void host_virt(void)
{
    memset(&bootinfo, 0, sizeof(bootinfo));
    bootinfo.gicd_base = 0x08000000;
    bootinfo.gicd_size = 0x10000;
    bootinfo.gicr_base = 0x080a0000;
    bootinfo.gicr_size = 0xf60000;
    bootinfo.uart_base = 0x09000000;
    bootinfo.uart_irq = 33;
    fake_console_clear();
    console_reset();
}

/* A guest of 16 MiB at static_pa, 2 vCPUs, with a vPL011; the map guest_map_choose() gives. */
static bool choose(int node, uint64_t static_pa, bool vpl011, unsigned int vcpus,
                   struct guest_boot *gb)
{
    memset(gb, 0xa5, sizeof(*gb));
    gb->static_pa = static_pa;
    gb->vpl011 = vpl011;
    return guest_map_choose(blob, node, "dm", vcpus, 16 << 20, gb);
}

static void assert_xen_layout(const struct guest_map *m)
{
    CU_ASSERT_EQUAL(m->ram, GUEST_RAM0_BASE);
    CU_ASSERT_EQUAL(m->gicd, GUEST_GICV3_GICD_BASE);
    CU_ASSERT_EQUAL(m->gicr, GUEST_GICV3_GICR0_BASE);
    CU_ASSERT_EQUAL(m->gicr_size, GUEST_GICV3_GICR0_SIZE);
    CU_ASSERT_EQUAL(m->uart, GUEST_PL011_BASE);
    CU_ASSERT_EQUAL(m->uart_spi, GUEST_VPL011_SPI);
    CU_ASSERT_FALSE(m->direct);
}

static void test_xen_layout(void)
{
    struct guest_boot gb;

    host_virt();
    /* Static memory alone keeps Xen's layout: RAM at 0x40000000, whatever its PA. */
    CU_ASSERT_TRUE(choose(plain, 0x70000000, true, 2, &gb));
    assert_xen_layout(&gb.map);
    CU_ASSERT_FALSE(console_has("direct-map"));
}

static void test_host_layout(void)
{
    struct guest_boot gb;

    host_virt();
    bootinfo.uart_base = 0x09000123; /* the page of the UART */
    CU_ASSERT_TRUE(choose(direct, 0x70000000, true, 2, &gb));
    CU_ASSERT_EQUAL(gb.map.ram, 0x70000000);
    CU_ASSERT_EQUAL(gb.map.gicd, 0x08000000);
    CU_ASSERT_EQUAL(gb.map.gicr, 0x080a0000);
    CU_ASSERT_EQUAL(gb.map.gicr_size, 0xf60000);
    CU_ASSERT_EQUAL(gb.map.uart, 0x09000000);
    CU_ASSERT_EQUAL(gb.map.uart_spi, 33);
    CU_ASSERT_TRUE(gb.map.direct);
    CU_ASSERT_FALSE(console_has("direct-map"));
    /* The edges that still fit: RAM ending at 4 GiB, exactly one frame per vCPU. */
    bootinfo.gicr_size = 4 * GICR_FRAME_SIZE;
    CU_ASSERT_TRUE(choose(direct, 0xff000000, true, 4, &gb));
    CU_ASSERT_EQUAL(gb.map.ram, 0xff000000);
    /* Without a vPL011, the host UART's SPI does not matter. */
    bootinfo.uart_irq = 0;
    CU_ASSERT_TRUE(choose(direct, 0x70000000, false, 2, &gb));
    CU_ASSERT_TRUE(gb.map.direct);
}

/* A direct-map the host cannot give: refused, named, the map Xen's. */
static void assert_refused(int node, uint64_t static_pa, bool vpl011, unsigned int vcpus,
                           const char *why)
{
    struct guest_boot gb;

    fake_console_clear();
    CU_ASSERT_FALSE(choose(node, static_pa, vpl011, vcpus, &gb));
    CU_ASSERT_TRUE(console_has(why));
    CU_ASSERT_TRUE(console_has("dm: property \"direct-map\": "));
    assert_xen_layout(&gb.map);
}

static void test_refusals(void)
{
    host_virt();
    assert_refused(direct, 0x70100000, true, 2, "not 2 MiB-aligned");
    assert_refused(direct, 0xff200000, true, 2, "beyond the guest's 4 GiB");
    bootinfo.gicd_size = 0x8000;
    assert_refused(direct, 0x70000000, true, 2, "the host GIC's regions are smaller");
    host_virt();
    bootinfo.gicr_size = 2 * GICR_FRAME_SIZE;
    assert_refused(direct, 0x70000000, true, 3, "the host GIC's regions are smaller");
    host_virt();
    bootinfo.uart_irq = 32 + VGIC_NR_SPIS;
    assert_refused(direct, 0x70000000, true, 2, "host UART's SPI is not one of the vGIC's");
    bootinfo.uart_irq = 31;
    assert_refused(direct, 0x70000000, true, 2, "host UART's SPI is not one of the vGIC's");
    bootinfo.uart_irq = 33;
    bootinfo.uart_base = 0;
    assert_refused(direct, 0x70000000, true, 2, "host UART's SPI is not one of the vGIC's");
}

int register_direct_map_tests(void)
{
    CU_pSuite s = CU_add_suite("arm_direct_map", setup, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_xen_layout);
    ADD_TEST(s, test_host_layout);
    ADD_TEST(s, test_refusals);
    return 0;
}

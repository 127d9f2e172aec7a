/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static memory (xen/arch/arm/static_mem.c and the boot allocator's range
 * check, bootmem.c, built for the host): each domain node's
 * "xen,static-mem" range is reserved before anything is allocated when it
 * is one page-aligned range inside one RAM bank, clear of the hypervisor,
 * the device tree, the boot modules and every other domain's range; any
 * other is not reserved and its domain is refused by name, as is a range
 * whose size is not the domain's "memory".
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include <asm/setup.h>
#include <xen/console.h>

#include "helpers.h"

/* The boot allocator's only way out: no test may reach it. */
void panic(const char *msg)
{
    fprintf(stderr, "panic: %s\n", msg);
    abort();
}

static char blob[4096];

/* One domain node of /chosen: its name, and its xen,static-mem cells (n of them; 0: none). */
struct dom {
    const char *name;
    int cells; /* #xen,static-mem-*-cells, or 0 to leave them out */
    uint32_t mem[4];
    int n;
};

static const struct dom doms[] = {
    {"good", 2, {0, 0x60000000, 0, 0x1000000}, 4}, /* two cells each */
    {"clash", 1, {0x60800000, 0x1000000}, 2},      /* inside good's */
    {"onhyp", 1, {0x40100000, 0x1000000}, 2},      /* the hypervisor at 0x40200000 */
    {"ondtb", 1, {0x47ff0000, 0x20000}, 2},        /* the DTB at 0x48000000 */
    {"notram", 1, {0x7ff00000, 0x200000}, 2},      /* runs past the bank */
    {"unaligned", 1, {0x61000800, 0x1000000}, 2},
    {"nocells", 0, {0x64000000, 0x1000000}, 2},
    {"twobanks", 1, {0x65000000, 0x800000, 0x66000000, 0x800000}, 4},
    {"ninth", 1, {0x70000000, 0x1000000}, 2},      /* CONFIG_MAX_DOMAINS is 8 */
    {"plain", 1, {0}, 0},                          /* no xen,static-mem */
};
#define NR_DOMS (sizeof(doms) / sizeof(doms[0]))

static int offset_of(const char *name)
{
    char path[64];

    snprintf(path, sizeof(path), "/chosen/%s", name);
    return fdt_path_offset(blob, path);
}

/* RAM 0x40000000-0x7fffffff; reserved: hypervisor, DTB, one module. */
static int setup(void)
{
    void *fdt = blob;
    unsigned int i;
    int r = fdt_create(fdt, sizeof(blob));

    r |= fdt_finish_reservemap(fdt);
    r |= fdt_begin_node(fdt, "");
    r |= fdt_begin_node(fdt, "chosen");
    for (i = 0; i < NR_DOMS; i++) {
        fdt32_t cells[4];
        int k;

        r |= fdt_begin_node(fdt, doms[i].name);
        r |= fdt_property(fdt, "compatible", "xen,domain", sizeof("xen,domain"));
        if (doms[i].cells) {
            r |= fdt_property_u32(fdt, "#xen,static-mem-address-cells", doms[i].cells);
            r |= fdt_property_u32(fdt, "#xen,static-mem-size-cells", doms[i].cells);
        }
        for (k = 0; k < doms[i].n; k++)
            cells[k] = cpu_to_fdt32(doms[i].mem[k]);
        if (doms[i].n)
            r |= fdt_property(fdt, "xen,static-mem", cells, 4 * doms[i].n);
        r |= fdt_end_node(fdt);
    }
    r |= fdt_end_node(fdt);
    r |= fdt_end_node(fdt);
    r |= fdt_finish(fdt);

    memset(&bootinfo, 0, sizeof(bootinfo));
    bootinfo.nr_mem = 1;
    bootinfo.mem[0].start = 0x40000000;
    bootinfo.mem[0].size = 0x40000000;
    boot_reserve(0x40200000, 0x200000);  /* the hypervisor */
    boot_reserve(0x48000000, 0x10000);   /* the device tree */
    boot_reserve(0x49000000, 0x1000000); /* a boot module */
    static_mem_reserve(blob);
    return r != 0;
}

/* static_mem_of() for one domain node with memory mem_kib: its result, *pa. */
static int of(const char *name, uint64_t mem_kib, uint64_t *pa)
{
    fake_console_clear();
    console_reset();
    return static_mem_of(blob, offset_of(name), name, mem_kib, pa);
}

static void test_reserved(void)
{
    uint64_t pa = 1;

    CU_ASSERT_EQUAL(of("good", 16384, &pa), 1);
    CU_ASSERT_EQUAL(pa, 0x60000000);
    CU_ASSERT_FALSE(console_has("xen,static-mem"));
    /* Taken out of the boot allocator after the module; nothing refused is. */
    CU_ASSERT_EQUAL(bootinfo.nr_reserved, 4);
    CU_ASSERT_EQUAL(bootinfo.reserved[3].start, 0x60000000);
    CU_ASSERT_EQUAL(bootinfo.reserved[3].size, 0x1000000);
    CU_ASSERT_EQUAL(of("plain", 16384, &pa), 0);
    CU_ASSERT_EQUAL(pa, 0);
}

/* name is refused with why, named. */
static void assert_refused(const char *name, uint64_t mem_kib, const char *why)
{
    uint64_t pa = 1;
    char line[160];

    CU_ASSERT_EQUAL(of(name, mem_kib, &pa), -1);
    CU_ASSERT_EQUAL(pa, 0);
    snprintf(line, sizeof(line), "%s: property \"xen,static-mem\"", name);
    CU_ASSERT_TRUE(console_has(line));
    CU_ASSERT_TRUE(console_has(why));
    CU_ASSERT_TRUE(console_has("guest not created"));
}

static void test_refusals(void)
{
    assert_refused("clash", 16384, "0x60800000+0x1000000 overlaps a boot module or another "
                                   "domain's xen,static-mem");
    assert_refused("onhyp", 16384, "overlaps the hypervisor");
    assert_refused("ondtb", 128, "overlaps the device tree");
    assert_refused("notram", 2048, "is not in one RAM bank");
    assert_refused("unaligned", 16384, "is empty, wraps or is not page-aligned");
    assert_refused("ninth", 16384, "more static domains than 8");
    assert_refused("nocells", 16384, "needs \"#xen,static-mem-address-cells\"");
    assert_refused("twobanks", 16384, "is not one <address size> range");
    /* A good range of another size than "memory". */
    assert_refused("good", 8192, "holds 16384 KiB but \"memory\" says 8192 KiB");
}

int register_static_mem_tests(void)
{
    CU_pSuite s = CU_add_suite("arm_static_mem", setup, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_reserved);
    ADD_TEST(s, test_refusals);
    return 0;
}

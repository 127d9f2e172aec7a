// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device tree each guest boots with, written with libfdt's sequential
 * writer: Xen's guest memory map (public/arch-arm.h), PSCI through HVC,
 * GICv3, the architected timer, when asked for, a vPL011, and the nodes of
 * the devices it owns (passthrough.c).
 */
#include <asm/passthrough.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <libfdt.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

/* interrupts = <type number flags>: type 1 PPI, flags: level-high, all CPUs. */
#define PPI_LEVEL_ALL 0xf04
/* String lists: NUL-separated, the whole literal (with its last NUL) is the value. */
#define PSCI_COMPAT "arm,psci-1.0\0arm,psci-0.2"
#define UART_COMPAT "arm,sbsa-uart\0arm,pl011"

/*
 * 64 random bits from FEAT_RNG's RNDR (ID_AA64ISAR0_EL1.RNDR, D19.2.66; RNDR
 * D19.2.108 sets PSTATE.Z when it has no entropy to give). False without it.
 */
static bool host_random(uint64_t *out)
{
    uint64_t isar0 = READ_SYSREG(id_aa64isar0_el1), val;
    unsigned int ok, tries;

    if (!((isar0 >> 60) & 0xf))
        return false;
    for (tries = 0; tries < 8; tries++) {
        __asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %w1, ne" : "=r"(val), "=r"(ok) : : "cc");
        if (ok) {
            *out = val;
            return true;
        }
    }
    return false;
}

/* /chosen kaslr-seed (8 bytes) and rng-seed (64 bytes), when the host has an RNG. */
static int prop_seeds(void *fdt)
{
    fdt64_t seed[8];
    uint64_t r;
    unsigned int i;
    int rc;

    for (i = 0; i < 8; i++) {
        if (!host_random(&r))
            return 0;
        seed[i] = cpu_to_fdt64(r);
    }
    rc = fdt_property(fdt, "kaslr-seed", &seed[0], sizeof(seed[0]));
    return rc | fdt_property(fdt, "rng-seed", seed, sizeof(seed));
}

/*
 * libfdt's fdt_property_u32() and fdt_property_string() are inline: each
 * call would carry its own conversion or strlen() call. Out of line once.
 */
static int __attribute__((noinline)) prop_u32(void *fdt, const char *name, uint32_t v)
{
    return fdt_property_u32(fdt, name, v);
}

static int __attribute__((noinline)) prop_str(void *fdt, const char *name, const char *str)
{
    return fdt_property_string(fdt, name, str);
}

static int prop_u64_pair(void *fdt, const char *name, uint64_t a, uint64_t b)
{
    fdt64_t cells[2] = {cpu_to_fdt64(a), cpu_to_fdt64(b)};

    return fdt_property(fdt, name, cells, sizeof(cells));
}

static int build(void *fdt, struct domain *d, const struct guest_boot *gb, uint64_t initrd)
{
    const struct guest_map *m = &d->arch.map;
    char uart[24];
    /* A partial device tree's /gic placeholder names the GIC for its nodes (passthrough.txt). */
    uint32_t gic_phandle = gb->pt.pfdt ? gb->pt.gic_phandle : GUEST_GIC_PHANDLE;
    char name[48];
    unsigned int i;
    int r = 0;

    r |= fdt_begin_node(fdt, "");
    r |= prop_u32(fdt, "#address-cells", 2);
    r |= prop_u32(fdt, "#size-cells", 2);
    r |= prop_str(fdt, "compatible", "keel,guest");
    r |= prop_str(fdt, "model", d->name);
    r |= prop_u32(fdt, "interrupt-parent", gic_phandle);

    ksnprintf(uart, sizeof(uart), "/pl011@%lx", (unsigned long)m->uart);
    r |= fdt_begin_node(fdt, "chosen");
    if (gb->bootargs)
        r |= prop_str(fdt, "bootargs", gb->bootargs);
    if (gb->vpl011)
        r |= prop_str(fdt, "stdout-path", uart);
    r |= prop_seeds(fdt);
    if (initrd) {
        r |= fdt_property_u64(fdt, "linux,initrd-start", initrd);
        r |= fdt_property_u64(fdt, "linux,initrd-end", initrd + gb->ramdisk_size);
    }
    r |= fdt_end_node(fdt);

    ksnprintf(name, sizeof(name), "memory@%lx", (unsigned long)d->ram_gpa);
    r |= fdt_begin_node(fdt, name);
    r |= prop_str(fdt, "device_type", "memory");
    r |= prop_u64_pair(fdt, "reg", d->ram_gpa, d->ram_size);
    r |= fdt_end_node(fdt);

    r |= fdt_begin_node(fdt, "cpus");
    r |= prop_u32(fdt, "#address-cells", 1);
    r |= prop_u32(fdt, "#size-cells", 0);
    for (i = 0; i < d->nr_vcpus; i++) {
        ksnprintf(name, sizeof(name), "cpu@%u", i);
        r |= fdt_begin_node(fdt, name);
        r |= prop_str(fdt, "device_type", "cpu");
        r |= prop_str(fdt, "compatible", "arm,armv8");
        r |= prop_u32(fdt, "reg", i);
        r |= prop_str(fdt, "enable-method", "psci");
        r |= fdt_end_node(fdt);
    }
    r |= fdt_end_node(fdt);

    r |= fdt_begin_node(fdt, "psci");
    r |= fdt_property(fdt, "compatible", PSCI_COMPAT, sizeof(PSCI_COMPAT));
    r |= prop_str(fdt, "method", "hvc");
    r |= fdt_end_node(fdt);

    ksnprintf(name, sizeof(name), "interrupt-controller@%lx", (unsigned long)m->gicd);
    r |= fdt_begin_node(fdt, name);
    {
        fdt64_t reg[4] = {cpu_to_fdt64(m->gicd), cpu_to_fdt64(GUEST_GICV3_GICD_SIZE),
                          cpu_to_fdt64(m->gicr),
                          cpu_to_fdt64(0x20000UL * d->nr_vcpus)};

        r |= prop_str(fdt, "compatible", "arm,gic-v3");
        r |= prop_u32(fdt, "#interrupt-cells", 3);
        r |= fdt_property(fdt, "interrupt-controller", NULL, 0);
        r |= prop_u32(fdt, "#redistributor-regions", 1);
        r |= fdt_property(fdt, "reg", reg, sizeof(reg));
        r |= prop_u32(fdt, "phandle", gic_phandle);
    }
    r |= fdt_end_node(fdt);

    r |= fdt_begin_node(fdt, "timer");
    {
        /* Secure physical, non-secure physical, virtual, hypervisor PPIs. */
        const uint32_t ppis[4] = {GUEST_TIMER_PHYS_S_PPI, GUEST_TIMER_PHYS_NS_PPI,
                                  GUEST_TIMER_VIRT_PPI, 26};
        fdt32_t irqs[12];

        for (i = 0; i < 4; i++) {
            irqs[3 * i] = cpu_to_fdt32(1);
            irqs[3 * i + 1] = cpu_to_fdt32(ppis[i] - 16);
            irqs[3 * i + 2] = cpu_to_fdt32(PPI_LEVEL_ALL);
        }
        r |= fdt_property(fdt, "compatible", "arm,armv8-timer", sizeof("arm,armv8-timer"));
        r |= fdt_property(fdt, "interrupts", irqs, sizeof(irqs));
    }
    r |= fdt_end_node(fdt);

    if (gb->vpl011) {
        fdt32_t irq[3] = {cpu_to_fdt32(0), cpu_to_fdt32(m->uart_spi - 32), cpu_to_fdt32(4)};

        r |= fdt_begin_node(fdt, uart + 1);
        r |= fdt_property(fdt, "compatible", UART_COMPAT, sizeof(UART_COMPAT));
        r |= prop_u64_pair(fdt, "reg", m->uart, GUEST_PL011_SIZE);
        r |= fdt_property(fdt, "interrupts", irq, sizeof(irq));
        /* Linux's SBSA UART driver will not probe without it; the rate means nothing here. */
        r |= prop_u32(fdt, "current-speed", 115200);
        r |= fdt_end_node(fdt);
    }
    r |= passthrough_fdt(fdt, &gb->pt);
    r |= fdt_end_node(fdt);
    return r;
}

int guest_fdt_build(struct domain *d, const struct guest_boot *gb, void *buf, size_t size,
                    uint64_t initrd)
{
    /* fdt_create() is this with no flags: its wrapper need not be linked in. */
    if (fdt_create_with_flags(buf, (int)size, 0) || fdt_finish_reservemap(buf) ||
        build(buf, d, gb, initrd) || fdt_finish(buf)) {
        printk("%s: guest device tree does not fit in %zu bytes\n", gb->node, size);
        return -E2BIG;
    }
    return 0;
}

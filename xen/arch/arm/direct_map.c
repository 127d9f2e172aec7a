// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest's layout (struct guest_map): Xen's guest memory map
 * (public/arch-arm.h), or, for a domain node with "direct-map" (Xen's
 * docs/misc/arm/device-tree/booting.txt; it requires "xen,static-mem", as
 * in Xen), the host's own addresses: RAM at the IPA equal to its
 * xen,static-mem PA, the vGIC where the host's GIC is, the vPL011 where the
 * host's UART is, on that UART's SPI (Xen's vgic-v3.c and vpl011.c do the
 * same for a direct-mapped domain), and devices at their host addresses.
 * That is what a DMA-capable device without an IOMMU needs: the addresses
 * the guest programs into it are the ones it reaches. Whatever the host's
 * layout cannot give the guest is refused by name.
 */
#include <asm/gic.h>
#include <asm/guest_map.h>
#include <asm/setup.h>
#include <libfdt.h>
#include <public/arch-arm.h>
#include <xen/lib.h>

#define SZ_2M (2UL << 20)
#define IPA_LIMIT (1UL << 32) /* the stage-2 tables cover 4 GiB (p2m.c) */

bool guest_map_choose(const void *fdt, int node, const char *name, unsigned int nr_vcpus,
                      uint64_t ram_size, struct guest_boot *gb)
{
    struct guest_map *m = &gb->map;
    const char *why = NULL;

    *m = (struct guest_map){GUEST_RAM0_BASE, GUEST_GICV3_GICD_BASE, GUEST_GICV3_GICR0_BASE,
                            GUEST_GICV3_GICR0_SIZE, GUEST_PL011_BASE, GUEST_VPL011_SPI, false};
    if (!dt_prop(fdt, node, "direct-map"))
        return true;
    /* dom0less_config_ok() refused direct-map without xen,static-mem already. */
    if (gb->static_pa & (SZ_2M - 1))
        why = "RAM (xen,static-mem) not 2 MiB-aligned, as the arm64 boot protocol wants the "
              "kernel's base";
    else if (gb->static_pa + ram_size > IPA_LIMIT)
        why = "RAM (xen,static-mem) beyond the guest's 4 GiB of addresses";
    else if (bootinfo.gicd_size < GUEST_GICV3_GICD_SIZE ||
             bootinfo.gicr_size < (uint64_t)nr_vcpus * GICR_FRAME_SIZE)
        why = "the host GIC's regions are smaller than the vGIC's distributor and its vCPUs' "
              "redistributors";
    else if (gb->vpl011 && (!bootinfo.uart_base || bootinfo.uart_irq < 32 ||
                            bootinfo.uart_irq >= 32 + VGIC_NR_SPIS))
        why = "with vpl011, the host UART's SPI is not one of the vGIC's (INTIDs 32-63)";
    if (why) {
        printk_refuse_guest(name, "property \"direct-map\": %s", why);
        return false;
    }
    *m = (struct guest_map){gb->static_pa, bootinfo.gicd_base, bootinfo.gicr_base,
                            bootinfo.gicr_size,
                            bootinfo.uart_base & ~(uint64_t)(GUEST_PL011_SIZE - 1),
                            bootinfo.uart_irq, true};
    return true;
}

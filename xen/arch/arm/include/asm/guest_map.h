/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's layout and what dom0less.c found for it: no more than
 * <xen/types.h> and <asm/passthrough.h> needed, so that direct_map.c also
 * builds on the host for the unit tests (tests/unit/test_direct_map.c).
 */
#ifndef ASM_ARM_GUEST_MAP_H
#define ASM_ARM_GUEST_MAP_H

#include <asm/passthrough.h>
#include <xen/types.h>

/* SPIs a guest's virtual distributor offers: INTIDs 32..63 (GICD_TYPER.ITLinesNumber 1). */
#define VGIC_NR_SPIS 32

/*
 * Where a guest finds its RAM and its emulated devices: Xen's guest layout
 * (public/arch-arm.h), or with "direct-map" the host's own addresses, as
 * Xen gives a direct-mapped domain (RAM at its xen,static-mem address, the
 * vGIC at the host GIC's, the vPL011 at the host UART's with its SPI).
 */
struct guest_map {
    uint64_t ram;          /* IPA of its RAM */
    uint64_t gicd, gicr;   /* vGIC distributor, vCPU 0's redistributor */
    uint64_t gicr_size;    /* addresses kept for redistributors */
    uint64_t uart;         /* vPL011 */
    unsigned int uart_spi; /* the vPL011's INTID */
    bool direct;           /* IPA = PA: the addresses are the host's */
};

/* What dom0less.c found for one guest (domain_config.arch). */
struct guest_boot {
    const char *node;      /* DT node name, for messages */
    uint64_t kernel_pa, kernel_size;
    uint64_t ramdisk_pa, ramdisk_size;
    const char *bootargs;  /* may be NULL */
    bool vpl011;
    uint64_t static_pa;    /* its RAM from "xen,static-mem"; 0: the boot allocator's */
    struct guest_map map;  /* its layout (direct_map.c) */
    struct pt_config pt;   /* devices it owns (a "multiboot,device-tree" module) */
};

#endif /* ASM_ARM_GUEST_MAP_H */

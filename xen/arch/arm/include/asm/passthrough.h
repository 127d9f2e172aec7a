/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Devices a guest owns (passthrough.c), with Xen's dom0less bindings
 * (docs/misc/arm/passthrough.txt, docs/misc/arm/device-tree/booting.txt):
 * a "multiboot,device-tree" module whose /passthrough nodes carry xen,reg
 * (MMIO to map), xen,path (the host node, whose SPIs are routed 1:1) and
 * xen,force-assign-without-iommu.
 */
#ifndef ASM_ARM_PASSTHROUGH_H
#define ASM_ARM_PASSTHROUGH_H

#include <xen/types.h>

struct domain;
struct guest_map;

/* MMIO ranges one guest may own: the region registry's 8 minus GICD, GICR, vPL011 and one spare. */
#define PT_MAX_RANGES 4

/* The guest GIC node's phandle when no /gic placeholder gives one. */
#define GUEST_GIC_PHANDLE 1

/* One xen,reg triple: host-physical base, size, guest-physical base. */
struct pt_range {
    uint64_t pa, size, gpa;
};

/* What a domain's partial device tree assigns it (checked by passthrough_parse()). */
struct pt_config {
    const void *pfdt;      /* the partial device tree, NULL without one */
    const char *dom;       /* the domain node's name, for messages */
    uint32_t gic_phandle;  /* the /gic placeholder's phandle, which the guest's GIC node takes */
    unsigned int nr_ranges;
    struct pt_range range[PT_MAX_RANGES];
    uint32_t spis;         /* bit n: INTID 32 + n, one of the host nodes' SPIs */
    uint32_t spi_edge;     /* bit n: the host device tree says edge-triggered */
};

/*
 * Check the partial device tree pfdt (size bytes, the module of domain dom)
 * against the host device tree, the guest's layout m (ram_size bytes of RAM)
 * and the devices earlier domains own; fill pt. false: one line printed
 * naming the node and property, domain refused.
 */
bool passthrough_parse(const void *fdt, const void *pfdt, uint64_t size, const char *dom,
                       bool vpl011, const struct guest_map *m, uint64_t ram_size,
                       struct pt_config *pt);
/* What a host node is to the hypervisor ("the GIC", "the timer", ...), NULL: not its. */
const char *passthrough_hyp_device(const void *fdt, int node);
/* Map d's MMIO (stage 2, Device-nGnRE) and register it; 0 or an error (nothing to undo then). */
int passthrough_map(struct domain *d, const struct pt_config *pt);
/*
 * Hand d its SPIs on the physical GIC (disabled until the guest enables
 * them) and record its MMIO and SPIs as its own: later domains are refused them.
 */
void passthrough_route(struct domain *d, const struct pt_config *pt);
/* d ended: its SPIs disabled and deactivated, its MMIO unmapped. */
void passthrough_quiet(struct domain *d);
/* The guest's device-tree nodes from pt: /aliases and /passthrough, xen,* properties left out. */
int passthrough_fdt(void *fdt, const struct pt_config *pt);
/*
 * A physical SPI (priority dropped, still active) of a guest's device:
 * injected into its owner, or, if the owner ended, disabled and
 * deactivated. false: not an assigned SPI.
 */
bool passthrough_irq(unsigned int irq);

#endif /* ASM_ARM_PASSTHROUGH_H */

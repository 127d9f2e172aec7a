/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated MMIO, common to every architecture: each arch decodes a trapped
 * access once into a struct mmio_access (AArch64: the data abort's ISS;
 * x86: the EPT violation and the instruction), and mmio_dispatch() routes
 * it to whichever device model registered the address for that domain —
 * the vGIC, the vPL011, and later event-channel and passthrough regions.
 * An access that no region claims crashes only that guest.
 */
#ifndef XEN_MMIO_H
#define XEN_MMIO_H

#include <xen/types.h>

struct domain;
struct vcpu;

struct mmio_access {
    uint64_t gpa;         /* guest-physical address of the access */
    unsigned int size;    /* bytes: 1, 2, 4 or 8 */
    bool write;
    unsigned int reg;     /* the guest register loaded or stored (arch numbering) */
    bool sign_extend;     /* a load sign-extends the item to the register */
    bool sixty_four;      /* the register is 64 bits wide (else its upper half becomes 0) */
};

/*
 * A device model's handler, called with off = gpa - its region's base. A
 * write gets *val = the stored bytes only (zero-extended); a read sets
 * *val, of which only the low size bytes are used. False: the access cannot
 * be emulated (the guest is crashed).
 */
typedef bool (*mmio_handler_t)(struct vcpu *v, const struct mmio_access *a, uint64_t off,
                               uint64_t *val);

#define MMIO_MAX_REGIONS 8

struct mmio_region {
    uint64_t base, size;
    mmio_handler_t handler;
};

/* A domain's emulated regions (struct domain's `mmio`), set up at creation. */
struct domain_mmio {
    struct mmio_region region[MMIO_MAX_REGIONS];
    unsigned int nr;
};

/*
 * Route [base, base + size) of d to handler. -EINVAL: empty or wrapping
 * range; -EEXIST: it overlaps a registered region; -ENOMEM: no room (MMIO_MAX_REGIONS).
 */
int mmio_register(struct domain *d, uint64_t base, uint64_t size, mmio_handler_t handler);

/*
 * Emulate access a of v. For a write, *val holds the register's value on
 * entry; for a read, *val is set to what the register receives: the item
 * truncated to the access size, then sign- or zero-extended to the
 * register's width. A misaligned access to a device (only possible through
 * a Normal-memory mapping) reads as zero and is ignored, on every model.
 * False when no region claims the address, or its model refuses: the
 * caller crashes the guest.
 */
bool mmio_dispatch(struct vcpu *v, const struct mmio_access *a, uint64_t *val);

#endif /* XEN_MMIO_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The list registers ICH_LR<n>_EL2 (GICv3, IHI 0069 12.4: up to 16, as
 * many as ICH_VTR_EL2.ListRegs + 1), by number. The register is part of the
 * MRS/MSR encoding, so n picks a two-instruction slot of a table: a fixed
 * cost on the exit paths, where a C switch (no jump tables in this build)
 * cost a chain of compares. n comes from the hypervisor (gic_nr_lrs(),
 * ICH_ELRSR_EL2), never from a guest; it is masked to the table anyway.
 */

/* uint64_t gic_read_lr(unsigned int n) */
    .global gic_read_lr
    .type gic_read_lr, %function
gic_read_lr:
    and     x0, x0, #15
    adr     x1, 1f
    add     x1, x1, x0, lsl #3
    br      x1
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
1:  mrs     x0, ich_lr\n\()_el2
    ret
    .endr
    .size gic_read_lr, . - gic_read_lr

/* void gic_write_lr(unsigned int n, uint64_t val) */
    .global gic_write_lr
    .type gic_write_lr, %function
gic_write_lr:
    and     x0, x0, #15
    adr     x2, 1f
    add     x2, x2, x0, lsl #3
    br      x2
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
1:  msr     ich_lr\n\()_el2, x1
    ret
    .endr
    .size gic_write_lr, . - gic_write_lr

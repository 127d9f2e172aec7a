/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device trees of the passthrough tests (tests/unit/dt/*.dts), compiled
 * by dtc (tests/unit/suite.mk) and embedded: NAME, NAME_end for each.
 */
    .macro dtb name, file
    .balign 8
    .globl \name, \name\()_end
\name:
    .incbin "\file"
\name\()_end:
    .endm

    .section .rodata
    dtb dtb_host_virt, "host-virt.dtb"
    dtb dtb_pt_bad_path, "pt-bad-path.dtb"
    dtb dtb_pt_foreign_spi, "pt-foreign-spi.dtb"
    dtb dtb_pt_gic, "pt-gic.dtb"
    dtb dtb_pt_host_irq_cells, "pt-host-irq-cells.dtb"
    dtb dtb_pt_host_ppi, "pt-host-ppi.dtb"
    dtb dtb_pt_irq_cells, "pt-irq-cells.dtb"
    dtb dtb_pt_no_force, "pt-no-force.dtb"
    dtb dtb_pt_no_passthrough, "pt-no-passthrough.dtb"
    dtb dtb_pt_no_path, "pt-no-path.dtb"
    dtb dtb_pt_outside, "pt-outside.dtb"
    dtb dtb_pt_over_ram, "pt-over-ram.dtb"
    dtb dtb_pt_overlap, "pt-overlap.dtb"
    dtb dtb_pt_ppi, "pt-ppi.dtb"
    dtb dtb_pt_reg_len, "pt-reg-len.dtb"
    dtb dtb_pt_rtc, "pt-rtc.dtb"
    dtb dtb_pt_shared_spi, "pt-shared-spi.dtb"
    dtb dtb_pt_timer, "pt-timer.dtb"
    dtb dtb_pt_too_many, "pt-too-many.dtb"
    dtb dtb_pt_two, "pt-two.dtb"
    dtb dtb_pt_uart, "pt-uart.dtb"
    dtb dtb_pt_unaligned, "pt-unaligned.dtb"
    dtb dtb_pt_unknown_prop, "pt-unknown-prop.dtb"
    dtb dtb_pt_virtio, "pt-virtio.dtb"
    dtb dtb_pt_bus_xen_reg, "pt-bus-xen-reg.dtb"
    dtb dtb_pt_cells0, "pt-cells0.dtb"
    dtb dtb_pt_cells3, "pt-cells3.dtb"
    .section .note.GNU-stack, "", @progbits

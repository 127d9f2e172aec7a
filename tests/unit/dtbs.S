/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device trees of the passthrough tests (tests/unit/dt/*.dts), compiled
 * by dtc (tests/unit/suite.mk) and embedded: NAME, NAME_end for each.
 */
#include "embed.inc"

    .section .rodata
    embed dtb_host_virt, "host-virt.dtb"
    embed dtb_pt_bad_path, "pt-bad-path.dtb"
    embed dtb_pt_foreign_spi, "pt-foreign-spi.dtb"
    embed dtb_pt_gic, "pt-gic.dtb"
    embed dtb_pt_host_irq_cells, "pt-host-irq-cells.dtb"
    embed dtb_pt_host_ppi, "pt-host-ppi.dtb"
    embed dtb_pt_irq_cells, "pt-irq-cells.dtb"
    embed dtb_pt_no_force, "pt-no-force.dtb"
    embed dtb_pt_no_passthrough, "pt-no-passthrough.dtb"
    embed dtb_pt_no_path, "pt-no-path.dtb"
    embed dtb_pt_outside, "pt-outside.dtb"
    embed dtb_pt_over_ram, "pt-over-ram.dtb"
    embed dtb_pt_overlap, "pt-overlap.dtb"
    embed dtb_pt_ppi, "pt-ppi.dtb"
    embed dtb_pt_reg_len, "pt-reg-len.dtb"
    embed dtb_pt_rtc, "pt-rtc.dtb"
    embed dtb_pt_shared_spi, "pt-shared-spi.dtb"
    embed dtb_pt_timer, "pt-timer.dtb"
    embed dtb_pt_too_many, "pt-too-many.dtb"
    embed dtb_pt_two, "pt-two.dtb"
    embed dtb_pt_uart, "pt-uart.dtb"
    embed dtb_pt_unaligned, "pt-unaligned.dtb"
    embed dtb_pt_unknown_prop, "pt-unknown-prop.dtb"
    embed dtb_pt_virtio, "pt-virtio.dtb"
    embed dtb_pt_bus_xen_reg, "pt-bus-xen-reg.dtb"
    embed dtb_pt_cells0, "pt-cells0.dtb"
    embed dtb_pt_cells3, "pt-cells3.dtb"
    .section .note.GNU-stack, "", @progbits

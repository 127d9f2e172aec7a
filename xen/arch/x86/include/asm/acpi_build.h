/* SPDX-License-Identifier: GPL-2.0-only */
/* The ACPI tables Keel builds in a PVH guest's RAM (acpi_build.c). */
#ifndef ASM_X86_ACPI_BUILD_H
#define ASM_X86_ACPI_BUILD_H

#include <xen/types.h>

struct domain;

/*
 * Inside the legacy BIOS area 0xa0000-0xfffff, which the memory map
 * reserves (Linux reserves it too): the tables never land in its RAM.
 */
#define ACPI_TABLES_GPA 0xe0000UL
#define ACPI_TABLES_SIZE 0x1000UL
#define LEGACY_HOLE_START 0xa0000UL
#define LEGACY_HOLE_END 0x100000UL

/* Write RSDP, XSDT, FADT, DSDT and MADT; the RSDP's address, or 0 if RAM is too small. */
uint64_t acpi_build(struct domain *d);

#endif /* ASM_X86_ACPI_BUILD_H */

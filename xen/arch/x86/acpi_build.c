// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ACPI tables a PVH guest finds through hvm_start_info.rsdp_paddr:
 * RSDP -> XSDT -> FADT (+ a DSDT naming COM1) and MADT, written into the guest's
 * RAM at guest-physical ACPI_TABLES_GPA, a range the memory map reserves.
 * The platform is "hardware-reduced" (ACPI 6.5 section 4.1): no PM timer,
 * no SCI, no fixed-feature registers, so the FADT points at nothing Keel
 * would have to emulate; the MADT lists one Local APIC per vCPU and no I/O
 * APIC and no 8259 (its PCAT_COMPAT flag is clear): Linux then enumerates
 * the vCPUs from it and uses no legacy interrupt controller.
 *
 * Tables are built byte by byte (little-endian, ACPI 6.5 section 5.2) so
 * that no C structure layout can differ from the specification's.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/acpi_build.h>
#include <asm/page.h>

/* Where each table goes, from ACPI_TABLES_GPA (RSDP: 16-byte aligned, 5.2.5.1). */
#define RSDP_OFF 0x000
#define XSDT_OFF 0x040
#define FADT_OFF 0x100
#define DSDT_OFF 0x240
#define MADT_OFF 0x2c0

#define SDT_HEADER_LEN 36 /* 5.2.6, table 5.4 */
#define RSDP_LEN 36       /* 5.2.5.3, table 5.3 (revision 2) */
#define FADT_LEN 276      /* 5.2.9, table 5.9 (revision 6) */
#define FADT_MAJOR 6
#define FADT_MINOR 5

/* FADT Flags (table 5.10) and IA-PC boot architecture flags (table 5.11). */
#define FADT_F_WBINVD (1U << 0)
#define FADT_F_HW_REDUCED_ACPI (1U << 20)
#define IAPC_VGA_NOT_PRESENT (1U << 2)
#define IAPC_CMOS_RTC_NOT_PRESENT (1U << 5)

/* MADT (5.2.12, table 5.19): structure type 0, Processor Local APIC (table 5.22). */
#define MADT_LOCAL_APIC_ADDR 0xfee00000U
#define MADT_TYPE_LOCAL_APIC 0
#define MADT_LOCAL_APIC_LEN 8
#define MADT_LAPIC_ENABLED (1U << 0)

static void put8(uint8_t *p, unsigned int off, uint8_t v)
{
    p[off] = v;
}

static void put16(uint8_t *p, unsigned int off, uint16_t v)
{
    p[off] = (uint8_t)v;
    p[off + 1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, unsigned int off, uint32_t v)
{
    put16(p, off, (uint16_t)v);
    put16(p, off + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, unsigned int off, uint64_t v)
{
    put32(p, off, (uint32_t)v);
    put32(p, off + 4, (uint32_t)(v >> 32));
}

/* The byte that makes the sum of len bytes zero (5.2.5.3, 5.2.6). */
static uint8_t acpi_checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;

    while (len--)
        sum = (uint8_t)(sum + *p++);
    return (uint8_t)-sum;
}

/* The common header (5.2.6, table 5.4); the checksum is set once the table is complete. */
static void sdt_header(uint8_t *t, const char *sig, uint32_t len, uint8_t rev)
{
    memcpy(t, sig, 4);
    put32(t, 4, len);
    put8(t, 8, rev);
    memcpy(t + 10, "KEEL  ", 6);    /* OEMID */
    memcpy(t + 16, "KEELVM  ", 8);  /* OEM Table ID */
    put32(t, 24, 1);                /* OEM Revision */
    memcpy(t + 28, "KEEL", 4);      /* Creator ID */
    put32(t, 32, 1);                /* Creator Revision */
}

static void sdt_finish(uint8_t *t, uint32_t len)
{
    t[9] = 0;
    t[9] = acpi_checksum(t, len);
}

/*
 * The DSDT's AML (ACPI 6.5 chapter 20): the guest's COM1, the 16550 of
 * hvm/vuart.c, as a PNP0501 device with its eight ports and no interrupt
 * (Keel routes none to it), so that Linux's 8250 driver takes ttyS0 from
 * it and polls the port (a timer, its "IRQ 0" mode) instead of waiting for
 * IRQ 4, which no interrupt controller of this platform delivers:
 *
 *   Scope (\_SB) { Device (COM1) {
 *       Name (_HID, EisaId ("PNP0501"))
 *       Name (_CRS, ResourceTemplate () { IO (Decode16, 0x3F8, 0x3F8, 1, 8) }) } }
 */
static const uint8_t dsdt_aml[] = {
    0x10, 0x2a, '\\', '_', 'S', 'B', '_',              /* ScopeOp, PkgLength 42, \_SB_ */
    0x5b, 0x82, 0x22, 'C', 'O', 'M', '1',               /* DeviceOp, PkgLength 34, COM1 */
    0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x05, 0x01, /* _HID: DWordConst EISAID PNP0501 */
    0x08, '_', 'C', 'R', 'S', 0x11, 0x0d, 0x0a, 0x0a,   /* _CRS: BufferOp, PkgLength 13, 10 bytes */
    0x47, 0x01, 0xf8, 0x03, 0xf8, 0x03, 0x01, 0x08,     /* I/O port descriptor (6.4.2.5) */
    0x79, 0x00,                                         /* end tag (6.4.2.9), checksum 0: none */
};

uint64_t acpi_build(struct domain *d)
{
    uint8_t *base = d->ram_hva + ACPI_TABLES_GPA;
    uint8_t *rsdp = base + RSDP_OFF, *xsdt = base + XSDT_OFF, *fadt = base + FADT_OFF;
    uint8_t *dsdt = base + DSDT_OFF, *madt = base + MADT_OFF;
    uint32_t xsdt_len = SDT_HEADER_LEN + 2 * 8;
    uint32_t madt_len = SDT_HEADER_LEN + 8 + d->nr_vcpus * MADT_LOCAL_APIC_LEN;
    unsigned int i;

    if (d->ram_size < ACPI_TABLES_GPA + ACPI_TABLES_SIZE || MADT_OFF + madt_len > ACPI_TABLES_SIZE)
        return 0;
    memset(base, 0, ACPI_TABLES_SIZE);

    /* DSDT (5.2.11.1): a definition block naming COM1. */
    BUILD_BUG_ON(DSDT_OFF + SDT_HEADER_LEN + sizeof(dsdt_aml) > MADT_OFF);
    sdt_header(dsdt, "DSDT", SDT_HEADER_LEN + sizeof(dsdt_aml), 2);
    memcpy(dsdt + SDT_HEADER_LEN, dsdt_aml, sizeof(dsdt_aml));
    sdt_finish(dsdt, SDT_HEADER_LEN + sizeof(dsdt_aml));

    /* FADT: hardware-reduced; only the DSDT's address and the flags matter. */
    sdt_header(fadt, "FACP", FADT_LEN, FADT_MAJOR);
    put32(fadt, 40, ACPI_TABLES_GPA + DSDT_OFF);                            /* DSDT */
    put16(fadt, 109, IAPC_VGA_NOT_PRESENT | IAPC_CMOS_RTC_NOT_PRESENT);      /* IAPC_BOOT_ARCH */
    put32(fadt, 112, FADT_F_WBINVD | FADT_F_HW_REDUCED_ACPI);                /* Flags */
    put8(fadt, 131, FADT_MINOR);                                            /* FADT Minor Version */
    put64(fadt, 140, ACPI_TABLES_GPA + DSDT_OFF);                           /* X_DSDT */
    memcpy(fadt + 268, "KEELKEEL", 8);                                      /* Hypervisor Vendor Identity */
    sdt_finish(fadt, FADT_LEN);

    /* MADT: the local APICs' address, no PCAT_COMPAT (no 8259), one Local APIC per vCPU. */
    sdt_header(madt, "APIC", madt_len, 5);
    put32(madt, 36, MADT_LOCAL_APIC_ADDR);
    put32(madt, 40, 0);
    for (i = 0; i < d->nr_vcpus; i++) {
        uint8_t *e = madt + SDT_HEADER_LEN + 8 + i * MADT_LOCAL_APIC_LEN;

        put8(e, 0, MADT_TYPE_LOCAL_APIC);
        put8(e, 1, MADT_LOCAL_APIC_LEN);
        put8(e, 2, (uint8_t)i);  /* ACPI Processor UID */
        put8(e, 3, (uint8_t)i);  /* APIC ID: the vCPU's x2APIC ID (vlapic.c) */
        put32(e, 4, MADT_LAPIC_ENABLED);
    }
    sdt_finish(madt, madt_len);

    /* XSDT (5.2.8): 64-bit pointers to the FADT and the MADT. */
    sdt_header(xsdt, "XSDT", xsdt_len, 1);
    put64(xsdt, SDT_HEADER_LEN, ACPI_TABLES_GPA + FADT_OFF);
    put64(xsdt, SDT_HEADER_LEN + 8, ACPI_TABLES_GPA + MADT_OFF);
    sdt_finish(xsdt, xsdt_len);

    /* RSDP (5.2.5.3): revision 2, no RSDT; checksum over 20 bytes, extended over 36. */
    memcpy(rsdp, "RSD PTR ", 8);
    memcpy(rsdp + 9, "KEEL  ", 6);
    put8(rsdp, 15, 2);
    put32(rsdp, 20, RSDP_LEN);
    put64(rsdp, 24, ACPI_TABLES_GPA + XSDT_OFF);
    rsdp[8] = acpi_checksum(rsdp, 20);
    rsdp[32] = acpi_checksum(rsdp, RSDP_LEN);
    return ACPI_TABLES_GPA + RSDP_OFF;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated loads honour the access size and sign extension of the
 * instruction (ESR_EL2 ISS.SAS, SSE, SF), and stores write only the bytes
 * the instruction stores. Byte access is offered where the GICv3 spec
 * offers it (GICD/GICR_IPRIORITYR, GICD_ITARGETSR); a word-only vGIC
 * register accessed with another size reads as zero and ignores the write.
 * The vPL011 takes 8, 16 and 32-bit accesses at each register's word
 * offset (the low bytes of the register).
 */
#include "gicv3_guest.h"

#define PRIO8 (GICD_BASE + 0x400 + 4 * 8) /* GICD_IPRIORITYR8: INTIDs 32..35 */
#define ISENABLER1 (GICD_BASE + 0x100 + 4)
#define VPL011 GUEST_PL011_BASE
#define UARTCR (VPL011 + 0x030)
#define UARTIMSC (VPL011 + 0x038)

/* Each load with the exact instruction named: the syndrome depends on it. */
#define LOAD(insn, reg, addr)                                                    \
    ({                                                                           \
        uint64_t v_ = 0x5555555555555555UL;                                      \
        __asm__ volatile(insn " %" reg "0, [%1]" : "+r"(v_) : "r"(addr) : "memory"); \
        v_;                                                                      \
    })

static void check(uint64_t got, uint64_t want, const char *what)
{
    tap_ok(got == want, "%s: %#lx (want %#lx)", what, (unsigned long)got, (unsigned long)want);
}

void guest_main(void *boot_info)
{
    uint64_t v;

    /* The vGIC distributor: SPI 32's priority is 0xa0 after reset. */
    mmio_wr32(PRIO8, 0xb0a0a0a0u);
    check(LOAD("ldrsb", "x", PRIO8), 0xffffffffffffffa0UL, "ldrsb x of GICD_IPRIORITYR8");
    check(LOAD("ldrsb", "w", PRIO8), 0xffffffa0UL, "ldrsb w of GICD_IPRIORITYR8");
    check(LOAD("ldrb", "w", PRIO8 + 3), 0xb0, "ldrb w of GICD_IPRIORITYR8 byte 3");
    check(LOAD("ldrsb", "x", PRIO8 + 3), 0xffffffffffffffb0UL, "ldrsb x of byte 3");
    mmio_wr32(PRIO8, 0x8090a0b0u);
    check(LOAD("ldrsw", "x", PRIO8), 0xffffffff8090a0b0UL, "ldrsw x of GICD_IPRIORITYR8");
    check(LOAD("ldr", "w", PRIO8), 0x8090a0b0UL, "ldr w of GICD_IPRIORITYR8");
    /* A byte store writes one byte, whatever the rest of the register holds. */
    v = 0x123456789abcde55UL;
    __asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(PRIO8 + 1) : "memory");
    check(LOAD("ldr", "w", PRIO8), 0x809055b0UL, "strb to byte 1 changes only byte 1");
    /* Sizes the GICv3 spec does not offer for priorities: RAZ/WI. */
    check(LOAD("ldrh", "w", PRIO8), 0, "ldrh of GICD_IPRIORITYR8 reads as zero");
    check(LOAD("ldr", "x", PRIO8), 0, "ldr x of GICD_IPRIORITYR8 reads as zero");
    __asm__ volatile("strh %w0, [%1]" : : "r"(0x1111UL), "r"(PRIO8) : "memory");
    check(LOAD("ldr", "w", PRIO8), 0x809055b0UL, "strh to GICD_IPRIORITYR8 is ignored");
    mmio_wr32(PRIO8, 0xa0a0a0a0u);
    /* A word-only register: a byte store is ignored, a byte load reads zero. */
    mmio_wr32(ISENABLER1 + 0x80, 0xffffffffu); /* ICENABLER1: all off */
    __asm__ volatile("strb %w0, [%1]" : : "r"(0xffUL), "r"(ISENABLER1) : "memory");
    check(LOAD("ldr", "w", ISENABLER1), 0, "strb to GICD_ISENABLER1 is ignored");
    mmio_wr32(ISENABLER1, 1);
    check(LOAD("ldrb", "w", ISENABLER1), 0, "ldrb of GICD_ISENABLER1 reads as zero");
    check(LOAD("ldr", "w", ISENABLER1), 1, "ldr w of GICD_ISENABLER1");
    mmio_wr32(ISENABLER1 + 0x80, 1);
    /* The redistributor's priorities (SGI_base): PPI 27 is 0xa0. */
    check(LOAD("ldrsb", "x", GICR_SGI + GICR_IPRIORITYR0 + 27), 0xffffffffffffffa0UL,
          "ldrsb x of GICR_IPRIORITYR6 byte 3 (PPI 27)");
    check(LOAD("ldrsh", "x", GICR_SGI + GICR_ISENABLER0), 0, "ldrsh of GICR_ISENABLER0 reads as zero");

    /* The vPL011. */
    mmio_wr32(UARTIMSC, 0x7ff);
    check(LOAD("ldrb", "w", UARTIMSC), 0xff, "ldrb w of UARTIMSC after writing 0x7ff");
    check(LOAD("ldrh", "w", UARTIMSC), 0x7ff, "ldrh w of UARTIMSC");
    check(LOAD("ldrsb", "x", UARTIMSC), 0xffffffffffffffffUL, "ldrsb x of UARTIMSC");
    __asm__ volatile("strb %w0, [%1]" : : "r"(0x710UL), "r"(UARTIMSC) : "memory");
    check(LOAD("ldr", "w", UARTIMSC), 0x10, "strb of 0x710 to UARTIMSC stores 0x10");
    mmio_wr32(UARTIMSC, 0);
    mmio_wr32(UARTCR, 0x8381);
    check(LOAD("ldrsh", "x", UARTCR), 0xffffffffffff8381UL, "ldrsh x of UARTCR");
    check(LOAD("ldrsh", "w", UARTCR), 0xffff8381UL, "ldrsh w of UARTCR");
    check(LOAD("ldrsw", "x", UARTCR), 0x8381, "ldrsw x of UARTCR (bit 31 clear)");
    check(LOAD("ldr", "x", UARTCR), 0, "ldr x of UARTCR reads as zero (no 64-bit access)");
    mmio_wr32(UARTCR, 0x301);
    check(LOAD("ldr", "w", VPL011 + 0xfe0), 0x11, "ldr w of UARTPeriphID0");
    check(LOAD("ldrsb", "x", VPL011 + 0xffc), 0xffffffffffffffb1UL, "ldrsb x of UARTPCellID3");

    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}

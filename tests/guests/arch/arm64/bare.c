// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib.c's console and shutdown for a test guest run bare under QEMU's virt
 * machine (EL1, no hypervisor), the floor a benchmark's figures under Keel
 * are compared with: gprintf() writes QEMU's PL011 (at 0x09000000 in
 * hw/arm/virt.c's memory map; UARTDR at 0x00, UARTFR.TXFF bit 5 at 0x18,
 * ARM DDI 0183), and the shutdown is PSCI SYSTEM_OFF through hvc #0, the
 * conduit QEMU's own PSCI uses when it emulates no EL2 or EL3.
 */
#include "guest.h"

#include <xen/lib.h>

#define BARE_UART 0x09000000UL
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFF (1u << 5)

static void uart_putc(char c)
{
    volatile uint32_t *base = (volatile uint32_t *)BARE_UART;

    while (base[UARTFR / 4] & UARTFR_TXFF)
        ;
    base[UARTDR / 4] = (uint8_t)c;
}

void gprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int i;

    va_start(ap, fmt);
    kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    for (i = 0; buf[i]; i++)
        uart_putc(buf[i]);
}

void guest_shutdown(unsigned int reason)
{
    guest_poweroff();
}

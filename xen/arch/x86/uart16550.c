// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console on COM1, a polled 16550 at 115200 8N1 (register
 * layout from the PC16550D data sheet). Nothing waits for input.
 */
#include <xen/arch.h>
#include <xen/types.h>

#include <asm/processor.h>
#include <asm/setup.h>

#define COM1 0x3f8
#define UART_THR 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty: the last byte has left */

/* console=none turns the console off (a board whose COM1 is not ours). */
bool console_enabled = true;

void uart_init(void)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DLL, 1); /* 115200 baud: divisor 1 */
    outb(COM1 + UART_DLM, 0);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, 0x07); /* enable and clear both FIFOs */
    outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
}

static void uart_putc(char c)
{
    /* A missing UART reads 0xff: THRE looks set and nothing hangs. */
    while (!(inb(COM1 + UART_LSR) & LSR_THRE))
        __asm__ volatile("pause");
    outb(COM1 + UART_THR, (uint8_t)c);
}

void arch_console_write(const char *s, size_t len)
{
    if (!console_enabled)
        return;
    for (; len; len--, s++) {
        if (*s == '\n')
            uart_putc('\r');
        uart_putc(*s);
    }
}

void uart_drain(void)
{
    unsigned int spins = 1000000;

    while (console_enabled && !(inb(COM1 + UART_LSR) & LSR_TEMT) && --spins)
        __asm__ volatile("pause");
}

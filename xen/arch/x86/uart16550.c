// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console on COM1, a polled 16550 at 115200 8N1 (register
 * layout from the PC16550D data sheet). Input is polled too (no device
 * interrupt reaches the hypervisor: the PICs are masked and there is no
 * I/O APIC driver): uart_poll_input() at each scheduling decision of the
 * boot CPU, and every CONSOLE_POLL_NS while it idles (schedule.c).
 */
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/types.h>

#include <asm/processor.h>
#include <asm/setup.h>

#define COM1 0x3f8
#define UART_THR 0
#define UART_RBR 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define LSR_DR 0x01   /* data ready */
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

/*
 * What COM1 received goes to the domain with the input focus. A missing
 * UART reads 0xff, which a real 16550 never shows (bit 7 would flag a FIFO
 * error with every other bit): taken as no input. At most one FIFO's worth
 * per call: a stuck UART cannot hold the CPU.
 */
void uart_poll_input(void)
{
    unsigned int n;
    uint8_t lsr;

    if (!console_enabled)
        return;
    for (n = 0; n < 16; n++) {
        lsr = inb(COM1 + UART_LSR);
        if (lsr == 0xff || !(lsr & LSR_DR))
            return;
        console_rx_char((char)inb(COM1 + UART_RBR));
    }
}

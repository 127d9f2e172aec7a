// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's console: an Arm PL011 (PrimeCell UART, DDI 0183) left
 * configured by the boot loader, driven by polling. Used with the MMU off at
 * boot too, so every access is a single aligned 32-bit load or store.
 */
#include <asm/setup.h>
#include <asm/vcpu.h>
#include <xen/arch.h>
#include <xen/console.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTFR_TXFF (1u << 5) /* transmit FIFO full */
#define UARTFR_RXFE (1u << 4) /* receive FIFO empty */
#define UARTIMSC 0x038
#define UARTICR 0x044
#define UART_RXI (1u << 4)  /* receive interrupt */
#define UART_RTI (1u << 6)  /* receive timeout: a lone byte in the FIFO */

static volatile uint32_t *uart;

static inline uint32_t uart_read(unsigned int off)
{
    return uart[off / 4];
}

static inline void uart_write(unsigned int off, uint32_t val)
{
    uart[off / 4] = val;
}

void pl011_init(uint64_t base)
{
    uart = (volatile uint32_t *)base;
}

void pl011_putc(char c)
{
    if (!uart)
        return;
    if (c == '\n')
        pl011_putc('\r');
    while (uart_read(UARTFR) & UARTFR_TXFF)
        ;
    uart_write(UARTDR, (uint8_t)c);
}

void pl011_puts(const char *s)
{
    while (*s)
        pl011_putc(*s++);
}

/* A received byte, or -1 when none is waiting. */
int pl011_getc(void)
{
    if (!uart || (uart_read(UARTFR) & UARTFR_RXFE))
        return -1;
    return uart_read(UARTDR) & 0xff;
}

/* Console input by interrupt: each byte goes to the common input ring. */
void pl011_enable_rx_irq(void)
{
    if (!uart)
        return;
    uart_write(UARTICR, UART_RXI | UART_RTI);
    uart_write(UARTIMSC, uart_read(UARTIMSC) | UART_RXI | UART_RTI);
}

/*
 * Clear the receive interrupts first, then drain the FIFO. The other order
 * loses input: a byte that arrives between the last read and the clear has
 * its interrupt cleared while it sits in the FIFO, and the receive
 * interrupt, raised when the FIFO fill reaches the trigger level (DDI 0183
 * 2.8.1), does not come again until the FIFO is drained, which nobody then
 * does; the FIFO fills and the sender stalls (seen under QEMU with a
 * 4,000-byte paste under load).
 */
void pl011_rx_irq(void)
{
    int c;

    uart_write(UARTICR, UART_RXI | UART_RTI);
    while ((c = pl011_getc()) >= 0)
        console_rx_char((char)c);
}

void arch_console_write(const char *s, size_t len)
{
    while (len--)
        pl011_putc(*s++);
}

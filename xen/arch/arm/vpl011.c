// SPDX-License-Identifier: GPL-2.0-only
/*
 * A virtual PL011 / SBSA UART (Arm DDI 0183, DEN 0094 appendix B) for guests
 * with "vpl011", on SPI d->arch.map.uart_spi (GUEST_VPL011_SPI but direct-mapped). Transmitted bytes go straight to
 * the console as "(dN)" lines, so the transmit FIFO is always empty: a
 * driver never waits and needs no transmit interrupt (it gets one if it
 * unmasks it). Received bytes are the console input while the domain has
 * the input focus: they wait in its console input buffer (4 KiB, so a
 * pasted line is not lost), whose first 32 bytes are the receive FIFO the
 * guest sees; UARTDR/UARTRSR report an overrun only when that buffer
 * overflowed. The interrupt line is (UARTRIS & UARTIMSC) != 0, a level.
 */
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/string.h>

/* Registers (DDI 0183 3.2, table 3-1). */
#define UARTDR 0x000
#define UARTRSR 0x004
#define UARTFR 0x018
#define UARTILPR 0x020
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIFLS 0x034
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define UARTDMACR 0x048
#define UARTPERIPHID0 0xfe0
/* UARTDR.OE, UARTRSR.OE: overrun, received data was lost (3.3.1, 3.3.2). */
#define UARTDR_OE (1u << 11)
#define UARTRSR_OE (1u << 3)
/* UARTFR bits (3.3.3). */
#define UARTFR_RXFE (1u << 4)
#define UARTFR_RXFF (1u << 6)
#define UARTFR_TXFE (1u << 7)
/* Interrupt bits of IMSC/RIS/MIS/ICR (3.3.10-3.3.14). */
#define UART_RXI (1u << 4)
#define UART_TXI (1u << 5)
#define UART_RTI (1u << 6)
#define UART_IRQ_MASK 0x7ffu

/* PL011 r1p5 peripheral and PrimeCell IDs (DDI 0183 3.3.15-3.3.16). */
static const uint8_t pl011_ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void vpl011_init(struct domain *d)
{
    struct vpl011 *u = &d->arch.uart;

    memset(u, 0, sizeof(*u));
    u->cr = 0x300;        /* TXE | RXE (reset value, 3.3.8) */
    u->ifls = 0x12;       /* half-full triggers */
    u->ris_tx = UART_TXI; /* the empty transmit FIFO is below any trigger level */
}

/* Bytes in the emulated receive FIFO: the head of the domain's input buffer. */
static unsigned int rx_count(struct domain *d)
{
    return MIN(console_input_pending(d), (unsigned int)VPL011_RX_FIFO);
}

/* Caller holds u->lock. */
static uint32_t raw_irqs(struct domain *d, const struct vpl011 *u)
{
    return u->ris_tx | (rx_count(d) ? UART_RXI | UART_RTI : 0);
}

/* Caller holds u->lock: drive the SPI from the new state. */
static void update_irq(struct domain *d, struct vpl011 *u)
{
    vgic_spi_level(d, d->arch.map.uart_spi, (raw_irqs(d, u) & u->imsc) != 0);
}

void arch_console_input(struct domain *d)
{
    struct vpl011 *u = &d->arch.uart;

    if (!d->arch.vpl011)
        return; /* the control domain reads with CONSOLEIO_read */
    spin_lock(&u->lock);
    update_irq(d, u);
    spin_unlock(&u->lock);
}

/*
 * The UART's receive interrupt is only taken on a CPU that is running a
 * guest (an idle CPU waits with interrupts masked): send it to the CPU of
 * the focused domain's vCPU 0 rather than the boot CPU, whose guest may end
 * first.
 */
void arch_console_focus(struct domain *d)
{
    if (d && bootinfo.uart_irq >= 32 && bootinfo.uart_irq < 1020)
        gic_route_spi_to(bootinfo.uart_irq, bootinfo.cpu_mpidr[d->vcpu[0].pcpu]);
}

static uint32_t vpl011_read(struct domain *d, struct vpl011 *u, uint64_t offset)
{
    uint32_t val;

    switch (offset) {
    case UARTDR: {
        int c = console_input_getc(d);

        if (console_input_overrun(d))
            u->rsr |= UARTRSR_OE;
        /* UARTDR carries the overrun flag beside the byte (3.3.1). */
        val = (c < 0 ? 0 : (uint32_t)c) | (u->rsr & UARTRSR_OE ? UARTDR_OE : 0);
        update_irq(d, u);
        return val;
    }
    case UARTRSR:
        return u->rsr;
    case UARTFR:
        return UARTFR_TXFE | (rx_count(d) ? 0 : UARTFR_RXFE) |
               (rx_count(d) == VPL011_RX_FIFO ? UARTFR_RXFF : 0);
    case UARTIBRD:
        return u->ibrd;
    case UARTFBRD:
        return u->fbrd;
    case UARTLCR_H:
        return u->lcr_h;
    case UARTCR:
        return u->cr;
    case UARTIFLS:
        return u->ifls;
    case UARTIMSC:
        return u->imsc;
    case UARTRIS:
        return raw_irqs(d, u);
    case UARTMIS:
        return raw_irqs(d, u) & u->imsc;
    case UARTDMACR:
        return u->dmacr;
    default:
        if (offset >= UARTPERIPHID0 && offset < UARTPERIPHID0 + 32 && !(offset & 3))
            return pl011_ids[array_index_nospec((offset - UARTPERIPHID0) / 4, 8)];
        return 0; /* UARTILPR, reserved: RAZ */
    }
}

static void vpl011_write(struct domain *d, struct vpl011 *u, uint64_t offset, uint32_t val)
{
    switch (offset) {
    case UARTIBRD:
        u->ibrd = val & 0xffff;
        return;
    case UARTFBRD:
        u->fbrd = val & 0x3f;
        return;
    case UARTLCR_H:
        u->lcr_h = val & 0xff;
        return;
    case UARTCR:
        u->cr = val & 0xff87;
        return;
    case UARTIFLS:
        u->ifls = val & 0x3f;
        return;
    case UARTIMSC:
        u->imsc = val & UART_IRQ_MASK;
        break;
    case UARTICR:
        u->ris_tx &= ~(val & UART_TXI); /* receive ones follow the FIFO */
        break;
    case UARTDMACR:
        u->dmacr = val & 7;
        return;
    case UARTRSR: /* UARTECR: any write clears the error flags (3.3.2) */
        u->rsr = 0;
        return;
    default:
        return; /* UARTILPR, reserved: WI */
    }
    update_irq(d, u);
}

/*
 * Access sizes: the PL011 sits on a 32-bit APB bus and ignores the size of
 * an access, so 8, 16 and 32-bit accesses at a register's word offset act on
 * the register: a load gets its low bytes (mmio.c truncates), a store sets it
 * to the stored bytes, zero-extended (UARTDR takes the byte a driver's strb
 * writes). The SBSA UART (DEN 0094 B) asks for 32-bit accesses, and 8-bit ones
 * to UARTDR: both covered. Anything else, a 64-bit access or one inside a
 * word, is IMPLEMENTATION DEFINED: it reads as zero and is ignored.
 */
bool vpl011_mmio(struct vcpu *v, const struct mmio_access *a, uint64_t offset, uint64_t *val)
{
    struct domain *d = v->domain;
    struct vpl011 *u = &d->arch.uart;

    if (a->size > 4 || (offset & 3)) {
        *val = 0;
        return true;
    }
    if (a->write) {
        if (offset == UARTDR) {
            /* The short path: one byte to the console, the FIFO is empty again. */
            char c = (char)*val;

            console_guest_write(d, &c, 1);
            if (!u->ris_tx) {
                spin_lock(&u->lock);
                u->ris_tx = UART_TXI;
                update_irq(d, u);
                spin_unlock(&u->lock);
            }
            return true;
        }
        spin_lock(&u->lock);
        vpl011_write(d, u, offset, (uint32_t)*val);
        spin_unlock(&u->lock);
        /*
         * A driver masks the transmit interrupt when it has nothing left to
         * send (Linux's pl011_stop_tx()): what it wrote of a line, a prompt,
         * may show now. After the lock: the console's input side takes
         * focus, then this lock.
         */
        if (offset == UARTIMSC && !(*val & UART_TXI))
            console_guest_idle(v);
        return true;
    }
    if (offset == UARTFR) {
        /* The other half of the short path: a console polls this before every byte. */
        unsigned int n = rx_count(d);

        *val = UARTFR_TXFE | (n ? 0 : UARTFR_RXFE) | (n >= VPL011_RX_FIFO ? UARTFR_RXFF : 0);
        return true;
    }
    spin_lock(&u->lock);
    *val = vpl011_read(d, u, offset);
    spin_unlock(&u->lock);
    return true;
}

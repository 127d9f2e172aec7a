// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each guest's COM1: a 16550A whose transmitter is always ready (register
 * layout and interrupt rules from the PC16550D data sheet). Transmitted
 * bytes go to the hypervisor console as "(dN) ..." lines; received bytes
 * are the domain's console input (xen/common/console_input.c: the line
 * typed on the hypervisor's console while it has the focus). No interrupt
 * line is wired to it (the guest's ACPI tables say so): a driver polls,
 * and the interrupt identification register tells it what is pending, as
 * Linux's 8250 driver reads it in its polling mode.
 */
#include <public/xen.h>
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>

#define LCR_DLAB 0x80
#define LSR_DR 0x01       /* data ready */
#define LSR_OE 0x02       /* overrun: input was lost */
#define LSR_THRE_TEMT 0x60 /* transmitter idle, holding register empty */
#define MSR_DCD_DSR_CTS 0xb0
#define IER_ERBFI 0x01    /* received data available interrupt */
#define IER_ETBEI 0x02    /* transmitter holding register empty interrupt */
/* IIR (data sheet table 4): no interrupt, THR empty, received data; FIFOs on. */
#define IIR_NO_INTERRUPT 0x01
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define IIR_FIFOS_ON 0xc0
#define FCR_FIFO_ENABLE 0x01

/*
 * The highest-priority interrupt pending (table 4): received data, then
 * the empty holding register, which reading it here clears until the next
 * write to the THR (the transmitter being always idle, it is empty again
 * at once after each write).
 */
static uint8_t vuart_iir(struct domain *d, struct vuart *u)
{
    uint8_t fifo = u->fifo ? IIR_FIFOS_ON : 0;

    if ((u->ier & IER_ERBFI) && console_input_pending(d))
        return fifo | IIR_RDA;
    if ((u->ier & IER_ETBEI) && !u->thre_taken) {
        u->thre_taken = true;
        return fifo | IIR_THRE;
    }
    return fifo | IIR_NO_INTERRUPT;
}

static uint8_t vuart_read(struct domain *d, struct vuart *u, unsigned int reg)
{
    switch (reg) {
    case 0: {
        int c;

        if (u->lcr & LCR_DLAB)
            return u->dll;
        c = console_input_getc(d);
        return c < 0 ? 0 : (uint8_t)c;
    }
    case 1:
        return u->lcr & LCR_DLAB ? u->dlm : u->ier;
    case 2:
        return vuart_iir(d, u);
    case 3:
        return u->lcr;
    case 4:
        return u->mcr;
    case 5:
        return LSR_THRE_TEMT | (console_input_pending(d) ? LSR_DR : 0) |
               (console_input_overrun(d) ? LSR_OE : 0);
    case 6:
        return MSR_DCD_DSR_CTS;
    default:
        return u->scr;
    }
}

static void vuart_write(struct domain *d, struct vuart *u, unsigned int reg, uint8_t val)
{
    switch (reg) {
    case 0:
        if (u->lcr & LCR_DLAB) {
            u->dll = val;
        } else {
            char c = (char)val;

            console_guest_write(d, &c, 1);
            u->thre_taken = false; /* sent at once: the holding register is empty again */
        }
        break;
    case 1:
        if (u->lcr & LCR_DLAB)
            u->dlm = val;
        else {
            /* Enabling the THRE interrupt with the THR empty raises it (data sheet, IER). */
            if ((val & IER_ETBEI) && !(u->ier & IER_ETBEI))
                u->thre_taken = false;
            /*
             * Disabling it, a driver says it has nothing left to send
             * (Linux's __stop_tx()): what it wrote of a line, a prompt,
             * may show now.
             */
            if (!(val & IER_ETBEI) && (u->ier & IER_ETBEI) && current->domain == d)
                console_guest_idle(current);
            u->ier = val & 0x0f;
        }
        break;
    case 2:
        u->fifo = val & FCR_FIFO_ENABLE;
        break;
    case 3:
        u->lcr = val;
        break;
    case 4:
        u->mcr = val & 0x1f;
        break;
    case 7:
        u->scr = val;
        break;
    default: /* LSR, MSR: nothing to keep */
        break;
    }
}

bool vuart_io(struct domain *d, uint16_t port, bool in, uint32_t *val)
{
    unsigned int reg = port - GUEST_COM1_PORT;

    if (port < GUEST_COM1_PORT || reg > 7)
        return false;
    /* The guest's port picks the switch's branch (a jump table): bounded under speculation too. */
    reg = (unsigned int)array_index_nospec(reg, 8);
    if (in)
        *val = vuart_read(d, &d->arch.uart, reg);
    else
        vuart_write(d, &d->arch.uart, reg, (uint8_t)*val);
    return true;
}

/*
 * Input for d arrived (uart16550.c polls the hypervisor's COM1): nothing
 * to raise, its driver polls the LSR/IIR; a vCPU halted waiting for it is
 * woken by its own timer.
 */
void arch_console_input(struct domain *d)
{
}

void arch_console_focus(struct domain *d)
{
}

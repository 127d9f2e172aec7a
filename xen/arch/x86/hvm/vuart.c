// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each guest's COM1: a 16550 that is always ready to send and never has
 * anything to receive (register layout from the PC16550D data sheet).
 * Transmitted bytes go to the hypervisor console as "(dN) ..." lines.
 */
#include <public/xen.h>
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>

#define LCR_DLAB 0x80
#define LSR_THRE_TEMT 0x60 /* transmitter idle, holding register empty */
#define MSR_DCD_DSR_CTS 0xb0
#define IIR_NO_INTERRUPT 0x01

static uint8_t vuart_read(struct vuart *u, unsigned int reg)
{
    switch (reg) {
    case 0:
        return u->lcr & LCR_DLAB ? u->dll : 0; /* no input */
    case 1:
        return u->lcr & LCR_DLAB ? u->dlm : u->ier;
    case 2:
        return IIR_NO_INTERRUPT;
    case 3:
        return u->lcr;
    case 4:
        return u->mcr;
    case 5:
        return LSR_THRE_TEMT;
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
        }
        break;
    case 1:
        if (u->lcr & LCR_DLAB)
            u->dlm = val;
        else
            u->ier = val & 0x0f;
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
    default: /* FCR, LSR, MSR: nothing to keep */
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
        *val = vuart_read(&d->arch.uart, reg);
    else
        vuart_write(d, &d->arch.uart, reg, (uint8_t)*val);
    return true;
}

/*
 * The x86 backend takes no console input yet (its UART driver only
 * transmits), and this vUART has no receiver: nothing to signal or steer.
 */
void arch_console_input(struct domain *d)
{
}

void arch_console_focus(struct domain *d)
{
}

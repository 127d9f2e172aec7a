// SPDX-License-Identifier: GPL-2.0-only
/*
 * A virtual PL011 / SBSA UART (Arm DDI 0183, DEN 0094 appendix B) for guests
 * with "vpl011": transmit only reaches the console, as "(dN)" lines; the
 * transmit FIFO never fills and the receive FIFO is always empty.
 */
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/console.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTFR_RXFE (1u << 4)
#define UARTFR_TXFE (1u << 7)
#define UARTPERIPHID0 0xfe0

/* PL011 r1p5 peripheral and PrimeCell IDs (DDI 0183 3.3.15-3.3.16). */
static const uint8_t pl011_ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

bool vpl011_mmio(struct vcpu *v, struct cpu_user_regs *regs, uint64_t offset, uint64_t esr)
{
    unsigned int rt = DABT_SRT(esr);

    if (!(esr & DABT_ISV)) /* no syndrome: cannot emulate (e.g. a pair load) */
        return false;
    if (esr & DABT_WNR) {
        if (offset == UARTDR) {
            char c = (char)mmio_reg_read(regs, rt);

            console_guest_write(v->domain, &c, 1);
        }
        return true; /* control registers: accepted and ignored */
    }
    if (offset == UARTFR)
        mmio_reg_write(regs, rt, UARTFR_TXFE | UARTFR_RXFE);
    else if (offset >= UARTPERIPHID0 && offset < UARTPERIPHID0 + 32 && !(offset & 3))
        mmio_reg_write(regs, rt, pl011_ids[(offset - UARTPERIPHID0) / 4]);
    else
        mmio_reg_write(regs, rt, 0);
    return true;
}

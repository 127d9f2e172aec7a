// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each guest's CMOS real-time clock at ports 0x70 (index) and 0x71 (data),
 * the MC146818 registers a kernel reads for the wall-clock time at boot:
 * seconds, minutes, hours, day of week, day, month, year (0x00-0x09),
 * status A (update in progress, 0x0a), B (data format, 0x0b) and D (valid
 * RAM and time, 0x0d), read from the machine's own RTC, so the guest gets
 * the real time in the format the RTC keeps it (BCD or binary, 12/24 h as
 * status B says). Nothing else of the CMOS: the alarm, status C (reading
 * it would clear the machine's interrupt flags), the NVRAM with the
 * firmware's settings read as 0xff; writes to a register are dropped with
 * a line (a guest cannot set the machine's clock), and the interrupt
 * enables of status B read as off (no RTC interrupt is delivered).
 *
 * Without it both ports read 0xff: status A's update-in-progress bit
 * looks set for ever, and Linux 6.1 spends one second of guest time
 * polling it before "Unable to read current time from RTC" (two thirds of
 * its boot in Bochs, where a second of guest time is 3.5 G instructions).
 */
#include <xen/console.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>

#define RTC_INDEX_PORT 0x70
#define RTC_DATA_PORT 0x71
#define RTC_INDEX_MASK 0x7f     /* bit 7 of the index port gates the NMI: not the guest's */
#define RTC_REG_STATUS_A 0x0a
#define RTC_REG_STATUS_B 0x0b
#define RTC_REG_STATUS_D 0x0d
#define RTC_B_INTERRUPTS 0x70   /* periodic, alarm, update-ended interrupt enables */

/* The machine's RTC: an index write and a data read make one access. */
static spinlock_t cmos_lock = SPINLOCK_INIT;

static uint8_t host_cmos_read(uint8_t reg)
{
    uint8_t val;

    spin_lock(&cmos_lock);
    outb(RTC_INDEX_PORT, reg);
    val = inb(RTC_DATA_PORT);
    spin_unlock(&cmos_lock);
    return val;
}

/* Whether the guest may read register reg of the machine's RTC. */
static bool vrtc_readable(uint8_t reg)
{
    switch (reg) {
    case 0x00: case 0x02: case 0x04: case 0x06: case 0x07: case 0x08: case 0x09:
    case RTC_REG_STATUS_A: case RTC_REG_STATUS_B: case RTC_REG_STATUS_D:
        return true;
    default:
        return false;
    }
}

bool vrtc_io(struct domain *d, uint16_t port, bool in, uint32_t *val)
{
    uint8_t reg = d->arch.rtc_index;

    if (port != RTC_INDEX_PORT && port != RTC_DATA_PORT)
        return false;
    if (port == RTC_INDEX_PORT) {
        if (in)
            *val = 0xff; /* write-only */
        else
            d->arch.rtc_index = (uint8_t)*val & RTC_INDEX_MASK;
        return true;
    }
    if (!in) {
        printk_guest(d, "d%u: write of RTC register %#x not emulated: dropped\n", d->domain_id,
                     reg);
        return true;
    }
    if (!vrtc_readable(reg)) {
        *val = 0xff;
        return true;
    }
    *val = host_cmos_read(reg);
    if (reg == RTC_REG_STATUS_B)
        *val &= ~(uint32_t)RTC_B_INTERRUPTS;
    return true;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's clock: the physical count CNTPCT_EL0 at CNTFRQ_EL0 Hz
 * (Arm ARM D11.1.2: the system counter runs at a constant frequency, the
 * same on every CPU).
 */
#include <asm/sysregs.h>
#include <xen/arch.h>

#define NS_PER_SEC 1000000000UL

uint64_t arch_time_ns(void)
{
    uint64_t ticks = READ_SYSREG(cntpct_el0), freq = READ_SYSREG(cntfrq_el0);

    /* In two steps: ticks * 10^9 would overflow after minutes at 62.5 MHz. */
    return freq ? ticks / freq * NS_PER_SEC + ticks % freq * NS_PER_SEC / freq : 0;
}

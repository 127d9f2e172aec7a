// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's clock: the TSC, at the frequency CPUID leaf 0x16 reports
 * (SDM Vol. 2A, CPUID "Processor Frequency Information": EAX is the base
 * frequency in MHz), else taken to be 1 GHz. Keel requires an invariant
 * TSC (constant rate in every P-/C-state, SDM Vol. 3B 18.17.1).
 */
#include <xen/arch.h>

#include <asm/processor.h>

uint64_t tsc_mhz(void)
{
    static uint64_t mhz;
    struct cpuid_regs r;

    if (!mhz) {
        cpuid_count(0, 0, &r);
        mhz = 1000;
        if (r.eax >= 0x16) {
            cpuid_count(0x16, 0, &r);
            if (r.eax & 0xffff)
                mhz = r.eax & 0xffff;
        }
    }
    return mhz;
}

uint64_t ns_to_tsc(uint64_t ns)
{
    uint64_t mhz = tsc_mhz();

    /* ns <= a second or so here (a slice): ns * mhz cannot overflow. */
    return ns * mhz / 1000;
}

uint64_t arch_time_ns(void)
{
    uint64_t tsc = rdtsc(), mhz = tsc_mhz();

    /* In two steps, so that tsc * 1000 cannot overflow. */
    return tsc / mhz * 1000 + tsc % mhz * 1000 / mhz;
}

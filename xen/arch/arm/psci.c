// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calls to the platform firmware through PSCI (Arm DEN 0022), with the
 * conduit the host device tree names: SMC under QEMU's virt machine with
 * virtualization=on, HVC where EL3 firmware is absent.
 */
#include <asm/psci.h>
#include <asm/setup.h>
#include <xen/arch.h>
#include <xen/lib.h>

uint64_t psci_call(uint64_t fn, uint64_t a0, uint64_t a1, uint64_t a2)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a0;
    register uint64_t x2 __asm__("x2") = a1;
    register uint64_t x3 __asm__("x3") = a2;

    if (bootinfo.psci_hvc)
        __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    else
        __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    return x0;
}

void psci_system_off(void)
{
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    /* Firmware without SYSTEM_OFF: park this CPU. */
    for (;;)
        __asm__ volatile("wfi");
}

void arch_system_off(void)
{
    smp_wait_others_idle(100);
    psci_system_off();
}

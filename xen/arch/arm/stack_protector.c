// SPDX-License-Identifier: GPL-2.0-only
/*
 * libfdt is built with -fstack-protector-strong, as Debian builds it
 * (arch.mk): on AArch64 the canary is the global __stack_chk_guard. The hypervisor's own code is built
 * without the protector, so the guard can be set once at boot, before the
 * first libfdt call, from the physical counter.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>

uint64_t __stack_chk_guard;
void __stack_chk_fail(void);
void stack_protector_init(void);

void stack_protector_init(void)
{
    uint64_t seed = READ_SYSREG(cntpct_el0);

    __stack_chk_guard = (seed * 0x9e3779b97f4a7c15UL) ^ 0x00a5d1f0c3b2e100UL;
    __stack_chk_guard &= ~0xffUL; /* a NUL byte stops string overflows */
}

void __stack_chk_fail(void)
{
    panic("stack protector: libfdt's stack was corrupted");
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A real compiler-built relocatable object for the ELF checks: a function
 * that calls into the hypervisor, data, bss and a string, as a live-patch
 * payload would have. Built for x86_64 and aarch64 by tests/unit/suite.mk.
 */
const char *xen_extra_version(void);

static const char greeting[] = "Hello World";
int patched_calls;
static char scratch[64];

const char *sample_extra_version(void)
{
    patched_calls++;
    scratch[0] = xen_extra_version()[0];
    return greeting;
}

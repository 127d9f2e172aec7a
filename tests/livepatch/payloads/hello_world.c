// SPDX-License-Identifier: GPL-2.0-only
/* hello_world: xen_extra_version() returns "Hello World"; stacks on the hypervisor. */
#include "payload.h"

static const char *hello_world(void)
{
    return "Hello World";
}

LIVEPATCH_FUNC(hello_func, "xen_extra_version", hello_world, xen_extra_version, 0, OLD_SIZE);

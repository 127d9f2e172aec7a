// SPDX-License-Identifier: GPL-2.0-only
/*
 * replace_world: for REPLACE (every applied payload reverted, this one
 * applied); old_addr 0, so the hypervisor finds xen_extra_version by name.
 */
#include "payload.h"

static const char *replace_world(void)
{
    return "Replace World";
}

LIVEPATCH_FUNC(replace_func, "xen_extra_version", replace_world, 0, 0, OLD_SIZE);

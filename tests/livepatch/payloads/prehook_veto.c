// SPDX-License-Identifier: GPL-2.0-only
/* prehook_veto: its pre-apply hook refuses (-ENODATA, -61): APPLY fails and nothing changes. */
#include "payload.h"

static const char *veto_version(void)
{
    return "Vetoed World";
}

static int refuse(void)
{
    return -61;
}

LIVEPATCH_HOOK("preapply", int, refuse);
LIVEPATCH_FUNC(veto_func, "xen_extra_version", veto_version, xen_extra_version, 0, OLD_SIZE);

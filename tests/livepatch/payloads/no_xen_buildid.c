// SPDX-License-Identifier: GPL-2.0-only
/* no_xen_buildid: built without .livepatch.xen_depends, so UPLOAD must refuse it. */
#include "payload.h"

static const char *no_xen_buildid(void)
{
    return "No Xen Build-ID";
}

LIVEPATCH_FUNC(nobid_func, "xen_extra_version", no_xen_buildid, xen_extra_version, 0, OLD_SIZE);

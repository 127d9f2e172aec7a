// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks: counts its pre/post apply/revert hooks; xen_extra_version() answers
 * "hooks A B C D" with the four counters, formatted by the hypervisor's own
 * ksnprintf(). Applied, reverted and applied again it shows "hooks 2 2 1 1".
 */
#include "payload.h"

static unsigned int pre_apply_n, post_apply_n, pre_revert_n, post_revert_n;
static char answer[64];

static const char *hooks_version(void)
{
    ksnprintf(answer, sizeof(answer), "hooks %u %u %u %u", pre_apply_n, post_apply_n,
              pre_revert_n, post_revert_n);
    return answer;
}

static int pre_apply(void)
{
    pre_apply_n++;
    return 0;
}

static void post_apply(void)
{
    post_apply_n++;
}

static int pre_revert(void)
{
    pre_revert_n++;
    return 0;
}

static void post_revert(void)
{
    post_revert_n++;
}

LIVEPATCH_HOOK("preapply", int, pre_apply);
LIVEPATCH_HOOK("postapply", void, post_apply);
LIVEPATCH_HOOK("prerevert", int, pre_revert);
LIVEPATCH_HOOK("postrevert", void, post_revert);
LIVEPATCH_FUNC(hooks_func, "xen_extra_version", hooks_version, xen_extra_version, 0, OLD_SIZE);

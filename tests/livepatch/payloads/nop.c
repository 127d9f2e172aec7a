// SPDX-License-Identifier: GPL-2.0-only
/*
 * nop: new_addr 0, so the first instruction of bye_world() (the bye_world
 * payload's exported function, resolved against the loaded payloads) becomes
 * NOPs and xen_extra_version() answers "Bye World (nop)". Stacks on bye_world.
 */
#include "payload.h"

const char *bye_world(void);

#ifdef __aarch64__
#define NOP_SIZE 4
#else
#define NOP_SIZE 2
#endif

LIVEPATCH_FUNC(nop_func, "bye_world", 0, bye_world, NOP_SIZE, 2 * PATCH_SIZE);

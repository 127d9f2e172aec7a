/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-patch payload pool (asm/livepatch.h): inside the image, so that
 * payloads and the hypervisor reach each other with B/BL and ADRP, but in
 * a NOBITS section of its own after .bss (xen.lds), so that head.S does not
 * spend boot time clearing 4 MiB that livepatch.c zeroes per allocation.
 */
#include <asm/livepatch.h>

    .section .livepatch_pool, "aw", %nobits
    .balign 4096
    .globl livepatch_pool
livepatch_pool:
    .space LIVEPATCH_POOL_SIZE

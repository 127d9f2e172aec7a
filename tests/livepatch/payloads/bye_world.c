// SPDX-License-Identifier: GPL-2.0-only
/*
 * bye_world: stacks on hello_world (its build-id is this payload's
 * .livepatch.depends); xen_extra_version() returns "Bye World". Its
 * replacement, bye_world(), is exported for the nop payload: it starts with
 * a jump over a second answer, which nop turns into NOPs.
 */
#include "payload.h"

const char *bye_world(void);

#ifdef __aarch64__
__asm__(".section .text.bye_world, \"ax\"\n"
        ".globl bye_world\n.type bye_world, %function\n.balign 4\n"
        "bye_world:\n"
        "    b 1f\n"                       /* the 4 bytes nop replaces */
        "    adrp x0, bye_nop\n    add x0, x0, :lo12:bye_nop\n    ret\n"
        "1:  adrp x0, bye\n    add x0, x0, :lo12:bye\n    ret\n"
        ".size bye_world, . - bye_world\n.previous");
#else
__asm__(".section .text.bye_world, \"ax\"\n"
        ".globl bye_world\n.type bye_world, @function\n"
        "bye_world:\n"
        "    jmp 1f\n"                     /* the 2 bytes nop replaces */
        "    lea bye_nop(%rip), %rax\n    ret\n"
        "1:  lea bye(%rip), %rax\n    ret\n"
        ".size bye_world, . - bye_world\n.previous");
#endif

static const char bye[] __attribute__((used)) = "Bye World";
static const char bye_nop[] __attribute__((used)) = "Bye World (nop)";

LIVEPATCH_FUNC(bye_func, "xen_extra_version", bye_world, xen_extra_version, 0, OLD_SIZE);

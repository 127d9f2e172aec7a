// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only test guest: an empty IDT and an invalid opcode give #UD, then
 * #GP and #DF delivering through it, then a triple fault, which must end
 * this guest only.
 */
#include "../guest.h"

void guest_main(void *boot_info)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {0, 0};

    gprintf("triple-fault guest: ud2 with an empty IDT\n");
    __asm__ volatile("lidt %0; ud2" : : "m"(idtr));
    tap_ok(0, "still alive after a triple fault");
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}

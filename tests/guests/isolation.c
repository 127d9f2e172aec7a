// SPDX-License-Identifier: GPL-2.0-only
/*
 * Isolation guest: tries to reach memory that is not its own. Bootargs:
 *   "overwrite=ADDR" first fills 64 KiB at guest-physical ADDR (the runner
 *                    passes the hypervisor's physical load address, which in
 *                    this guest's IPA space is just its own RAM) and checks
 *                    the hypervisor still answers correctly;
 *   "spinner"        starts a second vCPU that loops without ever trapping,
 *                    which the hypervisor has to stop when this guest dies;
 *   "sleeper"        the same with a second vCPU waiting in WFI, interrupts
 *                    masked (on a CPU of its own, WFI does not trap);
 *   "wait_ms=N"      (hex) waits that long first, so that another guest can
 *                    end before this one makes its access;
 *   "read=ADDR" / "write=ADDR" then loads from or stores to ADDR, which must
 *                    end this guest (stage-2 fault -> domain crashed).
 * If the access returns, the guest reports "not ok" and exits normally, so
 * the runner sees the failure.
 */
#include "guest.h"

static uint64_t arg_hex(const char *args, const char *key, int *found)
{
    const char *p = strstr_simple(args, key);
    uint64_t v = 0;

    /* A whole word only: "write=" must not match inside "overwrite=". */
    while (p && p != args && p[-1] != ' ')
        p = strstr_simple(p + 1, key);
    *found = p != NULL;
    if (!p)
        return 0;
    p += strlen(key);
    if (p[0] == '0' && p[1] == 'x')
        p += 2;
    for (;; p++) {
        unsigned int d;

        if (*p >= '0' && *p <= '9')
            d = *p - '0';
        else if (*p >= 'a' && *p <= 'f')
            d = *p - 'a' + 10;
        else
            break;
        v = v * 16 + d;
    }
    return v;
}

void guest_main(void *boot_info)
{
    const char *args = arch_boot_args(boot_info);
    int have_over, have_read, have_write;
    uint64_t over = arg_hex(args, "overwrite=", &have_over);
    uint64_t rd = arg_hex(args, "read=", &have_read);
    uint64_t wr = arg_hex(args, "write=", &have_write);
    int have_wait;
    uint64_t wait_ms = arg_hex(args, "wait_ms=", &have_wait);
    long before = HYPERVISOR_xen_version(XENVER_version, NULL);

    gprintf("isolation guest: RAM %lx-%lx, args \"%s\"\n", (unsigned long)arch_ram_base(boot_info),
            (unsigned long)arch_ram_end(boot_info), args);
    if (strstr_simple(args, "spinner"))
        tap_ok(arch_start_spinner() == 0, "a second vCPU runs a loop that never traps");
    if (strstr_simple(args, "sleeper"))
        tap_ok(arch_start_sleeper && arch_start_sleeper() == 0,
               "a second vCPU waits in WFI with interrupts masked");
    if (have_over) {
        uint64_t a;

        for (a = over; a < over + 0x10000; a += 4)
            arch_write_phys(a, 0xdeadbeef);
        tap_ok(HYPERVISOR_xen_version(XENVER_version, NULL) == before &&
                   arch_read_phys(over) == 0xdeadbeef,
               "overwriting guest-physical %lx landed in this guest's own RAM; hypervisor intact",
               (unsigned long)over);
    }
    if (have_wait)
        arch_delay_us(wait_ms * 1000);
    if (have_read) {
        gprintf("isolation: reading %lx\n", (unsigned long)rd);
        (void)arch_read_phys(rd);
        tap_ok(0, "read of %lx outside this guest's RAM returned", (unsigned long)rd);
    }
    if (have_write) {
        gprintf("isolation: writing %lx\n", (unsigned long)wr);
        arch_write_phys(wr, 0x5a5a5a5a);
        tap_ok(0, "write to %lx outside this guest's RAM returned", (unsigned long)wr);
    }
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The non-control guest of the live-patch run: for a while (bootargs
 * "ms=N", default 4000) it keeps calling sysctl, which must be -EPERM every
 * time, and reading VERSION_extraversion, which must always be one of the
 * answers the payloads give (never a torn or garbage string), while the
 * control domain patches the hypervisor under it and its CPU is pulled into
 * every rendezvous. It prints how many distinct answers it saw.
 *
 * With "flood" it also writes 64 KiB of text with every CONSOLEIO_write: one
 * such call must not keep its CPU from a rendezvous (the hypervisor prints
 * in slices and re-enters), nor flood the console (its rate limit).
 */
#include "guest.h"

#define EPERM_ (-1)

static const char *const known[] = {"Hello World", "Bye World", "Bye World (nop)",
                                    "Replace World", "Expected World", "hooks "};

static unsigned long arg_ms(const char *args)
{
    const char *p = strstr_simple(args, "ms=");
    unsigned long v = 0;

    if (!p)
        return 4000;
    for (p += 3; *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (unsigned long)(*p - '0');
    return v;
}

static char flood_text[65536];

static void flood_init(void)
{
    size_t i;

    for (i = 0; i < sizeof(flood_text); i++)
        flood_text[i] = i % 64 == 63 ? '\n' : (char)('A' + i % 64 % 26);
}

void guest_main(void *boot_info)
{
    const char *args = arch_boot_args(boot_info);
    bool flood = strstr_simple(args, "flood") != NULL;
    unsigned long ms = arg_ms(args), calls = 0, denied = 0, odd = 0, floods = 0, flood_ok = 0;
    uint64_t end = arch_counter() + arch_counter_freq() / 1000 * ms;
    unsigned int seen = 0, i;
    char original[64], buf[64];
    struct xen_sysctl op;

    if (flood)
        flood_init();
    memset(original, 0, sizeof(original));
    HYPERVISOR_version_op(VERSION_extraversion, original, sizeof(original) - 1);
    while (arch_counter() < end) {
        long n;

        memset(&op, 0, sizeof(op));
        op.cmd = XEN_SYSCTL_livepatch_op;
        op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
        op.u.livepatch.cmd = XEN_SYSCTL_LIVEPATCH_LIST;
        denied += HYPERVISOR_sysctl(&op) == EPERM_;
        if (flood) {
            floods++;
            flood_ok += HYPERVISOR_console_io(CONSOLEIO_write, sizeof(flood_text), flood_text) == 0;
        }
        memset(buf, 0, sizeof(buf));
        n = HYPERVISOR_version_op(VERSION_extraversion, buf, sizeof(buf) - 1);
        calls++;
        if (n < 0 || !strcmp(buf, original))
            continue;
        for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
            if (!strncmp(buf, known[i], strlen(known[i])))
                break;
        if (i == sizeof(known) / sizeof(known[0])) {
            odd++;
            gprintf("unexpected extraversion \"%s\"\n", buf);
        } else {
            seen |= 1u << i;
        }
    }
    if (flood) {
        /* Its output budget is spent: let it refill so these lines are printed. */
        end = arch_counter() + arch_counter_freq() * 2;
        while (arch_counter() < end)
            ;
    }
    tap_ok(calls > 0 && denied == calls, "sysctl was -EPERM all %lu times", calls);
    tap_ok(odd == 0, "every extraversion read was the original or a payload's (%lu odd)", odd);
    if (flood)
        tap_ok(flood_ok == floods, "every 64 KiB CONSOLEIO_write returned 0 (%lu of %lu)", flood_ok,
               floods);
    gprintf("bystander: %lu calls over %lu ms, saw patched answers mask %#x\n", calls, ms, seen);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}

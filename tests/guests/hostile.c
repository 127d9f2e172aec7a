// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hostile guest: hammers the hypervisor with what no well-behaved guest
 * sends, for a bounded number of iterations from a deterministic PRNG
 * seeded by its command line, so a failure is reproducible. Every
 * hypercall number (and huge and negative ones), every sub-op, random
 * arguments, bad pointers (NULL, unmapped, the hypervisor's, straddling the
 * end of RAM, misaligned) and lengths (0, 1, 2^31, 2^63, ~0), then the
 * arch's own traps (arch/<arch>/hostile_arch.c). Each category ends as one
 * TAP line: every result was a success or a Xen errno, and the exact one
 * where the ABI fixes it. Calls that would end the guest on purpose
 * (SCHEDOP_shutdown with a valid reason, SCHEDOP_block with nothing to wake
 * it) are steered away from; "final" asks for the arch's last step, an
 * access that must crash this guest alone.
 *
 * Bootargs: "seed=N" (default 1), "iterations=N" (default 1000), "control"
 * when the hypervisor made this the control domain, "final".
 */
#include "hostile.h"

#include <xen/lib.h>

#define ENOSYS_ (-38)
#define EINVAL_ (-22)
#define EFAULT_ (-14)
#define EPERM_ (-1)
#define E2BIG_ (-7)
#define EACCES_ (-13)

#define SCRATCH_SIZE 0x11000  /* 64 KiB of targets + room for the longest answer */
#define ZEROS_SIZE 0x20000    /* console writes read up to 64 KiB from up to 64 KiB in */
#define POISON_SIZE 0x1000
#define MAX_REPORTED 4        /* surprises printed per category */

static uint8_t scratch[SCRATCH_SIZE] __attribute__((aligned(4096)));
/* Never written by the hypervisor: what console writes print is nothing (NULs are dropped). */
static uint8_t zeros[ZEROS_SIZE] __attribute__((aligned(4096)));
/* 0xa5 bytes: any uint32_t here is an out-of-range shutdown reason. */
static uint8_t poison[POISON_SIZE] __attribute__((aligned(4096)));

static char args[256];
static uint64_t rng, ram_end;
static int is_control;

/* Xen errno values the hypervisor may return (DESIGN section 3, and EACCES, ENOMEM). */
static const long xen_errnos[] = {-1, -2, -7, -12, -13, -14, -16, -17, -22, -38, -61, -95, -105};

int hostile_xen_result(long r)
{
    unsigned int i;

    if (r >= 0)
        return 1;
    for (i = 0; i < sizeof(xen_errnos) / sizeof(xen_errnos[0]); i++)
        if (r == xen_errnos[i])
            return 1;
    return 0;
}

/* splitmix64 (Steele, Lea, Flood 2014): small, and good enough to cover the space. */
uint64_t hostile_rand(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15UL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
    return z ^ (z >> 31);
}

static uint64_t pick(const uint64_t *v, unsigned int n)
{
    return v[hostile_rand() % n];
}

uint64_t hostile_scratch(void)
{
    return (uintptr_t)scratch + hostile_rand() % 0x10000;
}

static int in_scratch(uint64_t p)
{
    return p >= (uintptr_t)scratch && p < (uintptr_t)scratch + SCRATCH_SIZE;
}

uint64_t hostile_pointer(void)
{
    unsigned int n;
    const uint64_t *arch = arch_hostile_addresses(&n);

    switch (hostile_rand() % 12) {
    case 0:
        return 0;
    case 1:
        return 1 + hostile_rand() % 4095; /* the NULL page */
    case 2:
        return ram_end - 1 - hostile_rand() % 3; /* 1..3 bytes before the end of RAM */
    case 3:
        return ram_end + hostile_rand() % 0x10000;
    case 4:
        return arch[hostile_rand() % n];
    case 5:
        return hostile_rand();
    case 6:
        return ~0UL - hostile_rand() % 64;
    case 7:
        return (1UL << 63) | (hostile_rand() & 0xffffffffUL);
    default:
        return hostile_scratch();
    }
}

uint64_t hostile_length(void)
{
    static const uint64_t lens[] = {0,        1,        2,          3,          8,
                                    64,       4095,     4096,       65535,      65536,
                                    65537,    1UL << 31, 1UL << 32, (1UL << 32) + 1, 1UL << 63,
                                    ~0UL,     ~0UL >> 1, 0xffffffffUL};

    return hostile_rand() % 4 ? pick(lens, sizeof(lens) / sizeof(lens[0]))
                              : hostile_rand() % 0x20000;
}

static uint64_t hostile_arg(void)
{
    switch (hostile_rand() % 5) {
    case 0:
        return hostile_pointer();
    case 1:
        return hostile_length();
    case 2:
        return hostile_rand() % 32;
    case 3:
        return -(hostile_rand() % 32);
    default:
        return hostile_rand();
    }
}

void hostile_count(struct hostile_cat *c, int ok, const char *fmt, ...)
{
    char buf[160];
    va_list ap;

    c->calls++;
    if (ok)
        return;
    if (c->bad++ < MAX_REPORTED) {
        va_start(ap, fmt);
        kvsnprintf(buf, sizeof(buf), fmt, ap);
        va_end(ap);
        gprintf("hostile: %s: %s\n", c->name, buf);
    }
}

void hostile_report(const struct hostile_cat *c, const char *what)
{
    tap_ok(c->calls > 0 && c->bad == 0, "%s: survived %u calls, %s (%u unexpected)", c->name,
           c->calls, what, c->bad);
}

static void report(const struct hostile_cat *c)
{
    /* Console writes from the end of RAM may have left a partial line: end it first. */
    HYPERVISOR_console_io(CONSOLEIO_write, 1, "\n");
    hostile_report(c, "every error a Xen errno");
}

/*
 * Keep a random call from ending or stalling this guest on purpose:
 * console writes print from the all-zero buffer, shutdown reads its reason
 * from the poison, and SCHEDOP_block (nothing would wake it) becomes an
 * unknown command.
 */
static void steer(uint64_t nr, uint64_t *a)
{
    if (nr == __HYPERVISOR_console_io && in_scratch(a[2]))
        a[2] = (uintptr_t)zeros + (a[2] - (uintptr_t)scratch);
    if (nr == __HYPERVISOR_sched_op) {
        if ((int)a[0] == SCHEDOP_block)
            a[0] ^= 0x100;
        if ((int)a[0] == SCHEDOP_shutdown && in_scratch(a[1]))
            a[1] = (uintptr_t)poison + (a[1] - (uintptr_t)scratch) % (POISON_SIZE - 4);
    }
}

static int implemented(uint64_t nr)
{
    return nr == __HYPERVISOR_xen_version || nr == __HYPERVISOR_console_io ||
           nr == __HYPERVISOR_sched_op || nr == __HYPERVISOR_sysctl ||
           nr == __HYPERVISOR_version_op;
}

static void hypercall_numbers(unsigned int iterations)
{
    struct hostile_cat c = {"hypercalls 0..63, huge and negative numbers, random arguments", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t nr, a[5];
        unsigned int k;
        long r;

        switch (hostile_rand() % 4) {
        case 0:
            nr = hostile_rand();
            break;
        case 1:
            nr = (1UL << 32) + hostile_rand() % 64; /* no truncation to 32 bits */
            break;
        case 2:
            nr = -(hostile_rand() % 64 + 1);
            break;
        default:
            nr = i < 64 ? i : hostile_rand() % 64;
            break;
        }
        for (k = 0; k < 5; k++)
            a[k] = hostile_arg();
        steer(nr, a);
        r = hypercall5(nr, a[0], a[1], a[2], a[3], a[4]);
        hostile_count(&c, implemented(nr) ? hostile_xen_result(r) : r == ENOSYS_,
                      "hypercall %#lx(%#lx, %#lx, %#lx) returned %ld", (unsigned long)nr,
                      (unsigned long)a[0], (unsigned long)a[1], (unsigned long)a[2], r);
    }
    report(&c);
}

static void version_calls(unsigned int iterations)
{
    struct hostile_cat xv = {"xen_version every sub-op, unknown ones, bad buffers", 0, 0};
    struct hostile_cat vo = {"version_op every sub-op, unknown ones, bad buffers and lengths", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t cmd = i < 20 ? i : hostile_rand() % 3 ? hostile_rand() % 20 : hostile_rand();
        uint64_t p = hostile_pointer(), len = hostile_length();
        long r = hypercall5(__HYPERVISOR_xen_version, cmd, p, 0, 0, 0);

        hostile_count(&xv, (int)cmd >= 0 && (int)cmd <= 14 ? hostile_xen_result(r) : r == ENOSYS_,
                      "xen_version(%#lx, %#lx) returned %ld", (unsigned long)cmd,
                      (unsigned long)p, r);
        if (hostile_rand() % 8 == 0)
            p = 0; /* the size probe */
        r = hypercall5(__HYPERVISOR_version_op, cmd, p, len, 0, 0);
        hostile_count(&vo, (unsigned int)cmd <= 9 ? hostile_xen_result(r) : r == ENOSYS_,
                      "version_op(%#lx, %#lx, %#lx) returned %ld", (unsigned long)cmd,
                      (unsigned long)p, (unsigned long)len, r);
    }
    report(&xv);
    report(&vo);
}

static void console_calls(unsigned int iterations)
{
    struct hostile_cat c = {"console_io with huge counts, bad buffers, unknown commands", 0, 0};
    static const uint64_t cmds[] = {CONSOLEIO_write, CONSOLEIO_read, 2, 0x100000000UL, ~0UL};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t cmd = hostile_rand() % 8 ? pick(cmds, 2) : pick(cmds, 5);
        uint64_t count = hostile_length(), buf = hostile_pointer(), a[5] = {cmd, count, buf};
        long r, want = 1;

        steer(__HYPERVISOR_console_io, a);
        r = HYPERVISOR_console_io((int)a[0], a[1], (const void *)(uintptr_t)a[2]);
        if ((unsigned int)cmd == CONSOLEIO_read && !is_control)
            want = r == EPERM_;
        else if ((unsigned int)cmd > CONSOLEIO_read)
            want = r == ENOSYS_;
        else if ((uint32_t)count > 65536)
            want = r == E2BIG_;
        else
            want = hostile_xen_result(r) && r != E2BIG_;
        hostile_count(&c, want, "console_io(%#lx, %#lx, %#lx) returned %ld", (unsigned long)cmd,
                      (unsigned long)count, (unsigned long)a[2], r);
    }
    report(&c);
}

static void sched_calls(unsigned int iterations)
{
    struct hostile_cat c = {"sched_op unknown commands, shutdown reasons out of range", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t cmd, p;
        long r, want;

        switch (hostile_rand() % 4) {
        case 0:
            r = HYPERVISOR_sched_op(SCHEDOP_yield, (void *)(uintptr_t)hostile_pointer());
            hostile_count(&c, r == 0, "SCHEDOP_yield returned %ld", r);
            break;
        case 1: { /* a valid buffer, a reason no guest may give */
            uint32_t *reason = (uint32_t *)(uintptr_t)(hostile_scratch() & ~3UL);

            *reason = SHUTDOWN_MAX + 1 + (uint32_t)(hostile_rand() % 0xfffffffaUL);
            r = HYPERVISOR_sched_op(SCHEDOP_shutdown, reason);
            hostile_count(&c, r == EINVAL_, "SCHEDOP_shutdown reason %u returned %ld", *reason,
                          r);
            break;
        }
        case 2: /* a buffer that is not this guest's memory */
            do
                p = hostile_pointer();
            while (in_scratch(p));
            r = HYPERVISOR_sched_op(SCHEDOP_shutdown, (void *)(uintptr_t)p);
            hostile_count(&c, r == EFAULT_, "SCHEDOP_shutdown from %#lx returned %ld",
                          (unsigned long)p, r);
            break;
        default:
            cmd = hostile_rand();
            if ((int)cmd >= SCHEDOP_yield && (int)cmd <= SCHEDOP_shutdown)
                cmd += 3;
            p = hostile_pointer();
            r = hypercall5(__HYPERVISOR_sched_op, cmd, p, hostile_arg(), 0, 0);
            want = r == ENOSYS_;
            hostile_count(&c, want, "sched_op(%#lx, %#lx) returned %ld", (unsigned long)cmd,
                          (unsigned long)p, r);
            break;
        }
    }
    report(&c);
}

/* A livepatch payload that is mostly garbage: sometimes with a plausible ELF header. */
static uint64_t garbage_payload(uint64_t *size)
{
    uint8_t *p = scratch + 0x8000;
    unsigned int i, n = 64 + (unsigned int)(hostile_rand() % 0x2000);

    for (i = 0; i < n; i++)
        p[i] = (uint8_t)hostile_rand();
    if (hostile_rand() % 2) {
        static const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
        uint16_t *h16 = (uint16_t *)p;

        memcpy(p, ident, sizeof(ident));
        h16[8] = 1;                                      /* e_type: ET_REL */
        h16[9] = hostile_rand() % 2 ? 183 : 62;          /* e_machine: AArch64, x86-64 */
        *(uint64_t *)(p + 0x28) = hostile_rand() % n;    /* e_shoff */
        h16[0x3a / 2] = hostile_rand() % 2 ? 64 : (uint16_t)hostile_rand(); /* e_shentsize */
        h16[0x3c / 2] = (uint16_t)(hostile_rand() % 64); /* e_shnum */
        h16[0x3e / 2] = (uint16_t)(hostile_rand() % 64); /* e_shstrndx */
    }
    *size = hostile_rand() % 4 ? n : hostile_length();
    return (uintptr_t)p;
}

static void sysctl_calls(unsigned int iterations)
{
    struct hostile_cat c = {"sysctl bogus versions and commands, livepatch garbage", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        /* Aligned: the guest itself fills it in, and may run with its MMU off (Device memory). */
        uint64_t where = hostile_rand() % 8 ? (uintptr_t)scratch + (hostile_rand() % 0x7000 & ~7UL)
                                            : hostile_pointer();
        struct xen_sysctl *op;
        struct xen_sysctl_livepatch_op *lp;
        unsigned int k;
        long r;
        int want_version;

        /* Below the name (0x7f00) and the payload (0x8000) garbage_payload() writes. */
        if (in_scratch(where))
            where = (uintptr_t)scratch + ((where - (uintptr_t)scratch) % 0x7000 & ~7UL);
        op = (struct xen_sysctl *)(uintptr_t)(in_scratch(where) ? where : (uintptr_t)scratch);
        lp = &op->u.livepatch;
        for (k = 0; k < sizeof(op->u.pad); k++)
            op->u.pad[k] = (uint8_t)hostile_rand();
        op->cmd = hostile_rand() % 4 ? XEN_SYSCTL_livepatch_op : (uint32_t)hostile_rand();
        want_version = hostile_rand() % 4 != 0;
        op->interface_version =
            want_version ? XEN_SYSCTL_INTERFACE_VERSION : (uint32_t)hostile_rand() | 1;
        if (op->interface_version == XEN_SYSCTL_INTERFACE_VERSION)
            want_version = 1;
        lp->cmd = (uint32_t)(hostile_rand() % 5 ? hostile_rand() % 4 : hostile_rand());
        if (hostile_rand() % 4)
            lp->pad = 0;
        if (hostile_rand() % 2) {
            /* A name that passes get_name() (size counts the NUL) half the time. */
            char *name = (char *)scratch + 0x7f00;

            memcpy(name, "hostile-payload", 16);
            lp->u.upload.name.name.q = hostile_rand() % 4 ? (uintptr_t)name : hostile_pointer();
            lp->u.upload.name.size = hostile_rand() % 4 ? 16 : (uint16_t)hostile_rand();
            memset(lp->u.upload.name.pad, 0, sizeof(lp->u.upload.name.pad));
        }
        if (lp->cmd == XEN_SYSCTL_LIVEPATCH_UPLOAD) {
            if (hostile_rand() % 3)
                lp->u.upload.payload.q = garbage_payload(&lp->u.upload.size);
            else {
                lp->u.upload.payload.q = hostile_pointer();
                lp->u.upload.size = hostile_length();
            }
        }
        r = HYPERVISOR_sysctl(in_scratch(where) ? (void *)op : (void *)(uintptr_t)where);
        if (!is_control)
            hostile_count(&c, r == EPERM_, "sysctl from a non-control domain returned %ld", r);
        else if (!in_scratch(where))
            hostile_count(&c, r == EFAULT_, "sysctl(%#lx) returned %ld", (unsigned long)where, r);
        else if (!want_version)
            hostile_count(&c, r == EACCES_, "sysctl with interface version %#x returned %ld",
                          op->interface_version, r);
        else if (op->cmd != XEN_SYSCTL_livepatch_op)
            hostile_count(&c, r == ENOSYS_, "sysctl cmd %#x returned %ld", op->cmd, r);
        else /* nothing garbage can be loaded, so no call may succeed but GET and LIST */
            hostile_count(&c, hostile_xen_result(r) && (r < 0 || lp->cmd == XEN_SYSCTL_LIVEPATCH_LIST),
                          "livepatch op %#x returned %ld", lp->cmd, r);
    }
    report(&c);
}

/*
 * Answers that do not fit before the end of RAM: -EFAULT, and not one byte
 * written (the hypervisor checks the whole buffer first).
 */
static void no_partial_writes(void)
{
    struct hostile_cat c = {"buffers running off the end of RAM", 0, 0};
    static const int cmds[] = {XENVER_extraversion, XENVER_compile_info, XENVER_capabilities,
                               XENVER_changeset, XENVER_guest_handle};
    volatile uint8_t *tail = (volatile uint8_t *)(uintptr_t)(ram_end - 8);
    unsigned int i, k, b;

    for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        for (k = 1; k < 8; k++) {
            long r, r2;
            int same = 1;

            for (b = 0; b < 8; b++)
                tail[b] = 0x5a;
            r = HYPERVISOR_xen_version(cmds[i], (void *)(uintptr_t)(ram_end - k));
            r2 = HYPERVISOR_version_op(VERSION_capabilities, (void *)(uintptr_t)(ram_end - k),
                                       4096);
            for (b = 0; b < 8; b++)
                same &= tail[b] == 0x5a;
            hostile_count(&c, r == EFAULT_ && r2 == EFAULT_ && same,
                          "xen_version(%d) / version_op to RAM end - %u: %ld / %ld, %s", cmds[i],
                          k, r, r2, same ? "nothing written" : "bytes written");
        }
    hostile_report(&c, "each -EFAULT with nothing written");
}

/* What a well-behaved guest reads must not have changed. */
static void hypervisor_intact(long version, const char *caps)
{
    char buf[64];
    long r = HYPERVISOR_version_op(VERSION_capabilities, buf, sizeof(buf));

    tap_ok(HYPERVISOR_xen_version(XENVER_version, NULL) == version && r > 0 &&
               (size_t)r == strlen(caps) && !memcmp(buf, caps, (size_t)r),
           "afterwards the hypervisor still answers xen_version and version_op as before");
}

static uint64_t arg_num(const char *key, uint64_t dflt)
{
    const char *p = strstr_simple(args, key);
    uint64_t v = 0;

    if (!p)
        return dflt;
    for (p += strlen(key); *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (uint64_t)(*p - '0');
    return v;
}

void guest_main(void *boot_info)
{
    unsigned int iterations;
    long version = HYPERVISOR_xen_version(XENVER_version, NULL);

    /* A copy: on Arm the arguments live in the DT at the end of RAM, a target below. */
    strlcpy(args, arch_boot_args(boot_info), sizeof(args));
    rng = arg_num("seed=", 1);
    iterations = (unsigned int)arg_num("iterations=", 1000);
    is_control = strstr_simple(args, "control") != NULL;
    ram_end = arch_ram_end(boot_info);
    memset(poison, 0xa5, sizeof(poison));
    gprintf("hostile guest (%s domain): seed %lu, %u iterations, RAM ends at %lx\n",
            is_control ? "control" : "non-control", (unsigned long)rng, iterations,
            (unsigned long)ram_end);

    arch_hostile_early();
    hypercall_numbers(iterations);
    version_calls(iterations);
    console_calls(iterations);
    sched_calls(iterations);
    sysctl_calls(iterations / 2);
    no_partial_writes();
    arch_hostile_tests(boot_info, iterations);
    hypervisor_intact(version, arch_expected_capabilities());

    gprintf("hostile: %u categories, %u failed\n", tap_count, tap_failed);
    if (strstr_simple(args, "final")) {
        tap_ok(1, "the last step, an access outside this guest's RAM, comes next");
        tap_plan_end();
        arch_hostile_final();
        tap_ok(0, "the access outside this guest's RAM returned");
    }
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ABI conformance guest: every hypercall, sub-op and error of the public ABI
 * (DESIGN section 3) through the real hypercall instruction, printed as TAP.
 * Bootargs say what the guest should expect: "control" when the DT gave it
 * capabilities bit 0, and "cmdline=WORD" for a word of the hypervisor's
 * command line. Portable: arch specifics come from arch/<arch>/arch.c.
 */
#include "guest.h"

#define ENOSYS_ (-38)
#define EINVAL_ (-22)
#define EFAULT_ (-14)
#define EPERM_ (-1)
#define ENOBUFS_ (-105)
#define E2BIG_ (-7)
#define EACCES_ (-13)

static uint8_t big[65536 + 16] __attribute__((aligned(16)));
static int is_control;
static uint64_t ram_end;
static const char *cmdline_word;

static int bounded_str(const char *s, size_t size)
{
    size_t i;

    for (i = 0; i < size; i++)
        if (!s[i])
            return 1;
    return 0;
}

/* version_op's size query, short buffer and full answer for one sub-op. */
static long vop_check(unsigned int cmd, const char *name, void *buf, unsigned long room)
{
    long size = HYPERVISOR_version_op(cmd, NULL, 0), got;

    tap_ok(size > 0, "version_op(%s, NULL) gives the answer's size (%ld)", name, size);
    if (size <= 0)
        return size;
    got = HYPERVISOR_version_op(cmd, buf, (unsigned long)size - 1);
    tap_ok(got == ENOBUFS_, "version_op(%s) with len one short is -ENOBUFS (%ld)", name, got);
    got = HYPERVISOR_version_op(cmd, buf, room);
    tap_ok(got == size, "version_op(%s) copies %ld bytes (%ld)", name, size, got);
    return got;
}

static void test_version_op(void)
{
    uint8_t buf[256];
    uint64_t v;
    long r, xv = HYPERVISOR_xen_version(XENVER_version, NULL);
    struct version_op_features f;
    char s[128];

    memset(buf, 0, sizeof(buf));
    if (vop_check(VERSION_version, "version", buf, sizeof(buf)) == 8) {
        memcpy(&v, buf, 8);
        tap_ok(v == (uint64_t)xv, "VERSION_version equals XENVER_version (%lx)", (unsigned long)v);
    }
    memset(buf, 0, sizeof(buf));
    r = vop_check(VERSION_extraversion, "extraversion", buf, sizeof(buf));
    HYPERVISOR_xen_version(XENVER_extraversion, s);
    tap_ok(r > 0 && r < 16 && !memcmp(buf, s, (size_t)r) && s[r] == 0,
           "VERSION_extraversion matches XENVER_extraversion");
    memset(buf, 0, sizeof(buf));
    r = vop_check(VERSION_capabilities, "capabilities", buf, sizeof(buf));
    tap_ok(r == (long)strlen(arch_expected_capabilities()) &&
               !memcmp(buf, arch_expected_capabilities(), (size_t)r),
           "VERSION_capabilities is \"%s\"", arch_expected_capabilities());
    vop_check(VERSION_changeset, "changeset", buf, sizeof(buf));
    memset(buf, 0xff, sizeof(buf));
    if (vop_check(VERSION_platform_parameters, "platform_parameters", buf, sizeof(buf)) == 8) {
        memcpy(&v, buf, 8);
        tap_ok(v == 0, "VERSION_platform_parameters: virt_start is 0");
    }
    f.index = 0;
    f.bitmap = 0;
    r = HYPERVISOR_version_op(VERSION_get_features, &f, sizeof(f));
    tap_ok(r == (long)sizeof(f) &&
               (f.bitmap & arch_expected_features()) == arch_expected_features(),
           "VERSION_get_features(0) has the arch's feature bits (%x)", f.bitmap);
    f.index = 7;
    r = HYPERVISOR_version_op(VERSION_get_features, &f, sizeof(f));
    tap_ok(r == EINVAL_, "VERSION_get_features(7) is -EINVAL (%ld)", r);
    if (vop_check(VERSION_pagesize, "pagesize", buf, sizeof(buf)) == 8) {
        memcpy(&v, buf, 8);
        tap_ok(v == 4096, "VERSION_pagesize is 4096");
    }
    r = vop_check(VERSION_guest_handle, "guest_handle", buf, sizeof(buf));
    tap_ok(r == 16, "VERSION_guest_handle is 16 bytes");

    if (is_control) {
        memset(buf, 0, sizeof(buf));
        r = vop_check(VERSION_commandline, "commandline", buf, sizeof(buf) - 1);
        tap_ok(r > 0 && strstr_simple((char *)buf, cmdline_word) != NULL,
               "VERSION_commandline holds \"%s\"", cmdline_word);
        r = vop_check(VERSION_build_id, "build_id", buf, sizeof(buf));
        tap_ok(r == 20, "VERSION_build_id is a 20-byte SHA-1 build-id (%ld)", r);
    } else {
        r = HYPERVISOR_version_op(VERSION_commandline, buf, sizeof(buf));
        tap_ok(r == EPERM_, "VERSION_commandline from a non-control domain is -EPERM (%ld)", r);
        r = HYPERVISOR_version_op(VERSION_build_id, buf, sizeof(buf));
        tap_ok(r == EPERM_, "VERSION_build_id from a non-control domain is -EPERM (%ld)", r);
    }
    r = HYPERVISOR_version_op(10, buf, sizeof(buf));
    tap_ok(r == ENOSYS_, "version_op unknown sub-op 10 is -ENOSYS (%ld)", r);
    r = HYPERVISOR_version_op(0xffffffffu, buf, sizeof(buf));
    tap_ok(r == ENOSYS_, "version_op sub-op 0xffffffff is -ENOSYS (%ld)", r);
    r = HYPERVISOR_version_op(VERSION_version, (void *)0x1000, 8);
    tap_ok(r == EFAULT_, "version_op to an unmapped buffer is -EFAULT (%ld)", r);
    r = HYPERVISOR_version_op(VERSION_version, (void *)(uintptr_t)(ram_end - 4), 8);
    tap_ok(r == EFAULT_, "version_op to a buffer straddling the end of RAM is -EFAULT (%ld)", r);
}

static void test_xen_version(void)
{
    char s[1024];
    struct xen_compile_info ci;
    struct xen_platform_parameters pp;
    struct xen_feature_info fi;
    uint8_t handle[16];
    long r, v = HYPERVISOR_xen_version(XENVER_version, NULL);
    struct {
        uint32_t len;
        unsigned char buf[64];
    } vb;
    static const struct {
        int cmd;
        const char *name;
    } strs2[] = {{XENVER_extraversion2, "extraversion2"},
                 {XENVER_capabilities2, "capabilities2"},
                 {XENVER_changeset2, "changeset2"}};
    unsigned int i;

    tap_ok(v >= (1 << 16), "XENVER_version is %ld.%ld", v >> 16, v & 0xffff);
    memset(s, 0x55, sizeof(s));
    r = HYPERVISOR_xen_version(XENVER_extraversion, s);
    tap_ok(r == 0 && bounded_str(s, 16), "XENVER_extraversion \"%s\"", s);
    memset(&ci, 0, sizeof(ci));
    r = HYPERVISOR_xen_version(XENVER_compile_info, &ci);
    tap_ok(r == 0 && ci.compiler[0] && bounded_str(ci.compiler, sizeof(ci.compiler)),
           "XENVER_compile_info names the compiler");
    memset(s, 0x55, sizeof(s));
    r = HYPERVISOR_xen_version(XENVER_capabilities, s);
    tap_ok(r == 0 && !strncmp(s, arch_expected_capabilities(), 1024), "XENVER_capabilities \"%s\"",
           s);
    memset(s, 0x55, sizeof(s));
    r = HYPERVISOR_xen_version(XENVER_changeset, s);
    tap_ok(r == 0 && s[0] && bounded_str(s, 64), "XENVER_changeset \"%s\"", s);
    pp.virt_start = 1;
    r = HYPERVISOR_xen_version(XENVER_platform_parameters, &pp);
    tap_ok(r == 0 && pp.virt_start == 0, "XENVER_platform_parameters: virt_start 0");
    fi.submap_idx = 0;
    fi.submap = 0;
    r = HYPERVISOR_xen_version(XENVER_get_features, &fi);
    tap_ok(r == 0 && (fi.submap & arch_expected_features()) == arch_expected_features(),
           "XENVER_get_features(0) = %x", fi.submap);
    fi.submap_idx = 1;
    r = HYPERVISOR_xen_version(XENVER_get_features, &fi);
    tap_ok(r == EINVAL_, "XENVER_get_features(1) is -EINVAL (%ld)", r);
    r = HYPERVISOR_xen_version(XENVER_pagesize, NULL);
    tap_ok(r == 4096, "XENVER_pagesize is 4096 (%ld)", r);
    r = HYPERVISOR_xen_version(XENVER_pagesize, s);
    tap_ok(r == EINVAL_, "XENVER_pagesize with a buffer is -EINVAL (%ld)", r);
    memset(handle, 0x55, sizeof(handle));
    r = HYPERVISOR_xen_version(XENVER_guest_handle, handle);
    tap_ok(r == 0, "XENVER_guest_handle (%ld)", r);
    memset(s, 0x55, sizeof(s));
    r = HYPERVISOR_xen_version(XENVER_commandline, s);
    if (is_control)
        tap_ok(r == 0 && strstr_simple(s, cmdline_word), "XENVER_commandline holds \"%s\"",
               cmdline_word);
    else
        tap_ok(r == 0 && !strncmp(s, "<denied>", 9),
               "XENVER_commandline from a non-control domain reads \"<denied>\"");

    r = HYPERVISOR_xen_version(XENVER_build_id, NULL);
    if (is_control) {
        tap_ok(r == 20, "XENVER_build_id(NULL) gives the size 20 (%ld)", r);
        vb.len = 4;
        r = HYPERVISOR_xen_version(XENVER_build_id, &vb);
        tap_ok(r == ENOBUFS_, "XENVER_build_id with 4 bytes of room is -ENOBUFS (%ld)", r);
        vb.len = sizeof(vb.buf);
        r = HYPERVISOR_xen_version(XENVER_build_id, &vb);
        tap_ok(r == 20, "XENVER_build_id copies 20 bytes (%ld)", r);
        vb.len = sizeof(vb.buf);
        r = HYPERVISOR_xen_version(XENVER_commandline2, &vb);
        tap_ok(r > 0, "XENVER_commandline2 copies the command line (%ld)", r);
    } else {
        tap_ok(r == EPERM_, "XENVER_build_id from a non-control domain is -EPERM (%ld)", r);
        vb.len = sizeof(vb.buf);
        r = HYPERVISOR_xen_version(XENVER_commandline2, &vb);
        tap_ok(r == EPERM_, "XENVER_commandline2 from a non-control domain is -EPERM (%ld)", r);
    }
    for (i = 0; i < sizeof(strs2) / sizeof(strs2[0]); i++) {
        long size = HYPERVISOR_xen_version(strs2[i].cmd, NULL);

        vb.len = 0;
        r = HYPERVISOR_xen_version(strs2[i].cmd, &vb);
        tap_ok(size > 0 && r == ENOBUFS_, "XENVER_%s: size %ld, no room is -ENOBUFS", strs2[i].name,
               size);
        vb.len = sizeof(vb.buf);
        r = HYPERVISOR_xen_version(strs2[i].cmd, &vb);
        tap_ok(r == size, "XENVER_%s copies %ld bytes", strs2[i].name, size);
    }
    r = HYPERVISOR_xen_version(15, s);
    tap_ok(r == ENOSYS_, "xen_version unknown sub-op 15 is -ENOSYS (%ld)", r);
    r = HYPERVISOR_xen_version(-1, s);
    tap_ok(r == ENOSYS_, "xen_version sub-op -1 is -ENOSYS (%ld)", r);

    /* Bad pointers: never a hypervisor fault, always -EFAULT. */
    r = HYPERVISOR_xen_version(XENVER_extraversion, NULL);
    tap_ok(r == EFAULT_, "XENVER_extraversion to NULL is -EFAULT (%ld)", r);
    r = HYPERVISOR_xen_version(XENVER_capabilities, (void *)0x1000);
    tap_ok(r == EFAULT_, "XENVER_capabilities to an unmapped address is -EFAULT (%ld)", r);
    r = HYPERVISOR_xen_version(XENVER_capabilities, (void *)(uintptr_t)(ram_end - 512));
    tap_ok(r == EFAULT_, "XENVER_capabilities across the end of RAM is -EFAULT (%ld)", r);
    r = HYPERVISOR_xen_version(XENVER_changeset, (void *)~0xfffUL);
    tap_ok(r == EFAULT_, "XENVER_changeset to the top of the address space is -EFAULT (%ld)", r);
    r = HYPERVISOR_xen_version(XENVER_get_features, (void *)0x1000);
    tap_ok(r == EFAULT_, "XENVER_get_features from an unmapped address is -EFAULT (%ld)", r);
}

/*
 * 20 lines of 100 bytes, "long-write NN: " and x's: more than one slice of
 * the hypervisor's CONSOLEIO_write, so all 20 lines reach the console only
 * if it continues where each slice ended (the runners count them).
 */
static char long_write[20 * 100 + 1];

static const char *long_write_text(void)
{
    unsigned int i, j;

    for (i = 0; i < 20; i++) {
        char *l = long_write + i * 100;

        memcpy(l, "long-write ", 11);
        l[11] = (char)('0' + i / 10);
        l[12] = (char)('0' + i % 10);
        l[13] = ':';
        l[14] = ' ';
        for (j = 15; j < 99; j++)
            l[j] = 'x';
        l[99] = '\n';
    }
    return long_write;
}

static void test_console_io(void)
{
    static const char msg[] = "console_io: a line written with CONSOLEIO_write\n";
    long r;
    char buf[16];

    r = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);
    tap_ok(r == 0, "CONSOLEIO_write returns 0 (%ld)", r);
    r = HYPERVISOR_console_io(CONSOLEIO_write, 0, NULL);
    tap_ok(r == 0, "CONSOLEIO_write of 0 bytes succeeds (%ld)", r);
    r = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(long_write) - 1, long_write_text());
    tap_ok(r == 0, "CONSOLEIO_write of %u bytes (written in slices, re-entered) returns 0 (%ld)",
           (unsigned int)sizeof(long_write) - 1, r);
    r = HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)0x1000);
    tap_ok(r == EFAULT_, "CONSOLEIO_write from an unmapped buffer is -EFAULT (%ld)", r);
    memset(big, 'x', sizeof(big));
    r = HYPERVISOR_console_io(CONSOLEIO_write, 65536 + 1, big);
    tap_ok(r == E2BIG_, "CONSOLEIO_write of 64 KiB + 1 is -E2BIG (%ld)", r);
    r = HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf);
    if (is_control)
        tap_ok(r >= 0 && r <= (long)sizeof(buf), "CONSOLEIO_read returns a byte count (%ld)", r);
    else
        tap_ok(r == EPERM_, "CONSOLEIO_read from a non-control domain is -EPERM (%ld)", r);
    r = HYPERVISOR_console_io(7, sizeof(buf), buf);
    tap_ok(r == ENOSYS_, "console_io unknown command is -ENOSYS (%ld)", r);
}

static void test_sched_op(void)
{
    struct sched_shutdown sd = {99};
    long r;

    r = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    tap_ok(r == 0, "SCHEDOP_yield returns 0 (%ld)", r);
    r = HYPERVISOR_sched_op(SCHEDOP_shutdown, &sd);
    tap_ok(r == EINVAL_, "SCHEDOP_shutdown with reason 99 is -EINVAL (%ld)", r);
    r = HYPERVISOR_sched_op(SCHEDOP_shutdown, (void *)0x1000);
    tap_ok(r == EFAULT_, "SCHEDOP_shutdown from an unmapped address is -EFAULT (%ld)", r);
    r = HYPERVISOR_sched_op(42, NULL);
    tap_ok(r == ENOSYS_, "sched_op unknown command is -ENOSYS (%ld)", r);
}

static void test_sysctl(void)
{
    struct xen_sysctl op;
    long r;

    memset(&op, 0, sizeof(op));
    op.cmd = 0xdead;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    r = HYPERVISOR_sysctl(&op);
    if (!is_control) {
        tap_ok(r == EPERM_, "sysctl from a non-control domain is -EPERM (%ld)", r);
        return;
    }
    tap_ok(r == ENOSYS_, "sysctl unknown cmd is -ENOSYS (%ld)", r);
    op.interface_version = 1;
    r = HYPERVISOR_sysctl(&op);
    tap_ok(r == EACCES_, "sysctl with a wrong interface_version is -EACCES (%ld)", r);
    r = HYPERVISOR_sysctl((void *)0x1000);
    tap_ok(r == EFAULT_, "sysctl from an unmapped address is -EFAULT (%ld)", r);
}

static void test_unknown_hypercalls(void)
{
    static const unsigned long nrs[] = {0, 1, 16, 41, 42, 44, 63, 64, 1000, ~0UL};
    unsigned int i;

    for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
        long r = hypercall5(nrs[i], 0, 0, 0, 0, 0);

        tap_ok(r == ENOSYS_, "hypercall %ld is -ENOSYS (%ld)", (long)nrs[i], r);
    }
}

/*
 * The runner types a 4,000-byte line once this guest says it waits:
 * "keel-input:" and then the letters a..z over and over. The guest reads
 * only after three seconds, so all of it must have waited in the
 * hypervisor's buffer for this domain meanwhile.
 */
#define RX_LINE 4000
static void test_console_input(void)
{
    static const char want[] = "keel-input:";
    static char got[RX_LINE + 1];
    size_t have = 0, i, prefix = sizeof(want) - 1;
    uint64_t start = arch_counter(), stop;

    gprintf("waiting for console input\n");
    while (arch_counter() - start < 3 * arch_counter_freq())
        ;
    stop = arch_counter() + 20 * arch_counter_freq();
    while (have < RX_LINE && arch_counter() < stop) {
        long r = HYPERVISOR_console_io(CONSOLEIO_read, (unsigned int)(RX_LINE - have), got + have);

        if (r < 0)
            break;
        have += (size_t)r;
    }
    for (i = prefix; i < have && got[i] == (char)('a' + (i - prefix) % 26); i++)
        ;
    tap_ok(have == RX_LINE && !memcmp(got, want, prefix) && i == have,
           "CONSOLEIO_read returns the 4000 bytes typed on the console intact (%lu read, %lu match)",
           (unsigned long)have, (unsigned long)i);
}

void guest_main(void *boot_info)
{
    const char *args = arch_boot_args(boot_info);
    const char *w;

    is_control = strstr_simple(args, "control") != NULL;
    cmdline_word = "keel-test";
    w = strstr_simple(args, "cmdline=");
    if (w) {
        static char word[32];
        size_t i;

        for (i = 0; i < sizeof(word) - 1 && w[8 + i] && w[8 + i] != ' '; i++)
            word[i] = w[8 + i];
        cmdline_word = word;
    }
    ram_end = arch_ram_end(boot_info);
    gprintf("ABI conformance guest (%s domain), RAM ends at %lx\n",
            is_control ? "control" : "non-control", (unsigned long)ram_end);

    test_xen_version();
    test_version_op();
    test_console_io();
    test_sched_op();
    test_sysctl();
    test_unknown_hypercalls();
    arch_tests(boot_info);
    if (strstr_simple(args, "rxtest"))
        test_console_input();
    tap_plan_end();
    gprintf("ABI conformance: %u tests, %u failed\n", tap_count, tap_failed);
    guest_shutdown(SHUTDOWN_poweroff);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * start_xen(): what the boot CPU does between head.S and the first guest
 * instruction, and the machine-wide arch hooks (power off, capabilities).
 */
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched-if.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

int opt_loglvl_debug;

void start_xen(uint32_t magic, uint64_t info);

/* True if the option word at s (up to a space) is exactly name=value. */
static bool option_is(const char *s, const char *name, const char *value)
{
    size_t n = strlen(name), v = strlen(value);

    return !strncmp(s, name, n) && s[n] == '=' && !strncmp(s + n + 1, value, v) &&
           (s[n + 1 + v] == ' ' || s[n + 1 + v] == '\0');
}

/*
 * cpupool=ID:CPUS:SCHED (as many as wanted): a CPU pool, the x86 spelling of
 * Xen's boot-time pools on Arm. CPUS is a list such as 1, 1-3 or 0,2;
 * SCHED a policy (null, rr). A guest joins with its module's cpupool=ID.
 * Kept as written until the CPUs are up (apply_cpupools()).
 */
static const char *cpupool_opts[CPUPOOL_MAX];
static unsigned int nr_cpupool_opts;

/* "1-3,5" up to end -> a CPU mask; 0 when malformed. */
static uint32_t parse_cpu_list(const char *s, const char *end)
{
    uint32_t mask = 0;

    while (s < end) {
        char *e;
        unsigned long a = strtoul(s, &e, 10), b = a;

        if (e == s)
            return 0;
        if (*e == '-') {
            s = e + 1;
            b = strtoul(s, &e, 10);
            if (e == s)
                return 0;
        }
        if (a > b || b >= CONFIG_NR_CPUS)
            return 0;
        for (; a <= b; a++)
            mask |= 1u << a;
        s = e;
        if (s < end && *s++ != ',')
            return 0;
    }
    return mask;
}

static void apply_cpupools(void)
{
    unsigned int i;

    for (i = 0; i < nr_cpupool_opts; i++) {
        const char *o = cpupool_opts[i], *c1 = strchr(o, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        char sched[16] = "";
        size_t n = 0;
        unsigned long slice_us = 0;
        unsigned long id = strtoul(o, NULL, 10);
        uint32_t cpus = c2 ? parse_cpu_list(c1 + 1, c2) : 0;
        int rc = -EINVAL;

        while (c2 && c2[1 + n] && c2[1 + n] != ' ' && c2[1 + n] != ':' && n + 1 < sizeof(sched)) {
            sched[n] = c2[1 + n];
            n++;
        }
        sched[n] = '\0';
        /* An optional fourth field: the slice in microseconds (sharing pools). */
        if (c2 && c2[1 + n] == ':' && !(slice_us = strtoul(c2 + 2 + n, NULL, 10)))
            cpus = 0; /* present but not a number: refused below */
        if (cpus && c1 != o)
            rc = cpupool_create((unsigned int)id, cpus, sched, slice_us * 1000ULL);
        if (rc) {
            char word[48];
            size_t len = 0;

            while (o[len] && o[len] != ' ' && len + 1 < sizeof(word)) {
                word[len] = o[len];
                len++;
            }
            word[len] = '\0';
            printk("cpupool=%s: pool not created (error %d: want ID:CPUS:SCHED[:SLICE_US], online "
                   "CPUs, a scheduler Keel has: null, rr; a slice of %u..%u us, rr only)\n", word,
                   rc, SCHED_SLICE_MIN_US, SCHED_SLICE_MAX_US);
        }
        else if (slice_us)
            printk("cpupool %lu: CPUs %#x, %s, %lu us slices\n", id, cpus, sched, slice_us);
        else
            printk("cpupool %lu: CPUs %#x, %s\n", id, cpus, sched);
    }
}

/* console=com1|none, loglvl=debug|all|info|warning (debug and all add dprintk), cpupool=. */
static void parse_cmdline(const char *s)
{
    while (*s) {
        while (*s == ' ')
            s++;
        if (!strncmp(s, "cpupool=", 8) && nr_cpupool_opts < CPUPOOL_MAX)
            cpupool_opts[nr_cpupool_opts++] = s + 8;
        else if (option_is(s, "console", "none"))
            console_enabled = false;
        else if (option_is(s, "console", "com1"))
            console_enabled = true;
        else if (option_is(s, "loglvl", "debug") || option_is(s, "loglvl", "all"))
            opt_loglvl_debug = 1;
        else if (option_is(s, "loglvl", "info") || option_is(s, "loglvl", "warning"))
            opt_loglvl_debug = 0;
        while (*s && *s != ' ')
            s++;
    }
}

/*
 * Loaders pass the image's path as the first word (GRUB: "/boot/xen ...",
 * QEMU: whatever followed -kernel); Xen's command line omits it. A first
 * word with no '=' is taken to be that path.
 */
const char *skip_image_path(const char *s)
{
    const char *w = s;

    while (*w == ' ')
        w++;
    for (s = w; *s && *s != ' '; s++)
        if (*s == '=')
            return w;
    while (*s == ' ')
        s++;
    return s;
}

void start_xen(uint32_t magic, uint64_t info)
{
    const char *cmdline;

    uart_init();
    cpu_init(0);
    irq_init();
    printk("Keel %u.%u%s (x86_64) starting\n", xen_major_version(), xen_minor_version(),
           xen_extra_version());
    if (multiboot_parse(magic, info)) {
        printk("not started by a multiboot loader (magic %#x): halting\n", magic);
        uart_drain();
        halt_forever();
    }
    cmdline = skip_image_path(boot_info.cmdline);
    cmdline_save(cmdline);
    parse_cmdline(cmdline);
    printk("loader: %s, command line \"%s\", %u module%s\n", boot_info.loader, cmdline,
           boot_info.nr_modules, boot_info.nr_modules == 1 ? "" : "s");
    if (build_id_init(__note_gnu_build_id_start,
                      (size_t)(__note_gnu_build_id_end - __note_gnu_build_id_start)))
        printk("no valid GNU build-id note\n");

    mm_init();
    if (vmx_init()) {
        printk("cannot run guests without VT-x: halting\n");
        uart_drain();
        halt_forever();
    }
    switch_regs_init();
    smp_boot_cpus();
    sched_init((uint32_t)((1ULL << nr_online_cpus) - 1));
    apply_cpupools();
    create_boot_domains();
    console_input_focus_default();
    smp_release_cpus();
    if (!domain_count_running()) {
        printk("no guest could be started\n");
        arch_system_off();
    }
    schedule_loop();
}

/*
 * Bochs ends on "Shutdown" written to port 0x8900 and QEMU's isa-debug-exit
 * device sits at 0xf4; on a PC with neither, the writes go nowhere and the
 * CPU halts. The 16550 is drained first, or emulators drop the last bytes.
 */
void arch_system_off(void)
{
    static const char bochs_shutdown[] = "Shutdown";
    unsigned int i;

    for (i = 1; i <= CONFIG_MAX_DOMAINS; i++)
        if (domain_by_id((domid_t)i))
            print_exit_stats(domain_by_id((domid_t)i));
    uart_drain();
    for (i = 0; i < sizeof(bochs_shutdown) - 1; i++)
        outb(0x8900, (uint8_t)bochs_shutdown[i]);
    outb(0xf4, 0);
    halt_forever();
}

const char *arch_capabilities(void)
{
    return "hvm-3.0-x86_64";
}

uint32_t arch_feature_bits(const struct domain *d)
{
    return 0;
}

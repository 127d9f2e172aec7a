// SPDX-License-Identifier: GPL-2.0-only
/*
 * start_xen(): what the boot CPU does between head.S and the first guest
 * instruction, and the machine-wide arch hooks (power off, capabilities).
 */
#include <xen/arch.h>
#include <xen/lib.h>
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

/* console=com1|none, loglvl=debug|all|info|warning (debug and all add dprintk). */
static void parse_cmdline(const char *s)
{
    while (*s) {
        while (*s == ' ')
            s++;
        if (option_is(s, "console", "none"))
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
    create_boot_domains();
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

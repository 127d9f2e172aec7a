// SPDX-License-Identifier: GPL-2.0-only
/*
 * One domain per boot module. GRUB's module string carries the settings
 * (DESIGN section 4): "module2 /guest.elf name=abi mem=16M cpus=1 caps=1
 * console=..." -- name, RAM (K/M/G suffix, KiB without one), vCPUs and the
 * capabilities bit field (bit 0: control domain). The string without the
 * image path is the guest's command line. A module whose string says
 * kind=ramdisk is no guest: it is the initramfs of the guest the module
 * before it starts (hvm_start_info module 0, which Linux takes for its
 * initrd). xenleaves=off hides CPUID's Xen leaves from that guest;
 * exitstats=1 counts its VM exits by reason, printed when it ends.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/setup.h>

#define DEFAULT_MEM_KIB (16UL << 10)

/* The value of key= in s, copied to out (up to a space); false if absent. */
static bool module_opt(const char *s, const char *key, char *out, size_t size)
{
    size_t n = strlen(key), i = 0;

    while (*s) {
        while (*s == ' ')
            s++;
        if (!strncmp(s, key, n) && s[n] == '=') {
            s += n + 1;
            while (s[i] && s[i] != ' ' && i + 1 < size) {
                out[i] = s[i];
                i++;
            }
            out[i] = '\0';
            return true;
        }
        while (*s && *s != ' ')
            s++;
    }
    return false;
}

/* "16M" -> 16384 (KiB); 0 if malformed. */
static uint64_t parse_kib(const char *s)
{
    char *end;
    uint64_t v = strtoul(s, &end, 0);

    switch (*end) {
    case 'G': case 'g': v <<= 20; end++; break;
    case 'M': case 'm': v <<= 10; end++; break;
    case 'K': case 'k': end++; break;
    default: break;
    }
    return *end ? 0 : v;
}

static const char *module_args(const struct boot_module *m)
{
    return skip_image_path(m->cmdline ? m->cmdline : "");
}

static bool is_ramdisk(const struct boot_module *m)
{
    char val[16];

    return module_opt(module_args(m), "kind", val, sizeof(val)) && !strcmp(val, "ramdisk");
}

static void create_one(unsigned int idx, const struct boot_module *m, const struct boot_module *rd)
{
    const char *args = module_args(m);
    struct x86_guest_image img = {(const uint8_t *)m->start, m->end - m->start, args,
                                  NULL, 0, true, false};
    struct domain_config cfg = {0};
    char name[DOMAIN_NAME_LEN], val[32];
    int err;

    ksnprintf(name, sizeof(name), "dom%u", idx + 1);
    module_opt(args, "name", name, sizeof(name));
    cfg.name = name;
    cfg.mem_kib = DEFAULT_MEM_KIB;
    cfg.nr_vcpus = 1;
    if (module_opt(args, "mem", val, sizeof(val)))
        cfg.mem_kib = parse_kib(val);
    if (module_opt(args, "cpus", val, sizeof(val)))
        cfg.nr_vcpus = (unsigned int)strtoul(val, NULL, 0);
    if (module_opt(args, "caps", val, sizeof(val)))
        cfg.is_control = strtoul(val, NULL, 0) & 1;
    if (module_opt(args, "cpupool", val, sizeof(val)))
        cfg.cpupool = (unsigned int)strtoul(val, NULL, 0); /* checked by the scheduler */
    if (module_opt(args, "priority", val, sizeof(val)))
        cfg.sched_priority = (unsigned int)strtoul(val, NULL, 0); /* checked by domain_create */
    if (module_opt(args, "xenleaves", val, sizeof(val)))
        img.xen_leaves = strcmp(val, "off") != 0;
    if (module_opt(args, "exitstats", val, sizeof(val)))
        img.exit_stats = strtoul(val, NULL, 0) != 0;
    if (module_opt(args, "kind", val, sizeof(val))) {
        printk("module %u (%s): kind=%s: Keel knows only kind=ramdisk after a guest\n", idx,
               name, val);
        return;
    }
    if (rd) {
        img.ramdisk = (const uint8_t *)rd->start;
        img.ramdisk_size = rd->end - rd->start;
    }
    cfg.arch = &img;

    if (!domain_create(&cfg, &err))
        printk("module %u (%s): guest not created (error %d)\n", idx, name, err);
}

void create_boot_domains(void)
{
    unsigned int i;

    for (i = 0; i < boot_info.nr_modules; i++) {
        const struct boot_module *m = &boot_info.mod[i], *next = m + 1;

        if (is_ramdisk(m)) {
            /* Taken by the guest before it; otherwise it belongs to none. */
            printk("module %u: kind=ramdisk with no guest module before it: refused\n", i);
            continue;
        }
        if (i + 1 < boot_info.nr_modules && is_ramdisk(next)) {
            create_one(i, m, next);
            i++;
            continue;
        }
        create_one(i, m, NULL);
    }
}

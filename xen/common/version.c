/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the hypervisor knows about itself: version numbers and build strings
 * (generated at build time into compile.h), its GNU build-id (read from its
 * own ELF note at boot), its command line, and the feature bits it offers.
 */
#include <public/features.h>
#include <xen/arch.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>

#include <generated/compile.h>

unsigned int xen_major_version(void)
{
    return KEEL_VERSION_MAJOR;
}

unsigned int xen_minor_version(void)
{
    return KEEL_VERSION_MINOR;
}

long xen_version_number(void)
{
    return KEEL_VERSION_MAJOR << 16 | KEEL_VERSION_MINOR;
}

const char *xen_extra_version(void)
{
    return KEEL_EXTRAVERSION;
}

const char *xen_changeset(void)
{
    return KEEL_CHANGESET;
}

const char *xen_compiler(void)
{
    return KEEL_COMPILER;
}

const char *xen_compile_by(void)
{
    return KEEL_COMPILE_BY;
}

const char *xen_compile_domain(void)
{
    return KEEL_COMPILE_DOMAIN;
}

const char *xen_compile_date(void)
{
    return KEEL_COMPILE_DATE;
}

int elf_note_build_id(const void *note, size_t size, const uint8_t **id, unsigned int *len)
{
    struct elf_note_walk w;
    struct elf_note n;

    /* Walk every note in the section; the GNU build-id is the one we want. */
    elf_note_walk_init(&w, note, size);
    while (elf_note_next(&w, &n) > 0) {
        if (elf_note_is(&n, "GNU", NT_GNU_BUILD_ID) && n.descsz > 0) {
            *id = n.desc;
            *len = n.descsz;
            return 0;
        }
    }
    return -ENODATA;
}

static const uint8_t *build_id;
static unsigned int build_id_len;

int build_id_init(const void *note, size_t size)
{
    int rc = elf_note_build_id(note, size, &build_id, &build_id_len);

    if (rc) {
        build_id = NULL;
        build_id_len = 0;
    }
    return rc;
}

int xen_build_id(const uint8_t **id, unsigned int *len)
{
    if (!build_id)
        return -ENODATA;
    *id = build_id;
    *len = build_id_len;
    return 0;
}

/* Xen's xen_commandline_t is 1024 bytes; the line is kept NUL-terminated. */
static char saved_cmdline[1024];

void cmdline_save(const char *cmdline)
{
    strlcpy(saved_cmdline, cmdline ? cmdline : "", sizeof(saved_cmdline));
}

const char *cmdline_get(void)
{
    return saved_cmdline;
}

int xen_feature_submap(const struct domain *d, uint32_t index, uint32_t *bitmap)
{
    if (index >= XENFEAT_NR_SUBMAPS)
        return -EINVAL;
    /* Every Keel guest is translated by stage-2/EPT and owns its tables. */
    *bitmap = (1U << XENFEAT_writable_page_tables) | (1U << XENFEAT_auto_translated_physmap) |
              (1U << XENFEAT_not_direct_mapped) | arch_feature_bits(d);
    if (d->is_control)
        *bitmap |= 1U << XENFEAT_dom0;
    return 0;
}

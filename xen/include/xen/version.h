/* SPDX-License-Identifier: GPL-2.0-only */
/* What the hypervisor knows about its own build (xen/common/version.c). */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#include <xen/types.h>

unsigned int xen_major_version(void);
unsigned int xen_minor_version(void);
/* major << 16 | minor: the answer to XENVER_version, as the hypercall returns it. */
long xen_version_number(void);
const char *xen_extra_version(void);
const char *xen_changeset(void);
const char *xen_compiler(void);
const char *xen_compile_by(void);
const char *xen_compile_domain(void);
const char *xen_compile_date(void);

/*
 * The hypervisor's GNU build-id, read from its .note.gnu.build-id section.
 * The arch's start-up code calls build_id_init() with the section's bounds
 * (linker-script symbols); the note is validated there, once.
 */
int build_id_init(const void *note, size_t size);
/* The GNU build-id in a section of ELF notes: 0, or -ENODATA if none/truncated. */
int elf_note_build_id(const void *note, size_t size, const uint8_t **id, unsigned int *len);
/* 0 with the id's bytes, or -ENODATA when there is no valid note. */
int xen_build_id(const uint8_t **id, unsigned int *len);

/* The hypervisor's command line (from the DT or the multiboot info). */
void cmdline_save(const char *cmdline);
const char *cmdline_get(void);

struct domain;

/* XENFEAT_* bits of submap index for d; -EINVAL for an index beyond them. */
int xen_feature_submap(const struct domain *d, uint32_t index, uint32_t *bitmap);

#endif /* XEN_VERSION_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Validation of a live-patch payload's ELF image before anything is loaded.
 *
 * A payload comes from the control domain and is not trusted: every header,
 * section, string, symbol and relocation index is checked here, once, so the
 * loader that follows can use them without further bounds checks. Errors:
 *   -E2BIG       payload over LIVEPATCH_MAX_SIZE, or LIVEPATCH_MAX_SECTIONS
 *                sections or more
 *   -EOPNOTSUPP  not ET_REL, not this machine, SHT_REL relocations, common
 *                symbols, extended section numbering
 *   -EINVAL      anything malformed (truncated, out of bounds, overlapping,
 *                misaligned, unterminated strings, bad indexes, ...)
 */
#ifndef XEN_LIVEPATCH_ELF_H
#define XEN_LIVEPATCH_ELF_H

#include <xen/elf.h>
#include <xen/types.h>

#define LIVEPATCH_MAX_SIZE ((size_t)2 << 20) /* 2 MiB */
#define LIVEPATCH_MAX_SECTIONS 1024

struct livepatch_elf {
    const uint8_t *image;
    size_t size;
    const Elf64_Ehdr *ehdr;
    const Elf64_Shdr *shdr; /* e_shnum entries */
    unsigned int nsec;
    const char *shstrtab;   /* section names */
    size_t shstrtab_size;
    unsigned int symtab;    /* index of the SHT_SYMTAB section */
    const Elf64_Sym *sym;
    unsigned int nsym;
    const char *strtab;     /* symbol names */
    size_t strtab_size;
};

/*
 * Check image (size bytes, 8-byte aligned) for machine (EM_*) and fill e.
 * Returns 0 or one of the errors above; e is only meaningful on success.
 */
int livepatch_elf_check(struct livepatch_elf *e, const void *image, size_t size,
                        uint16_t machine);

/* Name of section i or symbol s (checked by livepatch_elf_check). */
const char *livepatch_elf_sec_name(const struct livepatch_elf *e, unsigned int i);
const char *livepatch_elf_sym_name(const struct livepatch_elf *e, const Elf64_Sym *s);

/* The section called name, or -1. */
int livepatch_elf_find(const struct livepatch_elf *e, const char *name);

#endif /* XEN_LIVEPATCH_ELF_H */

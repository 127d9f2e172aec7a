/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks a live-patch payload's ELF image from end to end before the loader
 * touches it (see <xen/livepatch_elf.h> for the errors). The order matters:
 * every table is bounds-checked before its entries are read, and every
 * index before it is followed.
 */
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/livepatch_elf.h>
#include <xen/string.h>

/* [off, off + len) lies within size bytes, with no sum that can wrap. */
static bool in_bounds(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off;
}

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

static bool has_contents(const Elf64_Shdr *s)
{
    return s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL && s->sh_size;
}

/* A string table: non-empty and ending in NUL, so any in-range index is a string. */
static bool strtab_ok(const struct livepatch_elf *e, unsigned int i)
{
    const Elf64_Shdr *s = &e->shdr[i];

    return s->sh_type == SHT_STRTAB && s->sh_size && e->image[s->sh_offset + s->sh_size - 1] == 0;
}

static int check_ident(const Elf64_Ehdr *h, uint16_t machine)
{
    if (memcmp(h->e_ident, "\177ELF", 4) != 0 || h->e_ident[EI_CLASS] != ELFCLASS64 ||
        h->e_ident[EI_DATA] != ELFDATA2LSB || h->e_ident[EI_VERSION] != EV_CURRENT ||
        h->e_version != EV_CURRENT)
        return -EINVAL;
    if (h->e_type != ET_REL || h->e_machine != machine)
        return -EOPNOTSUPP;
    if (h->e_ehsize != sizeof(Elf64_Ehdr))
        return -EINVAL;
    return 0;
}

static int check_section_table(struct livepatch_elf *e)
{
    const Elf64_Ehdr *h = e->ehdr;

    if (h->e_shstrndx == SHN_XINDEX)
        return -EOPNOTSUPP; /* extended numbering: more sections than we take */
    if (h->e_shnum >= LIVEPATCH_MAX_SECTIONS)
        return -E2BIG;
    if (h->e_shnum == 0 || h->e_shentsize != sizeof(Elf64_Shdr) || (h->e_shoff & 7) ||
        !in_bounds(e->size, h->e_shoff, (uint64_t)h->e_shnum * sizeof(Elf64_Shdr)))
        return -EINVAL;
    e->shdr = (const Elf64_Shdr *)(e->image + h->e_shoff);
    e->nsec = h->e_shnum;
    if (e->shdr[0].sh_type != SHT_NULL)
        return -EINVAL;
    if (h->e_shstrndx == SHN_UNDEF || h->e_shstrndx >= e->nsec)
        return -EINVAL;
    return 0;
}

static int check_sections(struct livepatch_elf *e)
{
    uint64_t table_off = e->ehdr->e_shoff, table_len = (uint64_t)e->nsec * sizeof(Elf64_Shdr);
    unsigned int i, j;

    for (i = 1; i < e->nsec; i++) {
        const Elf64_Shdr *s = &e->shdr[i];
        uint64_t align = s->sh_addralign;

        if (s->sh_type == SHT_REL)
            return -EOPNOTSUPP; /* only RELA carries the addends we need */
        if (s->sh_type != SHT_NOBITS && !in_bounds(e->size, s->sh_offset, s->sh_size))
            return -EINVAL;
        if ((align & (align - 1)) || align > PAGE_SIZE)
            return -EINVAL;
        if (!has_contents(s))
            continue;
        if (overlap(s->sh_offset, s->sh_size, 0, sizeof(Elf64_Ehdr)) ||
            overlap(s->sh_offset, s->sh_size, table_off, table_len))
            return -EINVAL;
        for (j = 1; j < i; j++)
            if (has_contents(&e->shdr[j]) &&
                overlap(s->sh_offset, s->sh_size, e->shdr[j].sh_offset, e->shdr[j].sh_size))
                return -EINVAL;
    }

    if (!strtab_ok(e, e->ehdr->e_shstrndx))
        return -EINVAL;
    e->shstrtab = (const char *)e->image + e->shdr[e->ehdr->e_shstrndx].sh_offset;
    e->shstrtab_size = e->shdr[e->ehdr->e_shstrndx].sh_size;
    for (i = 0; i < e->nsec; i++)
        if (e->shdr[i].sh_name >= e->shstrtab_size)
            return -EINVAL;
    return 0;
}

static int check_symbol(const struct livepatch_elf *e, const Elf64_Sym *s)
{
    if (s->st_name >= e->strtab_size)
        return -EINVAL;
    if (s->st_shndx == SHN_COMMON || s->st_shndx == SHN_XINDEX)
        return -EOPNOTSUPP; /* payloads are built with -fno-common */
    if (s->st_shndx == SHN_UNDEF || s->st_shndx == SHN_ABS)
        return 0;
    if (s->st_shndx >= e->nsec)
        return -EINVAL;
    /* A symbol defined in a section must point inside it (or at its end). */
    if (s->st_value > e->shdr[s->st_shndx].sh_size)
        return -EINVAL;
    return 0;
}

static int check_symtab(struct livepatch_elf *e)
{
    const Elf64_Shdr *s;
    unsigned int i, found = 0;
    int rc;

    for (i = 1; i < e->nsec; i++) {
        if (e->shdr[i].sh_type == SHT_SYMTAB) {
            e->symtab = i;
            found++;
        }
    }
    if (found != 1)
        return -EINVAL;
    s = &e->shdr[e->symtab];
    if (s->sh_entsize != sizeof(Elf64_Sym) || s->sh_size % sizeof(Elf64_Sym) ||
        s->sh_size == 0 || (s->sh_offset & 7))
        return -EINVAL;
    if (s->sh_link == 0 || s->sh_link >= e->nsec || !strtab_ok(e, s->sh_link))
        return -EINVAL;
    e->sym = (const Elf64_Sym *)(e->image + s->sh_offset);
    e->nsym = (unsigned int)(s->sh_size / sizeof(Elf64_Sym));
    e->strtab = (const char *)e->image + e->shdr[s->sh_link].sh_offset;
    e->strtab_size = e->shdr[s->sh_link].sh_size;
    for (i = 0; i < e->nsym; i++) {
        rc = check_symbol(e, &e->sym[i]);
        if (rc)
            return rc;
    }
    return 0;
}

static int check_rela(const struct livepatch_elf *e, unsigned int i)
{
    const Elf64_Shdr *s = &e->shdr[i], *target;
    const Elf64_Rela *r;
    uint64_t n, k;

    if (s->sh_entsize != sizeof(Elf64_Rela) || s->sh_size % sizeof(Elf64_Rela) ||
        (s->sh_offset & 7) || s->sh_link != e->symtab || s->sh_info == 0 || s->sh_info >= e->nsec)
        return -EINVAL;
    target = &e->shdr[s->sh_info];
    if (target->sh_type == SHT_NOBITS || target->sh_type == SHT_NULL)
        return -EINVAL;
    r = (const Elf64_Rela *)(e->image + s->sh_offset);
    n = s->sh_size / sizeof(Elf64_Rela);
    for (k = 0; k < n; k++) {
        /* The relocation's width is the arch's to check; its start is ours. */
        if (ELF64_R_SYM(r[k].r_info) >= e->nsym || r[k].r_offset >= target->sh_size)
            return -EINVAL;
    }
    return 0;
}

int livepatch_elf_check(struct livepatch_elf *e, const void *image, size_t size,
                        uint16_t machine)
{
    unsigned int i;
    int rc;

    memset(e, 0, sizeof(*e));
    if (size > LIVEPATCH_MAX_SIZE)
        return -E2BIG;
    if (!image || size < sizeof(Elf64_Ehdr) || ((uintptr_t)image & 7))
        return -EINVAL;
    e->image = image;
    e->size = size;
    e->ehdr = image;

    rc = check_ident(e->ehdr, machine);
    if (!rc)
        rc = check_section_table(e);
    if (!rc)
        rc = check_sections(e);
    if (!rc)
        rc = check_symtab(e);
    for (i = 1; !rc && i < e->nsec; i++)
        if (e->shdr[i].sh_type == SHT_RELA)
            rc = check_rela(e, i);
    return rc;
}

const char *livepatch_elf_sec_name(const struct livepatch_elf *e, unsigned int i)
{
    return e->shstrtab + e->shdr[i].sh_name;
}

const char *livepatch_elf_sym_name(const struct livepatch_elf *e, const Elf64_Sym *s)
{
    return e->strtab + s->st_name;
}

int livepatch_elf_find(const struct livepatch_elf *e, const char *name)
{
    unsigned int i;

    for (i = 1; i < e->nsec; i++)
        if (!strcmp(livepatch_elf_sec_name(e, i), name))
            return (int)i;
    return -1;
}

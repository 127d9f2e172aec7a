/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loads a payload that livepatch_elf_check() accepted: three regions (text,
 * rodata, data) hold its allocated sections, its symbols resolve against the
 * hypervisor's, the arch applies its relocations, and its special sections
 * (.note.gnu.build-id, .livepatch.xen_depends, .livepatch.depends,
 * .livepatch.funcs, .livepatch.hooks.*) are read and checked. Only then are
 * the regions mapped with their final permissions.
 */
#include <xen/errno.h>
#include <xen/livepatch.h>
#include <xen/string.h>
#include <xen/version.h>

enum { R_TEXT, R_RODATA, R_DATA, NR_REGIONS };

/* Per-load scratch, too big for the stack. */
struct load_ctx {
    const struct livepatch_elf *e;
    struct payload *p;
    uint8_t *sec[LIVEPATCH_MAX_SECTIONS]; /* where each allocated section lives */
    uint64_t off[LIVEPATCH_MAX_SECTIONS]; /* its offset in its region */
    uint64_t *sym;                        /* each symbol's value */
};

/*
 * The hook sections are ".livepatch.hooks." and one of these, in the order
 * of enum livepatch_hook: one string list, nothing for the boot-time
 * relocation to fix up (52 bytes where six 32-byte names took 192).
 */
#define HOOK_PREFIX ".livepatch.hooks."
static const char hook_names[] = "load\0unload\0preapply\0postapply\0prerevert\0postrevert";

/* The section HOOK_PREFIX + suffix, or -1. */
static int find_hook(const struct livepatch_elf *e, const char *suffix)
{
    unsigned int i;

    for (i = 1; i < e->nsec; i++) {
        const char *n = livepatch_elf_sec_name(e, i);

        if (!strncmp(n, HOOK_PREFIX, sizeof(HOOK_PREFIX) - 1) &&
            !strcmp(n + sizeof(HOOK_PREFIX) - 1, suffix))
            return (int)i;
    }
    return -1;
}

static struct livepatch_region *region(struct payload *p, int r)
{
    return r == R_TEXT ? &p->text : r == R_RODATA ? &p->rodata : &p->data;
}

static int region_of(const Elf64_Shdr *s)
{
    if (!(s->sh_flags & SHF_ALLOC))
        return -1;
    if (s->sh_flags & SHF_EXECINSTR)
        return R_TEXT;
    return (s->sh_flags & SHF_WRITE) || s->sh_type == SHT_NOBITS ? R_DATA : R_RODATA;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return a > 1 ? (v + a - 1) & ~(a - 1) : v;
}

static bool in_region(const struct livepatch_region *r, uint64_t addr, uint64_t len)
{
    uint64_t base = (uint64_t)(uintptr_t)r->base;

    return r->base && addr >= base && addr - base <= r->size && len <= r->size - (addr - base);
}

/* Lay the allocated sections out, allocate the regions, copy the contents. */
static int place_sections(struct load_ctx *c)
{
    const struct livepatch_elf *e = c->e;
    uint64_t *off = c->off, size[NR_REGIONS] = {0};
    unsigned int i;
    int r;

    for (i = 1; i < e->nsec; i++) {
        const Elf64_Shdr *s = &e->shdr[i];

        r = region_of(s);
        if (r < 0)
            continue;
        /* NOBITS sizes are not bounded by the file: bound them here. */
        if (s->sh_size > LIVEPATCH_MAX_SIZE)
            return -EINVAL;
        off[i] = align_up(size[r], s->sh_addralign);
        size[r] = off[i] + s->sh_size;
    }
    for (r = 0; r < NR_REGIONS; r++) {
        struct livepatch_region *reg = region(c->p, r);

        if (!size[r])
            continue;
        reg->base = livepatch_alloc(size[r]);
        if (!reg->base)
            return -ENOMEM;
        reg->size = size[r];
    }
    for (i = 1; i < e->nsec; i++) {
        const Elf64_Shdr *s = &e->shdr[i];

        r = region_of(s);
        /* An empty section in an empty region has no place: it stays unallocated. */
        if (r < 0 || !region(c->p, r)->base)
            continue;
        c->sec[i] = region(c->p, r)->base + off[i];
        if (s->sh_type != SHT_NOBITS)
            memcpy(c->sec[i], e->image + s->sh_offset, s->sh_size);
    }
    return 0;
}

static int resolve_symbols(struct load_ctx *c)
{
    const struct livepatch_elf *e = c->e;
    unsigned int k;

    for (k = 1; k < e->nsym; k++) {
        const Elf64_Sym *s = &e->sym[k];
        const char *name = livepatch_elf_sym_name(e, s);

        if (s->st_shndx == SHN_UNDEF) {
            /* The hypervisor first, then the payloads loaded before this one. */
            if (*name && symbols_lookup_by_name(name, &c->sym[k]) &&
                livepatch_symbols_lookup(name, &c->sym[k]))
                return -ENOENT;
        } else if (s->st_shndx == SHN_ABS) {
            c->sym[k] = s->st_value;
        } else if (c->sec[s->st_shndx]) {
            c->sym[k] = (uint64_t)(uintptr_t)c->sec[s->st_shndx] + s->st_value;
        }
        /* Symbols in unallocated sections (.comment, debug) stay 0. */
    }
    return 0;
}

static bool symbol_usable(const struct load_ctx *c, const Elf64_Sym *s)
{
    return s->st_shndx == SHN_UNDEF || s->st_shndx == SHN_ABS || c->sec[s->st_shndx];
}

static int relocate(struct load_ctx *c)
{
    const struct livepatch_elf *e = c->e;
    unsigned int i;
    uint64_t k;
    int rc;

    for (i = 1; i < e->nsec; i++) {
        const Elf64_Shdr *s = &e->shdr[i];
        const Elf64_Shdr *target;
        const Elf64_Rela *r;

        if (s->sh_type != SHT_RELA || !c->sec[s->sh_info])
            continue; /* relocations of debug sections are not needed */
        target = &e->shdr[s->sh_info];
        r = (const Elf64_Rela *)(e->image + s->sh_offset);
        for (k = 0; k < s->sh_size / sizeof(*r); k++) {
            uint32_t sym = ELF64_R_SYM(r[k].r_info);
            uint8_t *loc = c->sec[s->sh_info] + r[k].r_offset;

            if (!symbol_usable(c, &e->sym[sym]))
                return -EINVAL;
            rc = arch_livepatch_apply_rela(loc, (uint64_t)(uintptr_t)loc,
                                           ELF64_R_TYPE(r[k].r_info),
                                           c->sym[sym] + (uint64_t)r[k].r_addend,
                                           target->sh_size - r[k].r_offset);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* The build-id note in section name: 0, -ENOENT if absent, -EINVAL if bad. */
static int read_id(const struct load_ctx *c, const char *name, struct livepatch_id *id)
{
    int i = livepatch_elf_find(c->e, name);
    const Elf64_Shdr *s;
    const uint8_t *bytes;
    unsigned int len;

    if (i < 0)
        return -ENOENT;
    s = &c->e->shdr[i];
    if (s->sh_type == SHT_NOBITS ||
        elf_note_build_id(c->e->image + s->sh_offset, s->sh_size, &bytes, &len) ||
        len > LIVEPATCH_BUILD_ID_MAX)
        return -EINVAL;
    memcpy(id->bytes, bytes, len);
    id->len = len;
    return 0;
}

static int check_ids(struct load_ctx *c)
{
    struct livepatch_id xen_dep;
    const uint8_t *xen_id;
    unsigned int xen_len;
    int rc;

    if (read_id(c, ".note.gnu.build-id", &c->p->id))
        return -EINVAL;
    /* A payload is built against one hypervisor binary and only fits that one. */
    if (read_id(c, ".livepatch.xen_depends", &xen_dep) || xen_build_id(&xen_id, &xen_len) ||
        xen_dep.len != xen_len || memcmp(xen_dep.bytes, xen_id, xen_len) != 0)
        return -EINVAL;
    rc = read_id(c, ".livepatch.depends", &c->p->depends);
    return rc == -ENOENT ? 0 : rc;
}

static bool string_in_payload(const struct payload *p, uint64_t addr)
{
    const struct livepatch_region *regs[] = {&p->text, &p->rodata, &p->data};
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(regs); i++) {
        if (in_region(regs[i], addr, 1)) {
            uint64_t left = regs[i]->size - (addr - (uint64_t)(uintptr_t)regs[i]->base);

            return memchr((const void *)(uintptr_t)addr, 0, left) != NULL;
        }
    }
    return false;
}

static int check_func(struct payload *p, struct livepatch_func *f)
{
    unsigned int expect_len = (f->expect.flags & LIVEPATCH_EXPECT_LEN_MASK) >>
                              LIVEPATCH_EXPECT_LEN_SHIFT;

    if (f->version != LIVEPATCH_PAYLOAD_VERSION || f->applied ||
        !string_in_payload(p, f->name))
        return -EINVAL;
    if (!f->old_addr && symbols_lookup_by_name((const char *)(uintptr_t)f->name, &f->old_addr))
        return -ENOENT;
    if (f->new_addr && !in_region(&p->text, f->new_addr, f->new_size ? f->new_size : 1))
        return -EINVAL;
    if (f->old_size < arch_livepatch_patch_size())
        return -EINVAL;
    /*
     * What APPLY reads (expectations) and overwrites must be code: the
     * hypervisor's text or a loaded payload's, never an arbitrary address.
     */
    if (!livepatch_in_hypervisor_text(f->old_addr, MAX(arch_livepatch_patch_size(), expect_len)) &&
        !livepatch_in_payload_text(f->old_addr, MAX(arch_livepatch_patch_size(), expect_len)))
        return -EINVAL;
    if ((f->expect.flags & LIVEPATCH_EXPECT_ENABLED) &&
        (expect_len == 0 || expect_len > LIVEPATCH_OPAQUE_SIZE || expect_len > f->old_size ||
         (f->expect.flags & ~(LIVEPATCH_EXPECT_ENABLED | LIVEPATCH_EXPECT_LEN_MASK))))
        return -EINVAL;
    return 0;
}

static int read_funcs(struct load_ctx *c)
{
    int i = livepatch_elf_find(c->e, ".livepatch.funcs");
    const Elf64_Shdr *s;
    unsigned int k;
    int rc;

    if (i < 0)
        return -EINVAL;
    s = &c->e->shdr[i];
    /*
     * APPLY and REVERT write the saved instructions and the applied flag into
     * these records: in a read-only or executable region that write would
     * fault the hypervisor, so such a payload is refused at UPLOAD.
     */
    if ((s->sh_flags & (SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR)) != (SHF_ALLOC | SHF_WRITE))
        return -EACCES;
    if (!c->sec[i] || !s->sh_size || s->sh_size % sizeof(struct livepatch_func) ||
        ((uintptr_t)c->sec[i] & 7))
        return -EINVAL;
    c->p->funcs = (struct livepatch_func *)c->sec[i];
    c->p->nfuncs = (unsigned int)(s->sh_size / sizeof(struct livepatch_func));
    for (k = 0; k < c->p->nfuncs; k++) {
        rc = check_func(c->p, &c->p->funcs[k]);
        if (rc)
            return rc;
    }
    return 0;
}

static int read_hooks(struct load_ctx *c)
{
    const char *suffix = hook_names;
    unsigned int h, k;

    for (h = 0; h < LP_NR_HOOKS; h++, suffix += strlen(suffix) + 1) {
        int i = find_hook(c->e, suffix);
        const Elf64_Shdr *s;
        const uint64_t *fn;

        if (i < 0)
            continue;
        s = &c->e->shdr[i];
        if (!c->sec[i] || s->sh_size % sizeof(uint64_t) || ((uintptr_t)c->sec[i] & 7))
            return -EINVAL;
        fn = (const uint64_t *)c->sec[i];
        for (k = 0; k < s->sh_size / sizeof(uint64_t); k++)
            if (!in_region(&c->p->text, fn[k], 1))
                return -EINVAL; /* a hook must be the payload's own code */
        c->p->hooks[h] = fn;
        c->p->nhooks[h] = (unsigned int)(s->sh_size / sizeof(uint64_t));
    }
    return 0;
}

static bool exported(const struct load_ctx *c, const Elf64_Sym *s)
{
    unsigned int bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);

    return (bind == STB_GLOBAL || bind == STB_WEAK) && (type == STT_FUNC || type == STT_OBJECT) &&
           s->st_shndx != SHN_UNDEF && s->st_shndx < c->e->nsec && c->sec[s->st_shndx];
}

/*
 * Keep the payload's global functions and objects for payloads loaded after
 * it. A name another payload already exports is -EEXIST, as in Xen.
 */
static int export_symbols(struct load_ctx *c)
{
    const struct livepatch_elf *e = c->e;
    struct payload *p = c->p;
    unsigned int k, n = 0;
    uint64_t addr;

    for (k = 1; k < e->nsym; k++)
        n += exported(c, &e->sym[k]);
    if (!n)
        return 0;
    p->syms_bytes = n * sizeof(*p->syms);
    p->syms = livepatch_alloc(p->syms_bytes);
    if (!p->syms)
        return -ENOMEM;
    for (k = 1; k < e->nsym; k++) {
        const char *name = livepatch_elf_sym_name(e, &e->sym[k]);

        if (!exported(c, &e->sym[k]))
            continue;
        if (strlen(name) >= sizeof(p->syms[0].name))
            return -EINVAL;
        if (!livepatch_symbols_lookup(name, &addr))
            return -EEXIST;
        strlcpy(p->syms[p->nsyms].name, name, sizeof(p->syms[0].name));
        p->syms[p->nsyms++].addr = c->sym[k];
    }
    return 0;
}

static int protect(struct payload *p)
{
    int rc = 0;

    if (p->text.base)
        rc = livepatch_protect(p->text.base, p->text.size, LP_PERM_RX);
    if (!rc && p->rodata.base)
        rc = livepatch_protect(p->rodata.base, p->rodata.size, LP_PERM_RO);
    if (!rc && p->data.base)
        rc = livepatch_protect(p->data.base, p->data.size, LP_PERM_RW);
    return rc;
}

void livepatch_unload(struct payload *p)
{
    int r;

    for (r = 0; r < NR_REGIONS; r++) {
        struct livepatch_region *reg = region(p, r);

        if (reg->base)
            livepatch_free(reg->base, reg->size);
        reg->base = NULL;
        reg->size = 0;
    }
    if (p->syms)
        livepatch_free(p->syms, p->syms_bytes);
    p->syms = NULL;
    p->nsyms = 0;
    p->syms_bytes = 0;
    p->funcs = NULL;
    p->nfuncs = 0;
    memset(p->hooks, 0, sizeof(p->hooks));
    memset(p->nhooks, 0, sizeof(p->nhooks));
}

int livepatch_load(struct payload *p, const struct livepatch_elf *e)
{
    size_t sym_bytes = (size_t)e->nsym * sizeof(uint64_t);
    struct load_ctx *c = livepatch_alloc(sizeof(*c));
    int rc;

    if (!c)
        return -ENOMEM;
    c->e = e;
    c->p = p;
    c->sym = livepatch_alloc(sym_bytes);
    rc = c->sym ? 0 : -ENOMEM;
    if (!rc)
        rc = place_sections(c);
    if (!rc)
        rc = resolve_symbols(c);
    if (!rc)
        rc = relocate(c);
    if (!rc)
        rc = check_ids(c);
    if (!rc)
        rc = read_funcs(c);
    if (!rc)
        rc = read_hooks(c);
    if (!rc)
        rc = export_symbols(c);
    if (!rc)
        rc = protect(p);
    if (c->sym)
        livepatch_free(c->sym, sym_bytes);
    livepatch_free(c, sizeof(*c));
    if (rc)
        livepatch_unload(p);
    return rc;
}

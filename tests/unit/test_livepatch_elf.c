/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-patch ELF checks against a corpus of malformed payloads: a small
 * valid ET_REL image is built here, then each test breaks one thing and
 * expects that thing's own error. Two real compiler-built objects (x86_64
 * and aarch64) must pass for their machine and only for it.
 */
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/livepatch_elf.h>

#include "helpers.h"
#include "payloads.h"

enum { S_NULL, S_TEXT, S_DATA, S_BSS, S_RELA, S_SYMTAB, S_STRTAB, S_SHSTRTAB, NSEC };

static const char shstr[] = "\0.text\0.data\0.bss\0.rela.text\0.symtab\0.strtab\0.shstrtab";
static const char symstr[] = "\0new_func\0xen_extra_version";

/* The image under test, 8-byte aligned. */
static uint64_t buf[512];
static uint8_t *const img = (uint8_t *)buf;
static size_t img_size;

static Elf64_Ehdr *eh(void)
{
    return (Elf64_Ehdr *)img;
}

static Elf64_Shdr *sh(unsigned int i)
{
    return (Elf64_Shdr *)(img + eh()->e_shoff) + i;
}

static Elf64_Sym *sym(unsigned int i)
{
    return (Elf64_Sym *)(img + sh(S_SYMTAB)->sh_offset) + i;
}

static Elf64_Rela *rela(void)
{
    return (Elf64_Rela *)(img + sh(S_RELA)->sh_offset);
}

static size_t place(size_t *off, const void *data, size_t len)
{
    size_t at = (*off + 7) & ~(size_t)7;

    memcpy(img + at, data, len);
    *off = at + len;
    return at;
}

/* Offset of name in shstr. */
static uint32_t name_off(const char *name)
{
    size_t i;

    for (i = 1; i < sizeof(shstr); i += strlen(shstr + i) + 1)
        if (!strcmp(shstr + i, name))
            return (uint32_t)i;
    return 0;
}

static void set_sec(unsigned int i, const char *name, uint32_t type, uint64_t flags, size_t off,
                    size_t size, uint32_t link, uint32_t info, uint64_t align, uint64_t entsize)
{
    Elf64_Shdr *s = sh(i);

    s->sh_name = name_off(name);
    s->sh_type = type;
    s->sh_flags = flags;
    s->sh_offset = off;
    s->sh_size = size;
    s->sh_link = link;
    s->sh_info = info;
    s->sh_addralign = align;
    s->sh_entsize = entsize;
}

/* A valid payload: .text calling xen_extra_version, .data, .bss, symbols. */
static void build(void)
{
    static const uint8_t text[16] = {0x90, 0x90, 0x90, 0x90};
    static const uint8_t data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    Elf64_Sym syms[4];
    Elf64_Rela r = {4, ((uint64_t)3 << 32) | 1, -4};
    size_t off = sizeof(Elf64_Ehdr), o_text, o_data, o_rela, o_sym, o_str, o_shstr;

    memset(buf, 0, sizeof(buf));
    memset(syms, 0, sizeof(syms));
    syms[1].st_info = STT_SECTION;
    syms[1].st_shndx = S_TEXT;
    syms[2].st_name = 1;
    syms[2].st_info = (STB_GLOBAL << 4) | STT_FUNC;
    syms[2].st_shndx = S_TEXT;
    syms[2].st_size = 16;
    syms[3].st_name = 10;
    syms[3].st_info = STB_GLOBAL << 4;

    o_text = place(&off, text, sizeof(text));
    o_data = place(&off, data, sizeof(data));
    o_rela = place(&off, &r, sizeof(r));
    o_sym = place(&off, syms, sizeof(syms));
    o_str = place(&off, symstr, sizeof(symstr));
    o_shstr = place(&off, shstr, sizeof(shstr));
    off = (off + 7) & ~(size_t)7;

    memcpy(eh()->e_ident, "\177ELF", 4);
    eh()->e_ident[EI_CLASS] = ELFCLASS64;
    eh()->e_ident[EI_DATA] = ELFDATA2LSB;
    eh()->e_ident[EI_VERSION] = EV_CURRENT;
    eh()->e_type = ET_REL;
    eh()->e_machine = EM_X86_64;
    eh()->e_version = EV_CURRENT;
    eh()->e_ehsize = sizeof(Elf64_Ehdr);
    eh()->e_shentsize = sizeof(Elf64_Shdr);
    eh()->e_shnum = NSEC;
    eh()->e_shstrndx = S_SHSTRTAB;
    eh()->e_shoff = off;

    set_sec(S_TEXT, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, o_text, 16, 0, 0, 16, 0);
    set_sec(S_DATA, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, o_data, 8, 0, 0, 8, 0);
    set_sec(S_BSS, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, o_data + 8, 16, 0, 0, 8, 0);
    set_sec(S_RELA, ".rela.text", SHT_RELA, 0, o_rela, sizeof(r), S_SYMTAB, S_TEXT, 8,
            sizeof(Elf64_Rela));
    set_sec(S_SYMTAB, ".symtab", SHT_SYMTAB, 0, o_sym, sizeof(syms), S_STRTAB, 2, 8,
            sizeof(Elf64_Sym));
    set_sec(S_STRTAB, ".strtab", SHT_STRTAB, 0, o_str, sizeof(symstr), 0, 0, 1, 0);
    set_sec(S_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0, o_shstr, sizeof(shstr), 0, 0, 1, 0);
    img_size = off + NSEC * sizeof(Elf64_Shdr);
}

static int check(void)
{
    struct livepatch_elf e;

    return livepatch_elf_check(&e, img, img_size, EM_X86_64);
}

static void test_valid(void)
{
    struct livepatch_elf e;

    build();
    CU_ASSERT_EQUAL_FATAL(livepatch_elf_check(&e, img, img_size, EM_X86_64), 0);
    CU_ASSERT_EQUAL(e.nsec, NSEC);
    CU_ASSERT_EQUAL(e.nsym, 4);
    CU_ASSERT_EQUAL(livepatch_elf_find(&e, ".rela.text"), S_RELA);
    CU_ASSERT_EQUAL(livepatch_elf_find(&e, ".nothere"), -1);
    CU_ASSERT_STRING_EQUAL(livepatch_elf_sec_name(&e, S_BSS), ".bss");
    CU_ASSERT_STRING_EQUAL(livepatch_elf_sym_name(&e, &e.sym[3]), "xen_extra_version");
}

static void test_size_limits(void)
{
    uint64_t *big = calloc(1, LIVEPATCH_MAX_SIZE + 8);
    struct livepatch_elf e;

    build();
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memcpy(big, img, img_size);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, big, LIVEPATCH_MAX_SIZE + 1, EM_X86_64), -XEN_E2BIG);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, big, LIVEPATCH_MAX_SIZE, EM_X86_64), 0);
    free(big);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, img, sizeof(Elf64_Ehdr) - 1, EM_X86_64), -XEN_EINVAL);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, NULL, 0, EM_X86_64), -XEN_EINVAL);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, img + 4, img_size - 8, EM_X86_64), -XEN_EINVAL);
    /* Cut before the section headers end. */
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, img, img_size - 1, EM_X86_64), -XEN_EINVAL);
}

static void test_ident(void)
{
    build();
    img[1] = 'X';
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    img[EI_CLASS] = 1; /* ELFCLASS32 */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    img[EI_DATA] = 2; /* big-endian */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_version = 2;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_type = 2; /* ET_EXEC */
    CU_ASSERT_EQUAL(check(), -XEN_EOPNOTSUPP);
    build();
    eh()->e_machine = EM_AARCH64;
    CU_ASSERT_EQUAL(check(), -XEN_EOPNOTSUPP);
    build();
    eh()->e_ehsize = 52;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
}

static void test_section_table(void)
{
    build();
    eh()->e_shentsize = 40;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_shnum = 0xfff0; /* "e_shnum huge" */
    CU_ASSERT_EQUAL(check(), -XEN_E2BIG);
    build();
    eh()->e_shnum = 0;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_shoff = img_size; /* past the end */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_shoff = UINT64_MAX - 7; /* would wrap */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_shoff += 4; /* misaligned */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_shstrndx = NSEC;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    eh()->e_shstrndx = SHN_XINDEX;
    CU_ASSERT_EQUAL(check(), -XEN_EOPNOTSUPP);
    build();
    sh(0)->sh_type = SHT_PROGBITS;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
}

static void test_section_bounds(void)
{
    build();
    sh(S_TEXT)->sh_offset = img_size + 8; /* offset past the end */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_DATA)->sh_size = img_size; /* size past the end */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_DATA)->sh_size = UINT64_MAX;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_BSS)->sh_offset = UINT64_MAX; /* NOBITS: its offset does not matter */
    CU_ASSERT_EQUAL(check(), 0);
    build();
    sh(S_DATA)->sh_offset = sh(S_TEXT)->sh_offset + 8; /* overlapping sections */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_DATA)->sh_offset = 0; /* over the ELF header */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_DATA)->sh_offset = eh()->e_shoff; /* over the section headers */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_TEXT)->sh_addralign = 3;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_TEXT)->sh_addralign = 1 << 20;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
}

static void test_strings(void)
{
    build();
    img[sh(S_SHSTRTAB)->sh_offset + sh(S_SHSTRTAB)->sh_size - 1] = 'x'; /* not NUL-terminated */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    img[sh(S_STRTAB)->sh_offset + sh(S_STRTAB)->sh_size - 1] = 'x';
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_DATA)->sh_name = (uint32_t)sizeof(shstr); /* name out of range */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_SHSTRTAB)->sh_type = SHT_PROGBITS;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
}

static void test_symtab(void)
{
    build();
    sh(S_SYMTAB)->sh_type = SHT_PROGBITS; /* no symbol table */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_DATA)->sh_type = SHT_SYMTAB; /* two */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_SYMTAB)->sh_entsize = 16;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_SYMTAB)->sh_size -= 1;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_SYMTAB)->sh_link = S_DATA; /* names in a non-string table */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_SYMTAB)->sh_link = NSEC + 3;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sym(2)->st_name = (uint32_t)sizeof(symstr); /* name out of range */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sym(2)->st_shndx = NSEC; /* section index out of range */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sym(2)->st_shndx = 0xff10; /* a reserved index we do not know */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sym(2)->st_shndx = SHN_COMMON;
    CU_ASSERT_EQUAL(check(), -XEN_EOPNOTSUPP);
    build();
    sym(2)->st_value = 17; /* past the end of .text */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sym(2)->st_shndx = SHN_ABS;
    sym(2)->st_value = UINT64_MAX;
    CU_ASSERT_EQUAL(check(), 0);
}

static void test_relocations(void)
{
    build();
    sh(S_RELA)->sh_type = SHT_REL;
    CU_ASSERT_EQUAL(check(), -XEN_EOPNOTSUPP);
    build();
    rela()->r_info = ((uint64_t)4 << 32) | 1; /* symbol index out of range */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    rela()->r_offset = 16; /* target outside its section */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    rela()->r_offset = UINT64_MAX;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_RELA)->sh_info = 0;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_RELA)->sh_info = NSEC;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_RELA)->sh_info = S_BSS; /* relocating NOBITS */
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_RELA)->sh_link = S_STRTAB;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
    build();
    sh(S_RELA)->sh_entsize = 16;
    CU_ASSERT_EQUAL(check(), -XEN_EINVAL);
}


static void test_compiler_built(void)
{
    struct livepatch_elf e;
    size_t x86 = (size_t)(sample_x86_64_end - sample_x86_64);
    size_t arm = (size_t)(sample_aarch64_end - sample_aarch64);
    unsigned int i, relas = 0;

    CU_ASSERT_EQUAL_FATAL(livepatch_elf_check(&e, sample_x86_64, x86, EM_X86_64), 0);
    CU_ASSERT(livepatch_elf_find(&e, ".text.sample_extra_version") > 0);
    for (i = 0; i < e.nsec; i++)
        relas += e.shdr[i].sh_type == SHT_RELA;
    CU_ASSERT(relas >= 1);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, sample_x86_64, x86, EM_AARCH64), -XEN_EOPNOTSUPP);
    CU_ASSERT_EQUAL_FATAL(livepatch_elf_check(&e, sample_aarch64, arm, EM_AARCH64), 0);
    CU_ASSERT(livepatch_elf_find(&e, ".text.sample_extra_version") > 0);
    CU_ASSERT_EQUAL(livepatch_elf_check(&e, sample_aarch64, arm, EM_X86_64), -XEN_EOPNOTSUPP);
}

int register_livepatch_elf_tests(void)
{
    CU_pSuite s = CU_add_suite("livepatch_elf", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_valid);
    ADD_TEST(s, test_size_limits);
    ADD_TEST(s, test_ident);
    ADD_TEST(s, test_section_table);
    ADD_TEST(s, test_section_bounds);
    ADD_TEST(s, test_strings);
    ADD_TEST(s, test_symtab);
    ADD_TEST(s, test_relocations);
    ADD_TEST(s, test_compiler_built);
    return 0;
}

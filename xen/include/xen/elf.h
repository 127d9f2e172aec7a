/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF64 structures and constants, from the System V gABI ("ELF Header",
 * "Sections", "Symbol Table", "Relocation"). Only what the live-patch
 * loader reads.
 */
#ifndef XEN_ELF_H
#define XEN_ELF_H

#include <xen/types.h>

#define EI_NIDENT 16
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1

#define ET_REL 1
#define EM_X86_64 62
#define EM_AARCH64 183

#define SHT_NULL 0
#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_RELA 4
#define SHT_NOTE 7
#define SHT_NOBITS 8
#define SHT_REL 9

#define SHF_WRITE 0x1
#define SHF_ALLOC 0x2
#define SHF_EXECINSTR 0x4

#define SHN_UNDEF 0
#define SHN_LORESERVE 0xff00
#define SHN_ABS 0xfff1
#define SHN_COMMON 0xfff2
#define SHN_XINDEX 0xffff

#define STB_LOCAL 0
#define STB_GLOBAL 1
#define STB_WEAK 2
#define STT_NOTYPE 0
#define STT_OBJECT 1
#define STT_FUNC 2
#define STT_SECTION 3
#define STT_FILE 4

#define ELF64_ST_BIND(info) ((info) >> 4)
#define ELF64_ST_TYPE(info) ((info)&0xf)
#define ELF64_R_SYM(info) ((uint32_t)((info) >> 32))
#define ELF64_R_TYPE(info) ((uint32_t)(info))

typedef struct {
    unsigned char e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t sh_name;
    uint32_t sh_type;
    uint64_t sh_flags;
    uint64_t sh_addr;
    uint64_t sh_offset;
    uint64_t sh_size;
    uint32_t sh_link;
    uint32_t sh_info;
    uint64_t sh_addralign;
    uint64_t sh_entsize;
} Elf64_Shdr;

typedef struct {
    uint32_t st_name;
    unsigned char st_info;
    unsigned char st_other;
    uint16_t st_shndx;
    uint64_t st_value;
    uint64_t st_size;
} Elf64_Sym;

typedef struct {
    uint64_t r_offset;
    uint64_t r_info;
    int64_t r_addend;
} Elf64_Rela;

/*
 * Walking a run of ELF notes (a note section or PT_NOTE segment, [notes,
 * notes + size)), in xen/common/elf_note.c. elf_note_next() gives the next
 * note: 1 and *n filled in, 0 after the last, -ENODATA if a note runs past
 * the end (the walk stops there). n points into the notes.
 */
struct elf_note {
    const char *name; /* namesz bytes, the NUL included */
    uint32_t namesz, type;
    const uint8_t *desc;
    uint32_t descsz;
};

struct elf_note_walk {
    const uint8_t *p;
    size_t left;
};

void elf_note_walk_init(struct elf_note_walk *w, const void *notes, size_t size);
int elf_note_next(struct elf_note_walk *w, struct elf_note *n);

/* Whether n is the note of owner name (e.g. "GNU", "Xen") and this type. */
bool elf_note_is(const struct elf_note *n, const char *name, uint32_t type);

#define NT_GNU_BUILD_ID 3

#endif /* XEN_ELF_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own symbol table (name, address, size), generated from
 * xen-syms by a multi-pass link (scripts/link-symbols.sh, gen-symbols.sh),
 * as Xen does. Addresses are recorded as linked and corrected at run time
 * by how far the image was moved (the ARM64 image relocates itself).
 */
#ifndef XEN_SYMBOLS_H
#define XEN_SYMBOLS_H

#include <xen/types.h>

/* 0 and the run-time address of the symbol called name (globals first), or -ENOENT. */
int symbols_lookup_by_name(const char *name, uint64_t *addr);

/*
 * The symbol containing addr: 0 with its name (in name[len], cut short if
 * need be, always NUL-terminated), addr's offset in it and its size (0 when
 * unknown: then the nearest symbol below), or -ENOENT.
 */
int symbols_lookup(uint64_t addr, char *name, size_t len, uint64_t *offset, uint64_t *size);

/* "func+0x12/0x40" (or the bare hex address) into buf; returns buf. */
const char *symbols_format(char *buf, size_t len, uint64_t addr);

/*
 * The generated table: symbols_count entries sorted by address, kept small
 * (the arm64 Image has a size budget), in blocks of SYMBOLS_STEP entries.
 * symbols_blocks[b] gives where block b's first entry is linked (from
 * symbols_base) and where its entries and names start. An entry is, in
 * symbols_entries, one ULEB128 number: the symbol's size times 8 (plus 4
 * with the size counted in 4-byte words, when it is a multiple of 4), plus
 * 2 for a global symbol, plus 1 when a distance follows: where the symbol
 * starts from where the entry before it ends (address - previous address -
 * previous size) as SLEB128, left out when it is 0 (most code follows
 * code) and for a block's first entry. The names follow one another,
 * NUL-terminated, in symbols_strings, compressed by byte pairs: a byte c
 * whose symbols_pairs[c] is not 0, 0 stands for those two bytes, each
 * expanded the same way (scripts/gen-symbols.sh chooses them, nested
 * less than SYMBOLS_DEPTH deep); any other byte is itself.
 */
#define SYMBOLS_STEP 128U /* = the step in scripts/gen-symbols.sh */
#define SYMBOLS_DEPTH 32U
extern const uint64_t symbols_base;
extern const uint32_t symbols_count;
extern const struct symbols_block {
    uint32_t addr;    /* from symbols_base */
    uint16_t entries; /* offset in symbols_entries */
    uint16_t name;    /* offset in symbols_strings */
} symbols_blocks[];
extern const uint8_t symbols_entries[];
extern const char symbols_strings[];
extern const uint8_t symbols_pairs[256][2];

#endif /* XEN_SYMBOLS_H */

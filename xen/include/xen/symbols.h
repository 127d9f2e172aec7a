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
 * (the arm64 Image has a size budget): the link-time address of entry i is
 * symbols_base + symbols_block_offs[i / SYMBOLS_NAME_STEP] + symbols_offs[i],
 * or, where symbols_offs[i] reads SYMBOLS_FAR, symbols_base + the offset
 * symbols_far gives for i; symbols_sizes[i] holds the size in bits
 * 0-14 and SYMBOLS_GLOBAL for a global symbol; a size of SYMBOLS_BIG or
 * more reads SYMBOLS_BIG there and is found in symbols_big (by index). The names follow one
 * another, NUL-terminated, in symbols_strings; name i starts
 * symbols_name_offs[i / SYMBOLS_NAME_STEP] bytes in, plus the names of the
 * entries between (one offset every 16 names). A byte 0x80 + k of a name stands
 * for the string at symbols_tokens + symbols_token_offs[k] (a frequent word
 * such as "livepatch_"; scripts/gen-symbols.sh chooses them).
 */
#define SYMBOLS_GLOBAL 0x8000U
#define SYMBOLS_BIG 0x7fffU
#define SYMBOLS_FAR 0xffffU
#define SYMBOLS_TOKEN 0x80U
#define SYMBOLS_NAME_STEP 16U /* = the step in scripts/gen-symbols.sh */
extern const uint64_t symbols_base;
extern const uint32_t symbols_count;
extern const uint32_t symbols_block_offs[];
extern const uint16_t symbols_offs[];
extern const uint32_t symbols_nr_far;
extern const struct symbols_far {
    uint32_t index, offset;
} symbols_far[];
extern const uint16_t symbols_sizes[];
extern const uint32_t symbols_nr_big;
extern const struct symbols_big {
    uint32_t index, size;
} symbols_big[];
extern const uint16_t symbols_name_offs[];
extern const char symbols_strings[];
extern const uint16_t symbols_token_offs[];
extern const char symbols_tokens[];

#endif /* XEN_SYMBOLS_H */

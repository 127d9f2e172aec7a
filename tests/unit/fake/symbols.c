/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake arch's stand-in for the generated symbol table. It does not
 * include <xen/symbols.h>: there the table is const, here it is filled at
 * start-up, because function addresses are only known at run time.
 */
#include <stdint.h>
#include <string.h>

#include <xen/version.h>

#include "fake.h"

int symbols_lookup_by_name(const char *name, uint64_t *addr);
int fake_nop_target(void);

/*
 * The "hypervisor" symbol table (<xen/symbols.h>) payloads resolve against:
 * real functions of xen/common, by their real addresses, so the load bias
 * works out as 0. Sorted by address at start-up (fake_symbols_init).
 */
#define FAKE_NSYMS 6
static const struct {
    const char *name;
    const void *addr;
} fake_syms[FAKE_NSYMS] = {
    {"xen_extra_version", (const void *)xen_extra_version},
    {"xen_changeset", (const void *)xen_changeset},
    {"xen_major_version", (const void *)xen_major_version},
    {"symbols_lookup_by_name", (const void *)symbols_lookup_by_name},
    {"fake_lp_counter", (const void *)&fake_lp_counter},
    {"fake_nop_target", (const void *)fake_nop_target},
};
uint64_t fake_lp_counter;
const uint32_t symbols_count = FAKE_NSYMS;
uint64_t symbols_base;
uint32_t symbols_block_offs[1];
uint16_t symbols_offs[FAKE_NSYMS];
/* Host code and data lie further apart than 16 bits: what is 64 KiB past the first entry is far. */
uint32_t symbols_nr_far;
struct {
    uint32_t index, offset;
} symbols_far[FAKE_NSYMS];
uint16_t symbols_sizes[FAKE_NSYMS];
/* fake_lp_counter's size, as the generated table holds sizes from 0x7fff up. */
const uint32_t symbols_nr_big = 1;
struct {
    uint32_t index, size;
} symbols_big[1];
uint16_t symbols_name_offs[FAKE_NSYMS];
char symbols_strings[256];
/* One token, as scripts/gen-symbols.sh makes them: byte 0x80 stands for "xen_". */
const uint16_t symbols_token_offs[] = {0};
const char symbols_tokens[] = "xen_";

void fake_symbols_init(void)
{
    unsigned int order[FAKE_NSYMS], i, j, off = 0;
    uint32_t off32;

    for (i = 0; i < FAKE_NSYMS; i++)
        order[i] = i;
    for (i = 1; i < FAKE_NSYMS; i++)
        for (j = i; j > 0 && fake_syms[order[j]].addr < fake_syms[order[j - 1]].addr; j--) {
            unsigned int t = order[j];

            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (i = 0; i < FAKE_NSYMS; i++) {
        const char *name = fake_syms[order[i]].name;

        /* Host code and data lie within one executable, well within 4 GiB. */
        if (!i)
            symbols_base = (uint64_t)(uintptr_t)fake_syms[order[0]].addr;
        off32 = (uint32_t)((uint64_t)(uintptr_t)fake_syms[order[i]].addr - symbols_base);
        if (off32 < 0xffff) {
            symbols_offs[i] = (uint16_t)off32; /* from block 0's start, symbols_base */
        } else {
            symbols_offs[i] = 0xffff; /* SYMBOLS_FAR */
            symbols_far[symbols_nr_far].index = i;
            symbols_far[symbols_nr_far++].offset = off32;
        }
        symbols_sizes[i] = 5 | 0x8000U; /* enough for a jmp rel32; global */
        if (fake_syms[order[i]].addr == (const void *)&fake_lp_counter) {
            symbols_sizes[i] = 0x7fff | 0x8000U; /* SYMBOLS_BIG */
            symbols_big[0].index = i;
            symbols_big[0].size = 0x10000;
        }
        if (i % 16 == 0) /* SYMBOLS_NAME_STEP */
            symbols_name_offs[i / 16] = (uint16_t)off;
        if (!strncmp(name, "xen_", 4)) {
            symbols_strings[off++] = (char)0x80;
            name += 4;
        }
        strcpy(symbols_strings + off, name);
        off += (unsigned int)strlen(name) + 1;
    }
}


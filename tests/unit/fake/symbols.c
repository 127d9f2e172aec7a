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
#define FAKE_NSYMS 7
static const struct {
    const char *name;
    const void *addr;
} fake_syms[FAKE_NSYMS] = {
    /* Inside fake_lp_counter's 64 KiB: stored as a negative distance. */
    {"fake_lp_inner", (const char *)&fake_lp_counter + 8},
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
/* One block (SYMBOLS_STEP is 128): its first entry is at symbols_base. */
struct {
    uint32_t addr;
    uint16_t entries, name;
} symbols_blocks[1];
/* Host code and data lie further apart than two LEB128 bytes say: room for 10 each. */
uint8_t symbols_entries[FAKE_NSYMS * 20];
char symbols_strings[256];
/* Pair codes, as scripts/gen-symbols.sh makes them: 0x82 stands for "xen_", nested three deep. */
const uint8_t symbols_pairs[256][2] = {
    [0x80] = {'x', 'e'},
    [0x81] = {0x80, 'n'},
    [0x82] = {0x81, '_'},
};

/* v as LEB128 at symbols_entries[*at], as scripts/gen-symbols.sh writes it. */
static void put_leb128(unsigned int *at, int64_t v, int is_signed)
{
    int more;

    do {
        uint8_t b = (uint8_t)(v & 0x7f);

        v = is_signed ? v >> 7 : (int64_t)((uint64_t)v >> 7);
        more = is_signed ? !((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40))) : v != 0;
        symbols_entries[(*at)++] = (uint8_t)(b | (more ? 0x80 : 0));
    } while (more);
}

void fake_symbols_init(void)
{
    unsigned int order[FAKE_NSYMS], i, j, off = 0, at = 0;
    uint64_t addr, end = 0, size;

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

        addr = (uint64_t)(uintptr_t)fake_syms[order[i]].addr;
        if (!i)
            symbols_base = addr;
        size = 5; /* enough for a jmp rel32 */
        if (fake_syms[order[i]].addr == (const void *)&fake_lp_counter)
            size = 0x10000; /* three bytes of LEB128 */
        if (!strcmp(name, "fake_lp_inner"))
            size = 4;
        /*
         * Global; the distance from the end of the entry before follows when
         * it is not 0 (large between code and data).
         */
        if (size % 4) /* in bytes */
            put_leb128(&at, (int64_t)(size * 8 + 2 + (i && addr != end)), 0);
        else /* in 4-byte words */
            put_leb128(&at, (int64_t)(size / 4 * 8 + 4 + 2 + (i && addr != end)), 0);
        if (i && addr != end)
            put_leb128(&at, (int64_t)(addr - end), 1);
        end = addr + size;
        if (!strncmp(name, "xen_", 4)) {
            symbols_strings[off++] = (char)0x82;
            name += 4;
        }
        strcpy(symbols_strings + off, name);
        off += (unsigned int)strlen(name) + 1;
    }
}

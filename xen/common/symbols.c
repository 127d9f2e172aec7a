/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lookups in the hypervisor's symbol table (<xen/symbols.h>). The table
 * holds link-time addresses; the difference between where this very
 * function runs and where the table says it was linked is the distance the
 * image was moved, added to every answer.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/symbols.h>

static const char *sym_name(uint32_t i)
{
    const char *p = symbols_strings + symbols_name_offs[i / SYMBOLS_NAME_STEP];

    for (i %= SYMBOLS_NAME_STEP; i; i--)
        p += strlen(p) + 1;
    return p;
}

static uint64_t sym_addr(uint32_t i)
{
    uint32_t k;

    if (symbols_offs[i] != SYMBOLS_FAR)
        return symbols_base + symbols_block_offs[i / SYMBOLS_NAME_STEP] + symbols_offs[i];
    for (k = 0; k < symbols_nr_far; k++)
        if (symbols_far[k].index == i)
            return symbols_base + symbols_far[k].offset;
    return symbols_base; /* not reached: the generator lists every far entry */
}

static uint64_t sym_size(uint32_t i)
{
    uint32_t size = symbols_sizes[i] & ~SYMBOLS_GLOBAL, k;

    for (k = 0; size == SYMBOLS_BIG && k < symbols_nr_big; k++)
        if (symbols_big[k].index == i)
            return symbols_big[k].size;
    return size;
}

static const char *token(unsigned char c)
{
    return symbols_tokens + symbols_token_offs[c - SYMBOLS_TOKEN];
}

/* Whether entry i is called name, compared without expanding its tokens. */
static bool name_is(uint32_t i, const char *name)
{
    const unsigned char *p;
    size_t n;

    for (p = (const unsigned char *)sym_name(i); *p; p++) {
        if (*p < SYMBOLS_TOKEN) {
            if (*name++ != (char)*p)
                return false;
            continue;
        }
        n = strlen(token(*p));
        if (strncmp(name, token(*p), n) != 0)
            return false;
        name += n;
    }
    return !*name;
}

/* Entry i's name, expanded into buf[len] (cut short if need be). */
static void name_copy(uint32_t i, char *buf, size_t len)
{
    const unsigned char *p;
    const char *t;
    char one[2] = {0, 0};
    size_t at = 0;

    if (!len)
        return;
    for (p = (const unsigned char *)sym_name(i); *p; p++) {
        one[0] = (char)*p;
        for (t = *p < SYMBOLS_TOKEN ? one : token(*p); *t && at + 1 < len; t++)
            buf[at++] = *t;
    }
    buf[at] = 0;
}

/* Index of name: a global if there is one, else the first local; -1 if none. */
static int64_t find_name(const char *name)
{
    int64_t local = -1;
    uint32_t i;

    for (i = 0; i < symbols_count; i++) {
        if (!name_is(i, name))
            continue;
        if (symbols_sizes[i] & SYMBOLS_GLOBAL)
            return (int64_t)i;
        if (local < 0)
            local = (int64_t)i;
    }
    return local;
}

/* Found once: the image does not move after it relocated itself. */
static uint64_t load_bias(void)
{
    static uint64_t bias;
    static bool known;
    int64_t i;

    if (!known) {
        i = find_name("symbols_lookup_by_name");
        bias = i < 0 ? 0 : (uint64_t)(uintptr_t)symbols_lookup_by_name - sym_addr((uint32_t)i);
        known = true;
    }
    return bias;
}

int symbols_lookup_by_name(const char *name, uint64_t *addr)
{
    int64_t i = find_name(name);

    if (i < 0)
        return -ENOENT;
    *addr = sym_addr((uint32_t)i) + load_bias();
    return 0;
}

int symbols_lookup(uint64_t addr, char *name, size_t len, uint64_t *offset, uint64_t *size)
{
    uint64_t link = addr - load_bias();
    uint32_t lo = 0, hi = symbols_count, best;

    /* Last entry with an address <= link (the table is sorted by address). */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;

        if (sym_addr(mid) <= link)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return -ENOENT;
    best = lo - 1;
    /* Of several symbols at one address, prefer one that has a size covering addr. */
    while (best > 0 && sym_addr(best - 1) == sym_addr(best) &&
           !(sym_size(best) && link - sym_addr(best) < sym_size(best)))
        best--;
    if (sym_size(best) && link - sym_addr(best) >= sym_size(best))
        return -ENOENT; /* past the end of the symbol below: in no symbol */
    name_copy(best, name, len);
    *offset = link - sym_addr(best);
    *size = sym_size(best);
    return 0;
}

const char *symbols_format(char *buf, size_t len, uint64_t addr)
{
    char name[64];
    uint64_t off, size;

    if (symbols_lookup(addr, name, sizeof(name), &off, &size))
        ksnprintf(buf, len, "0x%lx", (unsigned long)addr);
    else
        ksnprintf(buf, len, "%s+0x%lx/0x%lx", name, (unsigned long)off, (unsigned long)size);
    return buf;
}

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
    const char *p = symbols_strings + symbols_blocks[i / SYMBOLS_STEP].name;

    for (i %= SYMBOLS_STEP; i; i--)
        p += strlen(p) + 1;
    return p;
}

/* One LEB128 number at *p (signed: sign-extended from its last byte's bit 6). */
static uint64_t leb128(const uint8_t **p, bool is_signed)
{
    uint64_t v = 0;
    unsigned int shift = 0;
    uint8_t b;

    do {
        b = *(*p)++;
        v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
    } while ((b & 0x80) && shift < 64);
    if (is_signed && (b & 0x40) && shift < 64)
        v |= ~(uint64_t)0 << shift;
    return v;
}

struct sym {
    uint64_t addr, size; /* link-time address */
    bool global;
};

/* Entry i, decoded from the start of its block (at most SYMBOLS_STEP entries). */
static struct sym sym_get(uint32_t i)
{
    const struct symbols_block *b = &symbols_blocks[i / SYMBOLS_STEP];
    const uint8_t *p = symbols_entries + b->entries;
    struct sym s = {.addr = symbols_base + b->addr};
    uint64_t v;
    uint32_t k;

    for (k = 0;; k++) {
        if (k)
            s.addr += s.size; /* where the entry before ends */
        v = leb128(&p, false);
        if (v & 1)
            s.addr += leb128(&p, true);       /* wraps for a negative distance */
        s.size = (v >> 3) << (v & 4 ? 2 : 0); /* in words if bit 2 says so */
        s.global = v & 2;
        if (k == i % SYMBOLS_STEP)
            return s;
    }
}

/* A stored name read back byte by byte, its pair codes expanded. */
struct name_reader {
    const uint8_t *p;
    uint8_t stack[SYMBOLS_DEPTH]; /* bytes still to expand, the next on top */
    unsigned int n;
};

static struct name_reader name_start(const char *stored)
{
    struct name_reader r = {.p = (const uint8_t *)stored};

    return r;
}

/* The next character of the name, 0 at its end. */
static char name_next(struct name_reader *r)
{
    uint8_t c;

    if (r->n)
        c = r->stack[--r->n];
    else if ((c = *r->p))
        r->p++; /* never past the NUL */
    /* A pair: its right byte waits, its left one is expanded first. */
    while (symbols_pairs[c][0] && r->n < SYMBOLS_DEPTH) {
        r->stack[r->n++] = symbols_pairs[c][1];
        c = symbols_pairs[c][0];
    }
    return (char)c;
}

/* Whether the stored name is name. */
static bool name_is(const char *stored, const char *name)
{
    struct name_reader r = name_start(stored);
    char c;

    do {
        c = name_next(&r);
        if (c != *name++)
            return false;
    } while (c);
    return true;
}

/* Entry i's name, expanded into buf[len] (cut short if need be). */
static void name_copy(uint32_t i, char *buf, size_t len)
{
    struct name_reader r = name_start(sym_name(i));
    size_t at = 0;
    char c;

    if (!len)
        return;
    while (at + 1 < len && (c = name_next(&r)))
        buf[at++] = c;
    buf[at] = 0;
}

/* Index of name: a global if there is one, else the first local; -1 if none. */
static int64_t find_name(const char *name)
{
    int64_t local = -1;
    const char *stored = symbols_strings;
    uint32_t i;

    /* The names in order, one after the other: none decoded from its block's start. */
    for (i = 0; i < symbols_count; i++, stored += strlen(stored) + 1) {
        if (!name_is(stored, name))
            continue;
        if (sym_get(i).global)
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
        bias = i < 0 ? 0 : (uint64_t)(uintptr_t)symbols_lookup_by_name - sym_get((uint32_t)i).addr;
        known = true;
    }
    return bias;
}

int symbols_lookup_by_name(const char *name, uint64_t *addr)
{
    int64_t i = find_name(name);

    if (i < 0)
        return -ENOENT;
    *addr = sym_get((uint32_t)i).addr + load_bias();
    return 0;
}

int symbols_lookup(uint64_t addr, char *name, size_t len, uint64_t *offset, uint64_t *size)
{
    uint64_t link = addr - load_bias();
    uint32_t lo = 0, hi = symbols_count, best;
    struct sym s, below;

    /* Last entry with an address <= link (the table is sorted by address). */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;

        if (sym_get(mid).addr <= link)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return -ENOENT;
    best = lo - 1;
    s = sym_get(best);
    /* Of several symbols at one address, prefer one that has a size covering addr. */
    while (best > 0 && !(s.size && link - s.addr < s.size)) {
        below = sym_get(best - 1);
        if (below.addr != s.addr)
            break;
        best--;
        s = below;
    }
    if (s.size && link - s.addr >= s.size)
        return -ENOENT; /* past the end of the symbol below: in no symbol */
    name_copy(best, name, len);
    *offset = link - s.addr;
    *size = s.size;
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

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff.c - ABI differences and their classification.
 *
 * Items are paired by name within C's namespaces (constants, tags,
 * typedefs), target by target; unpaired constants or records that match an
 * unpaired one on the other side by value or layout in the same file are a
 * rename. Identical changes seen on several targets become one change.
 */
#include "diff.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const class_names[CH_NCLASSES] = {
    [CH_ADDED] = "added",
    [CH_REMOVED] = "removed",
    [CH_RENAMED] = "renamed",
    [CH_VALUE] = "value_changed",
    [CH_SENTINEL] = "sentinel_changed",
    [CH_KIND] = "kind_changed",
    [CH_SIZE] = "size_changed",
    [CH_ALIGN] = "alignment_changed",
    [CH_TYPE] = "type_changed",
    [CH_TYPE_SPELLING] = "type_spelling_changed",
    [CH_MEMBER_ADDED] = "member_added",
    [CH_UNION_MEMBER_ADDED] = "union_member_added",
    [CH_MEMBER_REMOVED] = "member_removed",
    [CH_MEMBER_RENAMED] = "member_renamed",
    [CH_MEMBER_OFFSET] = "member_offset_changed",
    [CH_MEMBER_TYPE] = "member_type_changed",
    [CH_MEMBER_TYPE_SPELLING] = "member_type_spelling_changed",
    [CH_DEPRECATED] = "deprecated",
    [CH_TAGS] = "tags_changed",
    [CH_NOT_COMPARED] = "not_compared",
};

static const enum severity class_severity[CH_NCLASSES] = {
    [CH_ADDED] = SEV_COMPATIBLE,
    [CH_REMOVED] = SEV_INCOMPATIBLE,
    [CH_RENAMED] = SEV_COMPATIBLE,
    [CH_VALUE] = SEV_INCOMPATIBLE,
    [CH_SENTINEL] = SEV_COMPATIBLE,
    [CH_KIND] = SEV_INCOMPATIBLE,
    [CH_SIZE] = SEV_INCOMPATIBLE,
    [CH_ALIGN] = SEV_INCOMPATIBLE,
    [CH_TYPE] = SEV_INCOMPATIBLE,
    [CH_TYPE_SPELLING] = SEV_COMPATIBLE,
    [CH_MEMBER_ADDED] = SEV_INCOMPATIBLE,
    [CH_UNION_MEMBER_ADDED] = SEV_COMPATIBLE,
    [CH_MEMBER_REMOVED] = SEV_INCOMPATIBLE,
    [CH_MEMBER_RENAMED] = SEV_COMPATIBLE,
    [CH_MEMBER_OFFSET] = SEV_INCOMPATIBLE,
    [CH_MEMBER_TYPE] = SEV_INCOMPATIBLE,
    [CH_MEMBER_TYPE_SPELLING] = SEV_COMPATIBLE,
    [CH_DEPRECATED] = SEV_COMPATIBLE,
    [CH_TAGS] = SEV_INFO,
    [CH_NOT_COMPARED] = SEV_INFO,
};

const char *change_class_name(enum change_class c)
{
    return class_names[c];
}

const char *severity_name(enum severity s)
{
    static const char *const names[] = {"info", "compatible", "incompatible"};

    return names[s];
}

int is_sentinel_name(const char *name)
{
    return ends_with(name, "_MAX") || ends_with(name, "_COUNT") || starts_with(name, "NR_") ||
           strstr(name, "_NR_") != NULL;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    /* FNV-1a; the terminating NUL too, so that ("ab", "c") is not ("a", "bc"). */
    do
        h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
    while (*s++);
    return h;
}

static uint64_t change_hash(enum change_class cls, enum item_kind kind, const char *name,
                            const char *detail, const char *member, const char *old_name)
{
    uint64_t h = 0xcbf29ce484222325ull;

    h = (h ^ (uint64_t)cls) * 0x100000001b3ull;
    h = (h ^ (uint64_t)kind) * 0x100000001b3ull;
    h = hash_str(h, name);
    h = hash_str(h, detail);
    h = hash_str(h, member ? member : "");
    return hash_str(h, old_name ? old_name : "");
}

static void index_insert(struct diff *d, uint64_t h, size_t i)
{
    size_t mask = d->nindex - 1, k = (size_t)h & mask;

    while (d->index[k])
        k = (k + 1) & mask;
    d->index[k] = i + 1;
}

/* Kept at most half full; rebuilt from v when it grows. */
static void index_grow(struct diff *d)
{
    if (2 * (d->n + 1) <= d->nindex)
        return;
    free(d->index);
    d->nindex = d->nindex ? d->nindex * 2 : 64;
    while (2 * (d->n + 1) > d->nindex)
        d->nindex *= 2;
    d->index = xcalloc(d->nindex, sizeof(*d->index));
    for (size_t i = 0; i < d->n; i++) {
        const struct change *c = &d->v[i];

        index_insert(d, change_hash(c->cls, c->kind, c->name, c->detail, c->member, c->old_name),
                     i);
    }
}

/* Adds a change for one target, merging it into an identical one already seen. */
static void add_change(struct diff *d, enum change_class cls, const struct abi_item *old_it,
                       const struct abi_item *new_it, const char *member, char *detail,
                       unsigned target)
{
    const struct abi_item *at = new_it ? new_it : old_it;
    const char *name;
    const char *old_name = (old_it && new_it && strcmp(old_it->name, new_it->name))
                               ? old_it->name
                               : NULL;
    struct change *c;
    uint64_t h;

    if (!at) /* every caller names at least one side */
        return;
    name = at->name;
    index_grow(d);
    h = change_hash(cls, at->kind, name, detail, member, old_name);
    for (size_t k = (size_t)h & (d->nindex - 1); d->index[k]; k = (k + 1) & (d->nindex - 1)) {
        c = &d->v[d->index[k] - 1];
        if (c->cls == cls && c->kind == at->kind && !strcmp(c->name, name) &&
            !strcmp(c->detail, detail) && !strcmp(c->member ? c->member : "", member ? member : "") &&
            !strcmp(c->old_name ? c->old_name : "", old_name ? old_name : "")) {
            c->targets |= 1u << target;
            free(detail);
            return;
        }
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
    }
    c = &d->v[d->n++];
    memset(c, 0, sizeof(*c));
    c->cls = cls;
    c->sev = class_severity[cls];
    c->kind = at->kind;
    c->name = xstrdup(name);
    c->old_name = dup_or_null(old_name);
    c->member = dup_or_null(member);
    c->file = xstrdup(at->file ? at->file : "");
    c->line = at->line;
    c->detail = detail;
    c->targets = 1u << target;
    index_insert(d, h, d->n - 1);
}

static char *value_text(const struct abi_item *it)
{
    char buf[64];

    abi_value_format(it, buf, sizeof(buf));
    return xstrdup(buf);
}

static char *offset_text(uint64_t bits)
{
    if (bits % 8)
        return xasprintf("%" PRIu64 " bits", bits);
    return xasprintf("%" PRIu64, bits / 8);
}

static const struct abi_member *find_member(const struct abi_item *it, const char *name)
{
    for (size_t i = 0; i < it->nmembers; i++)
        if (!strcmp(it->members[i].name, name))
            return &it->members[i];
    return NULL;
}

/* The named member m is inside ("u" for "u.x"), or NULL at the item's top level. */
static const struct abi_member *parent_member(const struct abi_item *it, const char *name)
{
    const char *dot = strrchr(name, '.');
    const struct abi_member *p;
    char *parent;

    if (!dot)
        return NULL;
    parent = xstrndup(name, (size_t)(dot - name));
    p = find_member(it, parent);
    free(parent);
    return p;
}

static long member_index(const struct abi_item *it, const struct abi_member *m)
{
    return m ? (long)(m - it->members) : -1;
}

/* The offset as the header declares it: within the member's own parent. */
static uint64_t rel_offset(const struct abi_item *it, const struct abi_member *m)
{
    const struct abi_member *p = parent_member(it, m->name);

    return p ? m->offset_bits - p->offset_bits : m->offset_bits;
}

static const char *last_name(const char *path)
{
    const char *dot = strrchr(path, '.');

    return dot ? dot + 1 : path;
}

/* "uint32_t c at offset 4 in n (12 in po), 4 bytes" */
static char *member_text(const struct abi_item *it, const struct abi_member *m)
{
    const struct abi_member *p = parent_member(it, m->name);
    char *rel = offset_text(rel_offset(it, m)), *abs = offset_text(m->offset_bits);
    char *where = p ? xasprintf("%s in %s (%s in %s)", rel, last_name(p->name), abs, it->name)
                    : xstrdup(rel);
    char *s = m->bit_width >= 0
                  ? xasprintf("%s %s at offset %s, %d-bit field", m->type, last_name(m->name),
                              where, m->bit_width)
                  : xasprintf("%s %s at offset %s, %" PRIu64 " bytes", m->type,
                              last_name(m->name), where, m->size);

    free(rel);
    free(abs);
    free(where);
    return s;
}

/* "offset 4 -> 8", and for a nested member "offset 4 -> 8 in n (8 -> 16 in po)". */
static char *offset_change_text(const struct abi_item *o, const struct abi_member *om,
                                const struct abi_item *n, const struct abi_member *nm)
{
    const struct abi_member *p = parent_member(n, nm->name);
    char *a = offset_text(rel_offset(o, om)), *b = offset_text(rel_offset(n, nm)), *s;

    if (p) {
        char *aa = offset_text(om->offset_bits), *ab = offset_text(nm->offset_bits);

        s = xasprintf("offset %s -> %s in %s (%s -> %s in %s)", a, b, last_name(p->name), aa, ab,
                      n->name);
        free(aa);
        free(ab);
    } else {
        s = xasprintf("offset %s -> %s", a, b);
    }
    free(a);
    free(b);
    return s;
}

static int member_same_layout(const struct abi_member *a, const struct abi_member *b)
{
    return a->offset_bits == b->offset_bits && a->size == b->size &&
           a->bit_width == b->bit_width && !strcmp(a->canonical, b->canonical);
}

static int is_union_type(const char *canonical)
{
    return starts_with(canonical, "union ");
}

static int is_record_type(const char *canonical)
{
    return starts_with(canonical, "struct ") || starts_with(canonical, "union ");
}

/*
 * A member added to a union (Xen's "union { ...; uint8_t pad[128]; } u")
 * that keeps the union's size and place, in an item that keeps its size:
 * old guests never use the new alternative and copy the same bytes.
 */
static int new_union_alternative(const struct abi_item *o, const struct abi_item *n,
                                 const char *name)
{
    const char *dot = strrchr(name, '.');
    const struct abi_member *po, *pn;
    char *parent;
    int ok;

    if (o->size != n->size)
        return 0;
    if (!dot)
        return n->kind == ITEM_UNION && o->kind == ITEM_UNION;
    parent = xstrndup(name, (size_t)(dot - name));
    po = find_member(o, parent);
    pn = find_member(n, parent);
    ok = po && pn && is_union_type(pn->canonical) && is_union_type(po->canonical) &&
         po->size == pn->size && po->offset_bits == pn->offset_bits;
    free(parent);
    return ok;
}

/*
 * Member states while two versions of an item are compared. A member that is
 * itself added, removed, renamed or changed in type is reported once: what
 * is inside it is the same change (MS_REPORTED hides its children).
 */
enum member_state { MS_OPEN, MS_PAIRED, MS_REPORTED, MS_HIDDEN };

struct member_pairing {
    const struct abi_item *o, *n;
    unsigned char *os, *ns; /* enum member_state per member */
    long *pair;             /* old member -> new member, -1 */
};

/* Its parent was reported, or is hidden: the member is part of that change. */
static int under_reported(const struct abi_item *it, const unsigned char *st,
                          const struct abi_member *m)
{
    long p = member_index(it, parent_member(it, m->name));

    return p >= 0 && (st[p] == MS_REPORTED || st[p] == MS_HIDDEN);
}

/*
 * The new member in the exact place of a vanished old one, under the parent
 * the old one's parent became: a rename. With want_same_type, the type must
 * be the same; otherwise both must be records (a union that became a
 * struct), and the pairing must be the only one possible either way.
 */
static long rename_candidate(const struct member_pairing *mp, size_t oi, int want_same_type)
{
    const struct abi_member *om = &mp->o->members[oi];
    long op = member_index(mp->o, parent_member(mp->o, om->name));
    long np_want = op >= 0 ? mp->pair[op] : -1, found = -1;
    size_t hits = 0;

    if (op >= 0 && np_want < 0)
        return -1;
    for (size_t k = 0; k < mp->n->nmembers; k++) {
        const struct abi_member *cand = &mp->n->members[k];

        if (mp->ns[k] != MS_OPEN || find_member(mp->o, cand->name) ||
            member_index(mp->n, parent_member(mp->n, cand->name)) != np_want ||
            rel_offset(mp->o, om) != rel_offset(mp->n, cand) || om->size != cand->size ||
            om->bit_width != cand->bit_width)
            continue;
        if (want_same_type ? strcmp(om->canonical, cand->canonical) != 0
                           : !is_record_type(om->canonical) || !is_record_type(cand->canonical))
            continue;
        found = (long)k;
        hits++;
    }
    if (hits != 1 || want_same_type)
        return hits == 1 ? found : -1;
    /* A type change too: only when no other vanished member sits in that place. */
    for (size_t j = 0; j < mp->o->nmembers; j++) {
        const struct abi_member *other = &mp->o->members[j];

        if (j != oi && mp->os[j] == MS_OPEN && !find_member(mp->n, other->name) &&
            member_index(mp->o, parent_member(mp->o, other->name)) == op &&
            rel_offset(mp->o, other) == rel_offset(mp->o, om) && other->size == om->size)
            return -1;
    }
    return found;
}

static void diff_members(struct diff *d, const struct abi_item *o, const struct abi_item *n,
                         unsigned t)
{
    struct member_pairing mp = {o, n, xcalloc(o->nmembers + 1, 1), xcalloc(n->nmembers + 1, 1),
                                xcalloc(o->nmembers + 1, sizeof(long))};

    for (size_t i = 0; i < o->nmembers; i++)
        mp.pair[i] = -1;
    /* Parents come before their children in the member list. */
    for (size_t i = 0; i < o->nmembers; i++) {
        const struct abi_member *om = &o->members[i], *nm = find_member(n, om->name);
        long k = member_index(n, nm);

        if (under_reported(o, mp.os, om)) {
            mp.os[i] = MS_HIDDEN;
            if (k >= 0)
                mp.ns[k] = MS_HIDDEN;
            continue;
        }
        if (!nm) {
            int retyped = 0;

            k = rename_candidate(&mp, i, 1);
            if (k < 0) {
                k = rename_candidate(&mp, i, 0);
                retyped = k >= 0;
            }
            mp.os[i] = MS_REPORTED;
            if (k < 0) {
                add_change(d, CH_MEMBER_REMOVED, o, n, om->name, member_text(o, om), t);
                continue;
            }
            nm = &n->members[k];
            mp.ns[k] = MS_REPORTED;
            mp.pair[i] = k;
            add_change(d, CH_MEMBER_RENAMED, o, n, nm->name,
                       xasprintf("%s -> %s", last_name(om->name), last_name(nm->name)), t);
            if (retyped)
                add_change(d, CH_MEMBER_TYPE, o, n, nm->name,
                           xasprintf("%s (%" PRIu64 " bytes) -> %s (%" PRIu64 " bytes)",
                                     om->type, om->size, nm->type, nm->size),
                           t);
            continue;
        }
        mp.pair[i] = k;
        mp.os[i] = mp.ns[k] = MS_PAIRED;
        if (rel_offset(o, om) != rel_offset(n, nm))
            add_change(d, CH_MEMBER_OFFSET, o, n, om->name, offset_change_text(o, om, n, nm), t);
        if (strcmp(nm->canonical, om->canonical) || nm->bit_width != om->bit_width) {
            add_change(d, CH_MEMBER_TYPE, o, n, om->name,
                       xasprintf("%s (%" PRIu64 " bytes) -> %s (%" PRIu64 " bytes)", om->type,
                                 om->size, nm->type, nm->size),
                       t);
            mp.os[i] = mp.ns[k] = MS_REPORTED;
        } else if (strcmp(nm->type, om->type)) {
            add_change(d, CH_MEMBER_TYPE_SPELLING, o, n, om->name,
                       xasprintf("%s -> %s", om->type, nm->type), t);
        }
        /*
         * The same type with another size: a named type that changed, reported
         * where it is declared (and here through the size and offsets it
         * moves), or an anonymous record whose members say what changed.
         */
    }
    for (size_t k = 0; k < n->nmembers; k++) {
        const struct abi_member *nm = &n->members[k];

        if (mp.ns[k] != MS_OPEN)
            continue;
        if (under_reported(n, mp.ns, nm)) {
            mp.ns[k] = MS_HIDDEN;
            continue;
        }
        mp.ns[k] = MS_REPORTED;
        add_change(d, new_union_alternative(o, n, nm->name) ? CH_UNION_MEMBER_ADDED
                                                            : CH_MEMBER_ADDED,
                   o, n, nm->name, member_text(n, nm), t);
    }
    free(mp.os);
    free(mp.ns);
    free(mp.pair);
}

static void diff_tags(struct diff *d, const struct abi_item *o, const struct abi_item *n,
                      unsigned t)
{
    const struct abi_tags *a = &o->tags, *b = &n->tags;

    if (!a->deprecated[0] && b->deprecated[0]) {
        add_change(d, CH_DEPRECATED, o, n, NULL,
                   b->replacement[0]
                       ? xasprintf("deprecated in %s, replacement %s", b->deprecated,
                                   b->replacement)
                       : xasprintf("deprecated in %s", b->deprecated),
                   t);
        return;
    }
    if (strcmp(a->since, b->since) || strcmp(a->deprecated, b->deprecated) ||
        strcmp(a->removed, b->removed) || strcmp(a->replacement, b->replacement))
        add_change(d, CH_TAGS, o, n, NULL,
                   xasprintf("since=%s deprecated=%s removed=%s replacement=%s -> since=%s "
                             "deprecated=%s removed=%s replacement=%s",
                             a->since, a->deprecated, a->removed, a->replacement, b->since,
                             b->deprecated, b->removed, b->replacement),
                   t);
}

static void diff_item(struct diff *d, const struct abi_item *o, const struct abi_item *n,
                      unsigned t)
{
    if (o->kind != n->kind) {
        /* A macro that became an enumerator of the same value changes nothing for guests. */
        int same_const = item_is_constant(o) && item_is_constant(n) && abi_value_equal(o, n);

        add_change(d, same_const ? CH_TAGS : CH_KIND, o, n, NULL,
                   xasprintf("%s -> %s", item_kind_name(o->kind), item_kind_name(n->kind)), t);
        if (!same_const && !item_is_constant(o))
            return;
    }
    if (item_is_constant(o)) {
        if (!abi_value_equal(o, n)) {
            char *a = value_text(o), *b = value_text(n);

            add_change(d, is_sentinel_name(n->name) ? CH_SENTINEL : CH_VALUE, o, n, NULL,
                       xasprintf("%s -> %s", a, b), t);
            free(a);
            free(b);
        }
        diff_tags(d, o, n, t);
        return;
    }
    /*
     * A typedef that still names the same type, grown or shrunk with it: the
     * change is the named type's, reported where that type is declared.
     */
    int cascade = o->kind == ITEM_TYPEDEF && !o->nmembers && !n->nmembers && o->canonical &&
                  n->canonical && !strcmp(o->canonical, n->canonical);

    if (o->size != n->size && !cascade)
        add_change(d, CH_SIZE, o, n, NULL,
                   xasprintf("size %" PRId64 " -> %" PRId64, o->size, n->size), t);
    if (o->align != n->align && !cascade)
        add_change(d, CH_ALIGN, o, n, NULL,
                   xasprintf("alignment %" PRId64 " -> %" PRId64, o->align, n->align), t);
    if (o->kind == ITEM_TYPEDEF || o->kind == ITEM_ENUM) {
        const char *oc = o->canonical ? o->canonical : "", *nc = n->canonical ? n->canonical : "";
        const char *ot = o->type ? o->type : oc, *nt = n->type ? n->type : nc;

        if (strcmp(oc, nc))
            add_change(d, CH_TYPE, o, n, NULL, xasprintf("%s -> %s", ot, nt), t);
        else if (strcmp(ot, nt))
            add_change(d, CH_TYPE_SPELLING, o, n, NULL, xasprintf("%s -> %s", ot, nt), t);
    }
    diff_members(d, o, n, t);
    diff_tags(d, o, n, t);
}

static char *size_text(int64_t size)
{
    return size < 0 ? xstrdup("incomplete") : xasprintf("size %" PRId64, size);
}

/* What an added, removed or renamed item is: "7", "size 8", "uint16_t, size 2". */
static char *item_text(const struct abi_item *it)
{
    char *sz, *s;

    if (item_is_constant(it))
        return value_text(it);
    if (it->kind == ITEM_HEADER)
        return xstrdup("");
    sz = size_text(it->size);
    if (it->kind != ITEM_TYPEDEF || !it->type)
        return sz;
    s = xasprintf("%s, %s", it->type, sz);
    free(sz);
    return s;
}

static int same_layout(const struct abi_item *a, const struct abi_item *b)
{
    if (a->kind != b->kind || a->size != b->size || a->align != b->align ||
        a->nmembers != b->nmembers || !a->nmembers)
        return 0;
    for (size_t i = 0; i < a->nmembers; i++)
        if (strcmp(a->members[i].name, b->members[i].name) ||
            !member_same_layout(&a->members[i], &b->members[i]))
            return 0;
    return 1;
}

/* An unpaired old item whose value or layout one unpaired new item in the same file has. */
static int rename_match(const struct abi_item *o, const struct abi_item *n)
{
    if (strcmp(o->file ? o->file : "", n->file ? n->file : ""))
        return 0;
    if (item_is_constant(o) && item_is_constant(n))
        return abi_value_equal(o, n);
    if ((o->kind == ITEM_STRUCT || o->kind == ITEM_UNION) && o->kind == n->kind)
        return same_layout(o, n);
    return 0;
}

/* One line per header a side skipped: its items were not compared. */
static void not_compared(struct diff *d, const struct abi_target *ot,
                         const struct abi_target *nt, unsigned t)
{
    for (int side = 0; side < 2; side++) {
        const struct abi_target *tg = side ? nt : ot, *other = side ? ot : nt;

        for (size_t i = 0; i < tg->nskipped; i++) {
            const struct abi_skip *k = &tg->skipped[i];

            for (size_t f = 0; f < k->lost.n; f++) {
                struct abi_item it = {.kind = ITEM_HEADER, .name = k->lost.v[f],
                                      .file = k->lost.v[f], .line = 1};
                int both = abi_lost(other, k->lost.v[f]) != NULL;

                if (both && !side)
                    continue; /* said once, from the new side */
                add_change(d, CH_NOT_COMPARED, NULL, &it, NULL,
                           xasprintf("skipped on %s (%s: %s)",
                                     both ? "both sides" : side ? "the new side" : "the old side",
                                     k->at, k->reason),
                           t);
            }
        }
    }
}

static void diff_target(struct diff *d, const struct abi_target *ot, const struct abi_target *nt,
                        unsigned t)
{
    const struct abi_item **gone = xcalloc(ot->nitems + 1, sizeof(*gone));
    const struct abi_item **fresh = xcalloc(nt->nitems + 1, sizeof(*fresh));
    size_t ngone = 0, nfresh = 0, i = 0, k = 0;

    while (i < ot->nitems || k < nt->nitems) {
        int c = i == ot->nitems   ? 1
                : k == nt->nitems ? -1
                                  : abi_item_cmp(&ot->items[i], &nt->items[k]);

        /* An item of a header the other side skipped was not compared, not removed. */
        if (c < 0) {
            if (!abi_lost(nt, ot->items[i].file ? ot->items[i].file : ""))
                gone[ngone++] = &ot->items[i];
            i++;
        } else if (c > 0) {
            if (!abi_lost(ot, nt->items[k].file ? nt->items[k].file : ""))
                fresh[nfresh++] = &nt->items[k];
            k++;
        } else {
            diff_item(d, &ot->items[i], &nt->items[k], t);
            i++;
            k++;
        }
    }
    for (i = 0; i < ngone; i++) {
        const struct abi_item *o = gone[i], *match = NULL;
        size_t hits = 0, at = 0;

        for (k = 0; k < nfresh; k++) {
            if (fresh[k] && rename_match(o, fresh[k])) {
                match = fresh[k];
                at = k;
                hits++;
            }
        }
        /* Only an unambiguous pairing is a rename; otherwise report both sides. */
        for (size_t j = 0; hits == 1 && j < ngone; j++)
            if (j != i && gone[j] && rename_match(gone[j], match))
                hits++;
        if (hits == 1) {
            char *what = item_text(match);

            add_change(d, CH_RENAMED, o, match, NULL,
                       xasprintf("%s -> %s: %s", o->name, match->name, what), t);
            free(what);
            fresh[at] = NULL;
            gone[i] = NULL;
        }
    }
    for (i = 0; i < ngone; i++)
        if (gone[i])
            add_change(d, CH_REMOVED, gone[i], NULL, NULL, item_text(gone[i]), t);
    for (k = 0; k < nfresh; k++)
        if (fresh[k])
            add_change(d, CH_ADDED, NULL, fresh[k], NULL, item_text(fresh[k]), t);
    free(gone);
    free(fresh);
    not_compared(d, ot, nt, t);
}

static int cmp_change(const void *a, const void *b)
{
    const struct change *x = a, *y = b;
    int c = strcmp(x->file, y->file);

    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if ((c = strcmp(x->name, y->name)))
        return c;
    if ((c = strcmp(x->member ? x->member : "", y->member ? y->member : "")))
        return c;
    if (x->cls != y->cls)
        return x->cls < y->cls ? -1 : 1;
    return strcmp(x->detail, y->detail);
}

void diff_sort(struct diff *d)
{
    if (d->n)
        qsort(d->v, d->n, sizeof(*d->v), cmp_change);
}

static int has_file(const struct abi *abi, const char *path)
{
    for (size_t i = 0; i < abi->nfiles; i++)
        if (!strcmp(abi->files[i].path, path))
            return 1;
    return 0;
}

/*
 * A header that appears or disappears is one row of its own, besides its
 * items: an #include of it breaks or starts to work. Seen on every target.
 */
static void diff_headers(struct diff *d, const struct abi *old_abi, const struct abi *new_abi)
{
    if (!old_abi->nfiles || !new_abi->nfiles)
        return; /* a side without a file list (an empty ABI) says nothing about headers */
    for (int side = 0; side < 2; side++) {
        const struct abi *a = side ? new_abi : old_abi, *b = side ? old_abi : new_abi;

        for (size_t i = 0; i < a->nfiles; i++) {
            struct abi_item it = {.kind = ITEM_HEADER, .name = a->files[i].path,
                                  .file = a->files[i].path, .line = 1};

            if (has_file(b, it.name))
                continue;
            for (size_t t = 0; t < d->ntriples; t++)
                add_change(d, side ? CH_ADDED : CH_REMOVED, side ? NULL : &it, side ? &it : NULL,
                           NULL, xstrdup(""), (unsigned)t);
        }
    }
}

struct diff *abi_diff(const struct abi *old_abi, const struct abi *new_abi)
{
    struct diff *d = xcalloc(1, sizeof(*d));

    d->root = xstrdup(new_abi->root[0] ? new_abi->root : old_abi->root);
    for (size_t t = 0; t < new_abi->ntargets; t++) {
        const struct abi_target *ot = abi_target(old_abi, new_abi->targets[t].triple);

        if (!ot)
            continue;
        /* A copy: the ABIs may be freed before the diff is printed. */
        d->triples[d->ntriples] = xstrdup(new_abi->targets[t].triple);
        diff_target(d, ot, &new_abi->targets[t], (unsigned)d->ntriples);
        d->ntriples++;
    }
    diff_headers(d, old_abi, new_abi);
    /* The order changes: the index would be wrong, and nothing is added any more. */
    free(d->index);
    d->index = NULL;
    d->nindex = 0;
    diff_sort(d);
    return d;
}

int diff_exit_bits(const struct diff *d)
{
    int bits = 0;

    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].cls == CH_NOT_COMPARED)
            bits |= EXIT_PARTIAL;
        if (d->v[i].sev == SEV_INCOMPATIBLE)
            bits |= EXIT_INCOMPATIBLE;
        else if (d->v[i].sev == SEV_COMPATIBLE)
            bits |= EXIT_COMPATIBLE;
    }
    return bits;
}

const struct change *diff_find(const struct diff *d, const char *name, const char *member)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct change *c = &d->v[i];

        if ((!strcmp(c->name, name) || (c->old_name && !strcmp(c->old_name, name))) &&
            !strcmp(c->member ? c->member : "", member ? member : ""))
            return c;
    }
    return NULL;
}

static char *targets_text(const struct diff *d, unsigned mask)
{
    struct strbuf sb;

    if (mask == (1u << d->ntriples) - 1)
        return xstrdup("");
    sb_init(&sb);
    sb_puts(&sb, " (only ");
    for (size_t i = 0, first = 1; i < d->ntriples; i++) {
        if (!(mask & (1u << i)))
            continue;
        sb_printf(&sb, "%s%s", first ? "" : ", ", d->triples[i]);
        first = 0;
    }
    sb_puts(&sb, ")");
    return sb.buf;
}

char *change_line(const struct diff *d, const struct change *c)
{
    char *tg = targets_text(d, c->targets);
    char *where = d->root[0] && strcmp(d->root, ".") ? xasprintf("%s/%s", d->root, c->file)
                                                     : xstrdup(c->file);
    char *s = xasprintf("%s:%u: %s: %s %s %s%s%s%s%s", where, c->line, severity_name(c->sev),
                        change_class_name(c->cls), item_kind_name(c->kind), c->name,
                        c->member ? "." : "", c->member ? c->member : "",
                        c->detail[0] ? ": " : "", c->detail);
    char *out = xasprintf("%s%s", s, tg);

    free(s);
    free(tg);
    free(where);
    return out;
}

void diff_print(FILE *out, const struct diff *d)
{
    size_t counts[3] = {0};

    for (size_t i = 0; i < d->n; i++) {
        char *line = change_line(d, &d->v[i]);

        fprintf(out, "%s\n", line);
        free(line);
        counts[d->v[i].sev]++;
    }
    fprintf(out, "%zu incompatible, %zu compatible, %zu other change(s)\n",
            counts[SEV_INCOMPATIBLE], counts[SEV_COMPATIBLE], counts[SEV_INFO]);
}

json_t *diff_to_json(const struct diff *d)
{
    json_t *root = json_object(), *changes = json_array(), *triples = json_array();
    size_t counts[3] = {0};

    for (size_t t = 0; t < d->ntriples; t++)
        json_array_append_new(triples, json_string(d->triples[t]));
    for (size_t i = 0; i < d->n; i++) {
        const struct change *c = &d->v[i];
        json_t *o = json_object(), *tg = json_array();

        json_object_set_new(o, "class", json_string(change_class_name(c->cls)));
        json_object_set_new(o, "severity", json_string(severity_name(c->sev)));
        json_object_set_new(o, "kind", json_string(item_kind_name(c->kind)));
        json_object_set_new(o, "name", json_string(c->name));
        if (c->old_name)
            json_object_set_new(o, "old_name", json_string(c->old_name));
        if (c->member)
            json_object_set_new(o, "member", json_string(c->member));
        json_object_set_new(o, "file", json_string(c->file));
        json_object_set_new(o, "line", json_integer(c->line));
        json_object_set_new(o, "detail", json_string(c->detail));
        for (size_t t = 0; t < d->ntriples; t++)
            if (c->targets & (1u << t))
                json_array_append_new(tg, json_string(d->triples[t]));
        json_object_set_new(o, "targets", tg);
        json_array_append_new(changes, o);
        counts[c->sev]++;
    }
    json_object_set_new(root, "root", json_string(d->root));
    json_object_set_new(root, "targets", triples);
    json_object_set_new(root, "changes", changes);
    json_object_set_new(root, "incompatible", json_integer((json_int_t)counts[SEV_INCOMPATIBLE]));
    json_object_set_new(root, "compatible", json_integer((json_int_t)counts[SEV_COMPATIBLE]));
    json_object_set_new(root, "info", json_integer((json_int_t)counts[SEV_INFO]));
    return root;
}

void diff_free(struct diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].name);
        free(d->v[i].old_name);
        free(d->v[i].member);
        free(d->v[i].file);
        free(d->v[i].detail);
    }
    for (size_t t = 0; t < d->ntriples; t++)
        free((char *)d->triples[t]);
    free(d->v);
    free(d->index);
    free(d->root);
    free(d);
}

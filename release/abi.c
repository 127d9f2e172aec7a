/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi.c - the ABI model: items, ordering, lookup.
 */
#include "abi.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const kind_names[] = {
    [ITEM_MACRO] = "macro",   [ITEM_ENUMERATOR] = "enumerator", [ITEM_ENUM] = "enum",
    [ITEM_STRUCT] = "struct", [ITEM_UNION] = "union",           [ITEM_TYPEDEF] = "typedef",
    [ITEM_HEADER] = "header",
};

const char *item_kind_name(enum item_kind k)
{
    return kind_names[k];
}

int item_kind_parse(const char *s, enum item_kind *k)
{
    for (size_t i = 0; i < ITEM_HEADER; i++) {
        if (!strcmp(s, kind_names[i])) {
            *k = (enum item_kind)i;
            return 0;
        }
    }
    return -1;
}

int item_is_constant(const struct abi_item *it)
{
    return it->kind == ITEM_MACRO || it->kind == ITEM_ENUMERATOR;
}

/* C has three namespaces that matter here: ordinary identifiers, tags, typedefs. */
static int item_namespace(const struct abi_item *it)
{
    switch (it->kind) {
    case ITEM_MACRO:
    case ITEM_ENUMERATOR:
        return 0;
    case ITEM_ENUM:
    case ITEM_STRUCT:
    case ITEM_UNION:
        return 1;
    case ITEM_TYPEDEF:
        return 2;
    case ITEM_HEADER:
        break;
    }
    return 3;
}

int abi_item_cmp(const struct abi_item *a, const struct abi_item *b)
{
    int na = item_namespace(a), nb = item_namespace(b);

    if (na != nb)
        return na - nb;
    return strcmp(a->name, b->name);
}

static int item_negative(const struct abi_item *it)
{
    return !it->is_unsigned && (int64_t)it->value < 0;
}

int abi_value_equal(const struct abi_item *a, const struct abi_item *b)
{
    if (a->string || b->string)
        return a->string && b->string && !strcmp(a->string, b->string);
    return a->value == b->value && item_negative(a) == item_negative(b);
}

void abi_value_format(const struct abi_item *it, char *buf, size_t len)
{
    if (it->string)
        snprintf(buf, len, "\"%s\"", it->string);
    else if (item_negative(it))
        snprintf(buf, len, "%" PRId64, (int64_t)it->value);
    else if (it->value > 9)
        snprintf(buf, len, "%" PRIu64 " (0x%" PRIx64 ")", it->value, it->value);
    else
        snprintf(buf, len, "%" PRIu64, it->value);
}

struct abi *abi_new(const char *root)
{
    struct abi *abi = xcalloc(1, sizeof(*abi));

    abi->root = xstrdup(root ? root : "");
    return abi;
}

struct abi_target *abi_add_target(struct abi *abi, const char *triple)
{
    struct abi_target *t;

    if (abi->ntargets == ABI_MAX_TARGETS)
        fatal("more than %d targets in one ABI", ABI_MAX_TARGETS);
    t = &abi->targets[abi->ntargets++];
    memset(t, 0, sizeof(*t));
    t->triple = xstrdup(triple);
    return t;
}

struct abi_item *abi_add_item(struct abi_target *t, enum item_kind kind, const char *name)
{
    struct abi_item *it;

    if (t->nitems == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->items = xrealloc(t->items, t->cap * sizeof(*t->items));
    }
    it = &t->items[t->nitems++];
    memset(it, 0, sizeof(*it));
    it->kind = kind;
    it->name = xstrdup(name);
    it->size = it->align = -1;
    return it;
}

struct abi_member *abi_add_member(struct abi_item *it, const char *name)
{
    struct abi_member *m;

    it->members = xrealloc(it->members, (it->nmembers + 1) * sizeof(*it->members));
    m = &it->members[it->nmembers++];
    memset(m, 0, sizeof(*m));
    m->name = xstrdup(name);
    m->bit_width = -1;
    return m;
}

void abi_add_file(struct abi *abi, const char *path, const char *hash)
{
    struct abi_file *f;

    abi->files = xrealloc(abi->files, (abi->nfiles + 1) * sizeof(*abi->files));
    f = &abi->files[abi->nfiles++];
    f->path = xstrdup(path);
    snprintf(f->hash, sizeof(f->hash), "%s", hash);
}

struct abi_skip *abi_add_skip(struct abi_target *t, const char *file, const char *at,
                              const char *reason)
{
    struct abi_skip *k;

    t->skipped = xrealloc(t->skipped, (t->nskipped + 1) * sizeof(*t->skipped));
    k = &t->skipped[t->nskipped++];
    memset(k, 0, sizeof(*k));
    k->file = xstrdup(file);
    k->at = xstrdup(at);
    k->reason = xstrdup(reason);
    return k;
}

const struct abi_skip *abi_lost(const struct abi_target *t, const char *file)
{
    for (size_t i = 0; i < t->nskipped; i++)
        if (sl_contains(&t->skipped[i].lost, file))
            return &t->skipped[i];
    return NULL;
}

int abi_has_tags(const struct abi *abi)
{
    for (size_t t = 0; t < abi->ntargets; t++)
        for (size_t i = 0; i < abi->targets[t].nitems; i++)
            if (abi->targets[t].items[i].tags.present)
                return 1;
    return 0;
}

size_t abi_nskipped(const struct abi *abi)
{
    size_t n = 0;

    for (size_t t = 0; t < abi->ntargets; t++)
        n += abi->targets[t].nskipped;
    return n;
}

static void item_free(struct abi_item *it)
{
    free(it->name);
    free(it->file);
    free(it->parent);
    free(it->string);
    free(it->type);
    free(it->canonical);
    for (size_t i = 0; i < it->nmembers; i++) {
        free(it->members[i].name);
        free(it->members[i].type);
        free(it->members[i].canonical);
    }
    free(it->members);
}

static int qsort_item_cmp(const void *a, const void *b)
{
    const struct abi_item *x = a, *y = b;
    int c = abi_item_cmp(x, y);

    /* Ties keep the earlier declaration first so that it is the one kept. */
    if (c)
        return c;
    if (x->file && y->file && strcmp(x->file, y->file))
        return strcmp(x->file, y->file);
    return (x->line > y->line) - (x->line < y->line);
}

void abi_finish(struct abi *abi)
{
    for (size_t t = 0; t < abi->ntargets; t++) {
        struct abi_target *tg = &abi->targets[t];
        size_t out = 0;

        if (tg->nitems)
            qsort(tg->items, tg->nitems, sizeof(*tg->items), qsort_item_cmp);
        for (size_t i = 0; i < tg->nitems; i++) {
            if (out && !abi_item_cmp(&tg->items[out - 1], &tg->items[i])) {
                item_free(&tg->items[i]);
                continue;
            }
            tg->items[out++] = tg->items[i];
        }
        tg->nitems = out;
    }
}

const struct abi_item *abi_find(const struct abi_target *t, const struct abi_item *key)
{
    size_t lo = 0, hi = t->nitems;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = abi_item_cmp(&t->items[mid], key);

        if (!c)
            return &t->items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct abi_item *abi_find_name(const struct abi *abi, const char *name)
{
    for (size_t t = 0; t < abi->ntargets; t++)
        for (size_t i = 0; i < abi->targets[t].nitems; i++)
            if (!strcmp(abi->targets[t].items[i].name, name))
                return &abi->targets[t].items[i];
    return NULL;
}

const struct abi_target *abi_target(const struct abi *abi, const char *triple)
{
    for (size_t t = 0; t < abi->ntargets; t++)
        if (!strcmp(abi->targets[t].triple, triple))
            return &abi->targets[t];
    return NULL;
}

void abi_free(struct abi *abi)
{
    if (!abi)
        return;
    for (size_t t = 0; t < abi->ntargets; t++) {
        for (size_t i = 0; i < abi->targets[t].nitems; i++)
            item_free(&abi->targets[t].items[i]);
        free(abi->targets[t].items);
        free(abi->targets[t].triple);
        for (size_t i = 0; i < abi->targets[t].nskipped; i++) {
            free(abi->targets[t].skipped[i].file);
            free(abi->targets[t].skipped[i].at);
            free(abi->targets[t].skipped[i].reason);
            sl_free(&abi->targets[t].skipped[i].lost);
        }
        free(abi->targets[t].skipped);
    }
    for (size_t i = 0; i < abi->nfiles; i++)
        free(abi->files[i].path);
    free(abi->files);
    free(abi->root);
    free(abi->release);
    free(abi->commit);
    free(abi);
}

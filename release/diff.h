/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff.h - comparing two ABIs and classifying every difference.
 */
#ifndef KEEL_RELEASE_DIFF_H
#define KEEL_RELEASE_DIFF_H

#include <jansson.h>
#include <stdio.h>

#include "abi.h"

enum change_class {
    CH_ADDED,
    CH_REMOVED,
    CH_RENAMED,          /* same value or layout under a new name: API change only */
    CH_VALUE,            /* a constant's value */
    CH_SENTINEL,         /* the value of a *_MAX, *_COUNT or NR_* constant */
    CH_KIND,             /* macro <-> enumerator, struct <-> union */
    CH_SIZE,
    CH_ALIGN,
    CH_TYPE,             /* the type a typedef names */
    CH_TYPE_SPELLING,    /* ... spelt differently, same canonical type */
    CH_MEMBER_ADDED,     /* even at the end: guests copy fixed sizes */
    CH_UNION_MEMBER_ADDED, /* a new alternative of a union that keeps its size */
    CH_MEMBER_REMOVED,
    CH_MEMBER_RENAMED,
    CH_MEMBER_OFFSET,
    CH_MEMBER_TYPE,
    CH_MEMBER_TYPE_SPELLING,
    CH_DEPRECATED,       /* newly tagged deprecated */
    CH_TAGS,             /* any other @abi tag change */
    CH_NOT_COMPARED,     /* a header skipped on one side or both (foreign headers) */
    CH_NCLASSES
};

enum severity { SEV_INFO, SEV_COMPATIBLE, SEV_INCOMPATIBLE };

struct change {
    enum change_class cls;
    enum severity sev;
    enum item_kind kind;
    char *name;     /* the item (its new name when renamed) */
    char *old_name; /* renamed: the name it had */
    char *member;   /* member path, or NULL for the item itself */
    char *file;     /* where to show it: the new place, else the old */
    unsigned line;
    char *detail;   /* "29 -> 30", "offset 4 -> 8", ... */
    unsigned targets; /* bit i: the change is seen on diff.triples[i] */
};

struct diff {
    char *root; /* display prefix of file names */
    const char *triples[ABI_MAX_TARGETS];
    size_t ntriples;
    struct change *v;
    size_t n, cap;
    /*
     * While abi_diff() builds it: v's indices + 1 by a hash of what makes two
     * changes the same, so that merging targets is not a scan of every
     * change so far (a diff against an old release holds hundreds).
     */
    size_t *index, nindex;
};

const char *change_class_name(enum change_class c);
const char *severity_name(enum severity s);
/* Names ending in _MAX or _COUNT, or naming a count (NR_*, *_NR_*). */
int is_sentinel_name(const char *name);

/* Every difference from old to new on the targets both have, merged across targets. */
struct diff *abi_diff(const struct abi *old_abi, const struct abi *new_abi);
/* Sorted by file, line, name, member (abi_diff does this). */
void diff_sort(struct diff *d);
/*
 * The exit-status bits the diff calls for: EXIT_COMPATIBLE, EXIT_INCOMPATIBLE,
 * and EXIT_PARTIAL when a header could not be compared.
 */
int diff_exit_bits(const struct diff *d);
/* The first change about the same item and member, or NULL. */
const struct change *diff_find(const struct diff *d, const char *name, const char *member);
/* "public/xen.h:56" plus the rest of a human report line. */
char *change_line(const struct diff *d, const struct change *c);
void diff_print(FILE *out, const struct diff *d);
json_t *diff_to_json(const struct diff *d);
void diff_free(struct diff *d);

#endif

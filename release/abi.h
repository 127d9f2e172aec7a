/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi.h - the ABI model: what one set of headers offers, per target triple.
 * Extraction (extract.c) fills it from headers, abi_json.c reads and writes
 * it as a dump file, diff.c compares two of them.
 */
#ifndef KEEL_RELEASE_ABI_H
#define KEEL_RELEASE_ABI_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define ABI_FORMAT "keel-abi/1"
#define ABI_MAX_TARGETS 2

enum item_kind {
    ITEM_MACRO,      /* object-like macro with an integer value or a string */
    ITEM_ENUMERATOR, /* enumeration constant */
    ITEM_ENUM,       /* named enum type */
    ITEM_STRUCT,
    ITEM_UNION,
    ITEM_TYPEDEF,
    ITEM_HEADER, /* a whole header: only in diffs, for one not compared */
};

/* The @abi tag on the line before an item; empty strings when absent. */
struct abi_tags {
    int present;
    unsigned line;
    char since[16];
    char deprecated[16];
    char removed[16];
    char replacement[128];
};

struct abi_member {
    char *name;      /* dotted path through anonymous structs/unions: "u.list" */
    char *type;      /* type as spelt in the header */
    char *canonical; /* canonical type, anonymous records without paths */
    uint64_t offset_bits;
    uint64_t size;
    int bit_width; /* -1 unless a bit-field */
};

struct abi_item {
    enum item_kind kind;
    char *name;
    char *file; /* relative to the header root */
    unsigned line;
    int derived; /* declared by a macro expansion, e.g. a guest handle type */
    struct abi_tags tags;
    /* constants: the value's 64 bits and whether the type was unsigned */
    uint64_t value;
    int is_unsigned;
    char *parent; /* the enum an enumerator belongs to, NULL if anonymous */
    char *string; /* a string macro: its text as spelt, quotes and concatenation removed */
    /* types */
    int64_t size, align;
    char *type, *canonical; /* typedef: the type it names */
    struct abi_member *members;
    size_t nmembers;
};

/*
 * A root header clang rejected for one target (foreign headers: a header for
 * another architecture, an include only resolvable in its own source tree, an
 * #error asking for a define). It is left out, with the files only it reaches.
 */
struct abi_skip {
    char *file;          /* the root header, relative to the header root */
    char *at;            /* where clang stopped: "dir/arch-arm/smccc.h:13" */
    char *reason;        /* clang's message */
    struct strlist lost; /* files whose items are missing because of it */
};

struct abi_target {
    char *triple;
    struct abi_item *items; /* sorted by abi_item_cmp after abi_finish() */
    size_t nitems, cap;
    struct abi_skip *skipped;
    size_t nskipped;
};

struct abi_file {
    char *path; /* relative to the header root */
    char hash[41];
};

struct abi {
    char *root; /* how to show paths: "public" for a tree's public/ */
    char *release; /* "X.Y" for a baseline, else NULL */
    char *commit;  /* the revision the headers came from, if any */
    struct abi_file *files;
    size_t nfiles;
    struct abi_target targets[ABI_MAX_TARGETS];
    size_t ntargets;
};

const char *item_kind_name(enum item_kind k);
int item_kind_parse(const char *s, enum item_kind *k);
/* Constants (macros, enumerators) share one namespace, as in C's use of them. */
int item_is_constant(const struct abi_item *it);
/* Order by namespace then name: the key used to pair items across versions. */
int abi_item_cmp(const struct abi_item *a, const struct abi_item *b);
/* Two constants' values are equal as mathematical integers. */
int abi_value_equal(const struct abi_item *a, const struct abi_item *b);
void abi_value_format(const struct abi_item *it, char *buf, size_t len);

struct abi *abi_new(const char *root);
struct abi_target *abi_add_target(struct abi *abi, const char *triple);
struct abi_item *abi_add_item(struct abi_target *t, enum item_kind kind, const char *name);
struct abi_member *abi_add_member(struct abi_item *it, const char *name);
void abi_add_file(struct abi *abi, const char *path, const char *hash);
struct abi_skip *abi_add_skip(struct abi_target *t, const char *file, const char *at,
                              const char *reason);
/* The skip that lost file on t, or NULL when its items are there. */
const struct abi_skip *abi_lost(const struct abi_target *t, const char *file);
/* Some item carries an @abi tag: the set is Keel's kind, not a foreign one. */
int abi_has_tags(const struct abi *abi);
/* Headers skipped on any target. */
size_t abi_nskipped(const struct abi *abi);
/* Sort items and drop duplicates (a header seen through several includes). */
void abi_finish(struct abi *abi);
const struct abi_item *abi_find(const struct abi_target *t, const struct abi_item *key);
const struct abi_item *abi_find_name(const struct abi *abi, const char *name);
const struct abi_target *abi_target(const struct abi *abi, const char *triple);
void abi_free(struct abi *abi);

/* JSON dump files (abi_json.c). to_json returns a malloc'd string. */
char *abi_to_json(const struct abi *abi);
/* Reads a dump; fatal() with "what: reason" on a malformed one. */
struct abi *abi_from_json(const char *text, const char *what);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * headers.h - a set of C headers to extract an ABI from: a directory on disk
 * or a folder of a git tree, held in memory so that libclang can parse any
 * revision without a checkout.
 */
#ifndef KEEL_RELEASE_HEADERS_H
#define KEEL_RELEASE_HEADERS_H

#include <stddef.h>

#include "tags.h"
#include "util.h"

struct header_file {
    char *path; /* relative to the set's root, '/'-separated */
    char *text;
    size_t len;
    char hash[41];          /* git blob id: equal bytes, equal hash */
    struct strlist includes; /* quoted #includes that name files of the set */
    /*
     * Other spellings the set reaches this file by, "arch-x86/../xen.h":
     * clang looks in-memory files up by the path as written.
     */
    struct strlist aliases;
    struct strlist dotted, dotted_to; /* its "../" includes, and what they name */
    struct file_tags tags;
};

struct header_set {
    char *display_root; /* prefix shown in messages: "public", a directory */
    char *commit;       /* the revision, when read from git */
    struct header_file *files; /* sorted by path */
    size_t n;
};

struct header_set *headers_new(const char *display_root);
/* Adds a file (copies text) and reads its tags; fatal on a malformed tag. */
void headers_add(struct header_set *hs, const char *path, const char *text, size_t len,
                 const char *hash);
/* Sorts the files and resolves the include graph; call once after adding. */
void headers_finish(struct header_set *hs);
struct header_set *headers_from_dir(const char *dir);
const struct header_file *headers_find(const struct header_set *hs, const char *path);
/* "public/xen.h" for messages. Returns a malloc'd string. */
char *headers_display(const struct header_set *hs, const char *path);

/*
 * The headers no other header of the set includes: parsing them covers the
 * set. If changed is non-NULL, only the roots whose include closure holds a
 * changed file are returned, and closure receives the files they reach.
 */
void headers_roots(const struct header_set *hs, const struct strlist *changed,
                   struct strlist *roots, struct strlist *closure);
/* path and every file of the set it reaches through quoted includes. */
void headers_closure(const struct header_set *hs, const char *path, struct strlist *out);
void headers_free(struct header_set *hs);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tags.h - the "@abi" life-cycle tags: one comment line just before each item,
 * e.g. "/" "* @abi since=1.0 deprecated=1.1 replacement=VERSION_extraversion *" "/".
 */
#ifndef KEEL_RELEASE_TAGS_H
#define KEEL_RELEASE_TAGS_H

#include <stddef.h>

#include "abi.h"
#include "util.h"

struct file_tags {
    struct abi_tags *v; /* sorted by line */
    size_t n;
};

/*
 * Finds every tag line in a header. A line that starts a comment with "@abi"
 * but is not a well-formed tag (unknown key, repeated key, a version that is
 * not X.Y, deprecated before since) is fatal, naming path:line.
 */
void tags_scan(const char *path, const char *text, size_t len, struct file_tags *out);
/* The tag on the line before item_line, or NULL. */
const struct abi_tags *tags_before(const struct file_tags *ft, unsigned item_line);
void tags_free(struct file_tags *ft);

/*
 * Checks a tag's versions against the known releases (sorted ascending) and
 * the release being prepared (may be NULL): each must be a release or the
 * next one. Returns a malloc'd reason or NULL when the tag is fine.
 */
char *tags_check_versions(const struct abi_tags *t, const struct version *releases,
                          size_t nreleases, const struct version *next);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * oidset.h - a set of git object ids (open addressing), so that "is this
 * commit an ancestor of that one" is answered for a whole range by one
 * revision walk instead of one graph search per commit.
 */
#ifndef KEEL_RELEASE_OIDSET_H
#define KEEL_RELEASE_OIDSET_H

#include <git2.h>
#include <stddef.h>

struct oidset {
    git_oid *v;
    unsigned char *used;
    size_t n, cap;
};

void oidset_add(struct oidset *s, const git_oid *id);
int oidset_has(const struct oidset *s, const git_oid *id);
void oidset_free(struct oidset *s);

#endif

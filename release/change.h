/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * change.h - a change as governance sees it: the commits carrying one
 * Change-Id trailer, their authors, the public/ files they touch, and their
 * Acked-by / Reviewed-by trailers (which count as Acks and reviews, as in
 * Xen).
 */
#ifndef KEEL_RELEASE_CHANGE_H
#define KEEL_RELEASE_CHANGE_H

#include <git2.h>

#include "governance.h"
#include "snapshot.h"

/*
 * The rules themselves: a commit changing one is a governed change like a
 * change to public/ (DESIGN 3b), judged under the rules before it.
 */
#define NRULES_FILES 3
extern const char *const rules_files[NRULES_FILES];

/*
 * The Change-Id trailer of c's message: 1 with *id set (owned) when valid,
 * 0 when there is none, -1 when malformed (*id holds the bad value).
 */
int commit_change_id(const git_commit *c, char **id);
/* Paths under public/ whose content differs from every parent's. */
void commit_public_files(git_repository *repo, const git_commit *c, struct strlist *out);
/* The rules files (rules_files) whose content differs from every parent's. */
void commit_rules_files(git_repository *repo, const git_commit *c, struct strlist *out);
/* Adds c's author, public/ and rules files and trailers to ch. */
void change_add_commit(struct gov_change *ch, git_repository *repo, const git_commit *c);
/*
 * Fills ch from every commit carrying Change-Id id reachable from HEAD or a
 * branch; returns how many there are.
 */
size_t change_find(git_repository *repo, const char *id, struct gov_change *ch);

#endif

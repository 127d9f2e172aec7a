/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gitrepo.h - reading revisions with libgit2: header sets, files and the
 * release baselines present at a commit, without touching the work tree.
 */
#ifndef KEEL_RELEASE_GITREPO_H
#define KEEL_RELEASE_GITREPO_H

#include <git2.h>

#include "headers.h"
#include "util.h"

#define PUBLIC_DIR "public"
#define BASELINE_DIR "release/abi"

/* The repository holding the current directory; fatal if there is none. */
git_repository *repo_open(void);
/* The repository's work tree, with a trailing '/'. */
const char *repo_workdir(git_repository *repo);
/* A revision to its commit; fatal "unknown revision" otherwise. */
git_commit *repo_commit(git_repository *repo, const char *rev);
/* Returns 0 when rev does not name a commit. */
int repo_is_rev(git_repository *repo, const char *rev);
/* Every *.h under dir at commit. */
struct header_set *repo_headers(git_repository *repo, git_commit *commit, const char *dir);
/* The id of the tree at path in commit, or zero when absent. Returns 0 if found. */
int repo_tree_id(git_commit *commit, const char *path, git_oid *out);
/* A file's bytes at commit (NUL-terminated); NULL when absent. */
char *repo_read(git_repository *repo, git_commit *commit, const char *path, size_t *len);
/* Names of the entries of a directory at commit (files only). */
void repo_list(git_repository *repo, git_commit *commit, const char *dir, struct strlist *out);
/* Release numbers with a baseline release/abi/X.Y.json at commit, ascending. */
size_t repo_releases(git_repository *repo, git_commit *commit, struct version **out);
/* The same from the work tree (commit == NULL in callers). */
size_t dir_releases(const char *dir, struct version **out);
char *oid_str(const git_oid *oid);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * snapshot.h - the project as of one revision, or as in the work tree:
 * public headers, release baselines, governance/policy and the hypercall
 * implementation sources, read the same way from either.
 */
#ifndef KEEL_RELEASE_SNAPSHOT_H
#define KEEL_RELEASE_SNAPSHOT_H

#include "abi.h"
#include "gitrepo.h"
#include "headers.h"

#define POLICY_PATH "governance/policy"
#define HYPERCALL_TABLE "xen/include/xen/hypercall-defs.h"
#define IMPL_DIR "xen/common"

struct snapshot {
    git_repository *repo; /* may be NULL for a work tree outside git */
    git_commit *commit;   /* NULL: the work tree */
    char *base;           /* work tree directory, with a trailing '/' */
    char *label;          /* "abc1234" or "work tree", for messages */
};

void snapshot_rev(struct snapshot *s, git_repository *repo, const char *rev);
void snapshot_commit(struct snapshot *s, git_repository *repo, const git_commit *commit);
void snapshot_worktree(struct snapshot *s, git_repository *repo);
/* A file's bytes (NUL-terminated), or NULL when absent. */
char *snapshot_read(const struct snapshot *s, const char *path, size_t *len);
/* File names in dir (not recursive), sorted. */
void snapshot_list(const struct snapshot *s, const char *dir, struct strlist *out);
struct header_set *snapshot_headers(const struct snapshot *s);
/* Releases with a baseline, ascending. */
size_t snapshot_releases(const struct snapshot *s, struct version **out);
/* The baseline of one release; fatal if missing or malformed. */
struct abi *snapshot_baseline(const struct snapshot *s, struct version v);
void snapshot_free(struct snapshot *s);

#endif

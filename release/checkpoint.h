/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * checkpoint.h - what review knows about a record after writing it: the
 * replayed rules state, the number and Chain of its last entry, and the
 * identity of the file it wrote (inode, size, modification and change
 * times), kept in GITDIR/keel-release/records/<Change-Id>. The next review
 * of that change whose file and rules inputs (MAINTAINERS, allowed_signers,
 * policy, the change's commits) are the same starts from it instead of
 * reading and verifying every entry: an append costs the same for a record
 * of 3 entries or of 40 000.
 *
 * The file's change time (ctime) cannot be set by hand: any edit, copy,
 * checkout or rename gives the record another identity, and review then
 * reads and verifies the whole record as before. check never uses it.
 */
#ifndef KEEL_RELEASE_CHECKPOINT_H
#define KEEL_RELEASE_CHECKPOINT_H

#include <git2.h>
#include <sys/stat.h>

#include "governance.h"

/* The digest of everything besides the record that the replay depends on. */
char *checkpoint_inputs(const struct gov_state *st, const char *const *texts, size_t ntexts);
/*
 * Restores st (gov_init()ed, signers set) and the record's length and last
 * Chain when the checkpoint matches the file (st_now) and inputs; 0 when
 * not (st untouched).
 */
int checkpoint_load(git_repository *repo, const char *change_id, const struct stat *st_now,
                    const char *inputs, struct gov_state *st, size_t *n, char *last_chain);
void checkpoint_save(git_repository *repo, const char *change_id, const struct stat *st_now,
                     const char *inputs, const struct gov_state *st, size_t n,
                     const char *last_chain);

#endif

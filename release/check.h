/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check.h - the gate: a verdict per change to public/ in a range of commits.
 */
#ifndef KEEL_RELEASE_CHECK_H
#define KEEL_RELEASE_CHECK_H

#include <git2.h>
#include <stdio.h>

/*
 * Checks every commit after base up to head that touches public/ (or the
 * hypercall implementation, for the deprecation rules). Prints one verdict
 * per change to out (JSON when json is set; out may be NULL for silence) and
 * returns the exit-status bits.
 */
int check_range(git_repository *repo, const git_commit *base, const git_commit *head, int json,
                FILE *out);
/* Fatal (exit 1) in a shallow clone: the history a verdict needs is missing. */
void check_refuse_shallow(git_repository *repo);
/*
 * The start of "since the last release": the RELEASE-X.Y tag when present,
 * else the commit that last changed release/abi/X.Y.json, X.Y being the
 * highest baseline at head. NULL when there is no release yet.
 */
git_commit *check_last_release_base(git_repository *repo, const git_commit *head, char *version,
                                    size_t len);

#endif

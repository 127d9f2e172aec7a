/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_prefetch.h - filling the ABI store (abi_store.h) for many trees at
 * once, one worker process per CPU: a first check of a long range parses
 * hundreds of public/ trees, each on its own, and they do not depend on
 * each other.
 */
#ifndef KEEL_RELEASE_ABI_PREFETCH_H
#define KEEL_RELEASE_ABI_PREFETCH_H

#include <git2.h>
#include <stddef.h>

/*
 * Extracts the public/ ABI of each commit (distinct trees, none in the
 * store yet) and stores it. Only an optimisation: a worker that fails
 * (a header clang rejects, a store that cannot be written) leaves its
 * trees out, and the caller's own extraction then meets the failure where
 * it always did. Returns when every worker has finished.
 */
void abi_prefetch(git_repository *repo, const git_oid *commits, size_t n);

#endif

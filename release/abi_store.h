/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_store.h - ABIs extracted from git trees, kept on disk under the git
 * directory so that a tree is parsed by libclang once, not on every check.
 */
#ifndef KEEL_RELEASE_ABI_STORE_H
#define KEEL_RELEASE_ABI_STORE_H

#include <git2.h>

#include "abi.h"
#include "extract.h"
#include "gitrepo.h"

/* The stored ABI of tree under these options, or NULL when there is none. */
struct abi *abi_store_load(git_repository *repo, const git_oid *tree,
                           const struct extract_opts *o);
/* Whether the store holds an ABI for tree under these options (it may still not read back). */
int abi_store_has(git_repository *repo, const git_oid *tree, const struct extract_opts *o);
/* Stores it; a failure to write only costs the next run a parse. */
void abi_store_save(git_repository *repo, const git_oid *tree, const struct extract_opts *o,
                    const struct abi *abi);

#endif

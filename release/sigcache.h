/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sigcache.h - signatures already verified, kept under the git directory
 * (GITDIR/keel-release/signatures) so that a record of 40 000 signed entries
 * is not verified again by every check and review status.
 *
 * What is kept is a fact of cryptography, not of governance: "this
 * signature, by this key, in this namespace, over this message, verifies".
 * Its key is the SHA-256 of all four, so a forged or altered entry (another
 * message: its Chain covers its text and every entry before it), a copied
 * signature (another message) or another key is never found and is verified
 * afresh; who may sign for whom (allowed_signers) is decided on every run.
 * Only successes are stored. The file lives where git keeps its own state,
 * which clone and fetch never carry: whoever can write it can as well
 * replace the hooks or the tool. It is keyed to this executable (size and
 * modification time, like the ABI store): a rebuilt tool verifies again.
 * Deleting it is always safe.
 */
#ifndef KEEL_RELEASE_SIGCACHE_H
#define KEEL_RELEASE_SIGCACHE_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#define SIGCACHE_KEY_LEN 32

/* Uses (and at exit, extends) the cache of repo from now on. */
void sigcache_open(git_repository *repo);
/* A forked worker: nothing this process verifies is added at its exit. */
void sigcache_detach(void);
/* The cache key of a signature check; parts are hashed with their lengths. */
void sigcache_key(uint8_t key[SIGCACHE_KEY_LEN], const void *const *parts, const size_t *lens,
                  size_t nparts);
/* Whether key was verified before (always 0 when no cache is open). */
int sigcache_has(const uint8_t key[SIGCACHE_KEY_LEN]);
/* Remembers a successful verification. */
void sigcache_add(const uint8_t key[SIGCACHE_KEY_LEN]);

#endif

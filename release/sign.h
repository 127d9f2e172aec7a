/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sign.h - signing a governance entry with the reviewer's own SSH key, the
 * one they sign git commits with: ssh-keygen -Y sign does the signing (it
 * talks to ssh-agent, asks for a passphrase, handles security keys), the
 * signature is checked here (sshsig.c) before anything is written.
 */
#ifndef KEEL_RELEASE_SIGN_H
#define KEEL_RELEASE_SIGN_H

#include <git2.h>

/*
 * The key to sign with: option (--key FILE), else $KEEL_SIGNING_KEY, else
 * git's user.signingkey when gpg.format is ssh. Allocated path; fatal when
 * there is none.
 */
char *sign_key_path(git_repository *repo, const char *option);
/* The SSHSIG armor of msg in namespace ns, by ssh-keygen with keyfile; fatal on failure. */
char *sign_message(const char *keyfile, const char *ns, const char *msg);

#endif

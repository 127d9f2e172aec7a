/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * signers.h - governance/allowed_signers: whose key signs for whom, in
 * ssh-keygen's allowed_signers format (ssh-keygen(1), ALLOWED SIGNERS):
 *
 *   alice@example.org namespaces="keel-governance,git" ssh-ed25519 AAAA... comment
 *
 * Principals are email addresses (comma-separated, matched exactly, case
 * folded; no wildcards: a pattern would let one key sign for people nobody
 * listed). The only option understood is namespaces=; any other, a key
 * type other than ssh-ed25519, and any malformed line are errors with
 * file:line.
 */
#ifndef KEEL_RELEASE_SIGNERS_H
#define KEEL_RELEASE_SIGNERS_H

#include "sshsig.h"
#include "util.h"

#define SIGNERS_PATH "governance/allowed_signers"

struct signer {
    struct strlist principals; /* lower case */
    struct strlist namespaces; /* empty: any */
    uint8_t pub[ED25519_KEY_LEN];
    unsigned line;
};

struct signers {
    struct signer *v;
    size_t n;
};

/* Parses text; NULL on success, else an allocated "what:line: message". */
char *signers_parse(struct signers *s, const char *text, const char *what);
void signers_free(struct signers *s);

/*
 * Checks that sig, over msg in namespace ns, is a valid signature by a key
 * listed for email. NULL when it is; else an allocated reason: the key is
 * not listed, is listed for someone else (wrongly attributed), may not sign
 * in ns, or the signature does not verify.
 */
char *signers_check(const struct signers *s, const struct sshsig *sig, const char *email,
                    const char *ns, const void *msg, size_t len);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sshsig.h - OpenSSH signatures ("ssh-keygen -Y sign", the SSHSIG format of
 * OpenSSH's PROTOCOL.sshsig) with Ed25519 keys, verified here with nettle:
 * governance entries are signed in the "keel-governance" namespace, git
 * commits in the "git" namespace. Only ssh-ed25519 keys are supported.
 */
#ifndef KEEL_RELEASE_SSHSIG_H
#define KEEL_RELEASE_SSHSIG_H

#include <stddef.h>
#include <stdint.h>

#define ED25519_KEY_LEN 32
#define ED25519_SIG_LEN 64
#define SSHSIG_NAMESPACE "keel-governance"

struct sshsig {
    uint8_t pub[ED25519_KEY_LEN]; /* the signer's public key */
    char *ns;                     /* namespace */
    int sha256;                   /* the hash is sha256 (else sha512) */
    uint8_t sig[ED25519_SIG_LEN];
};

/*
 * Parses "-----BEGIN SSH SIGNATURE-----" ... "-----END SSH SIGNATURE-----"
 * (lines may be indented). 0 on success; else -1 with *err an allocated
 * reason.
 */
int sshsig_parse(const char *armor, struct sshsig *out, char **err);
void sshsig_free(struct sshsig *s);
/* Whether s is a valid signature of msg in namespace ns by s->pub. */
int sshsig_verify(const struct sshsig *s, const char *ns, const void *msg, size_t len);

/*
 * An OpenSSH public key blob in base64 ("AAAAC3NzaC1lZDI1NTE5..."): 0 and
 * the key when it is ssh-ed25519; -1 with *err otherwise.
 */
int ssh_ed25519_key(const char *b64, uint8_t pub[ED25519_KEY_LEN], char **err);
/* "SHA256:..." as ssh-keygen -l prints it, for messages. */
char *ssh_key_fingerprint(const uint8_t pub[ED25519_KEY_LEN]);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sshsig.c - parsing and verifying SSHSIG signatures (OpenSSH
 * PROTOCOL.sshsig; wire encoding of RFC 4251 section 5: "string" is a
 * uint32 big-endian length and the bytes).
 */
#include "sshsig.h"

#include <nettle/base64.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "sigcache.h"
#include "util.h"

#define ARMOR_BEGIN "-----BEGIN SSH SIGNATURE-----"
#define ARMOR_END "-----END SSH SIGNATURE-----"
#define MAGIC "SSHSIG"
#define KEYTYPE "ssh-ed25519"

struct reader {
    const uint8_t *p;
    size_t left;
};

static int get_u32(struct reader *r, uint32_t *v)
{
    if (r->left < 4)
        return -1;
    *v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
    r->p += 4;
    r->left -= 4;
    return 0;
}

/* An RFC 4251 string: points into the buffer. */
static int get_string(struct reader *r, const uint8_t **s, size_t *len)
{
    uint32_t n;

    if (get_u32(r, &n) || n > r->left)
        return -1;
    *s = r->p;
    *len = n;
    r->p += n;
    r->left -= n;
    return 0;
}

static int string_is(const uint8_t *s, size_t len, const char *want)
{
    return len == strlen(want) && !memcmp(s, want, len);
}

/*
 * Base64 (RFC 4648 section 4, padding required), blanks and newlines
 * skipped; NULL when malformed. By table: a record of 40 000 signatures
 * decodes every one of them on every read.
 */
static uint8_t *unbase64(const char *text, size_t *out_len)
{
    static signed char val[256];
    static int ready;
    size_t n = 0, pad = 0;
    uint32_t acc = 0;
    unsigned bits = 0;
    uint8_t *out = xmalloc(strlen(text) * 3 / 4 + 3);

    if (!ready) {
        const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        memset(val, -1, sizeof(val));
        for (int i = 0; i < 64; i++)
            val[(unsigned char)abc[i]] = (signed char)i;
        ready = 1;
    }
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n')
            continue;
        if (*p == '=') {
            pad++;
            continue;
        }
        if (val[*p] < 0 || pad)
            goto bad;
        acc = acc << 6 | (uint32_t)val[*p];
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (uint8_t)(acc >> bits);
        }
    }
    /* Whole groups of four: the leftover bits are the padding's, and zero. */
    /* 2 characters left 4 bits and want "==", 3 left 2 and want "=". */
    if (pad != (bits == 4 ? 2u : bits == 2 ? 1u : 0u) || bits == 6 || (acc & ((1u << bits) - 1)))
        goto bad;
    *out_len = n;
    return out;
bad:
    free(out);
    return NULL;
}

/* The ssh-ed25519 public key blob: string "ssh-ed25519", string key(32). */
static int key_blob(const uint8_t *blob, size_t len, uint8_t pub[ED25519_KEY_LEN], char **err)
{
    struct reader r = {blob, len};
    const uint8_t *type, *key;
    size_t tl, kl;

    /* The type first: another type's key has other fields after it. */
    if (get_string(&r, &type, &tl)) {
        *err = xasprintf("malformed public key");
        return -1;
    }
    if (!string_is(type, tl, KEYTYPE)) {
        *err = xasprintf("key type \"%.*s\" is not supported (only %s)", (int)(tl > 40 ? 40 : tl),
                         (const char *)type, KEYTYPE);
        return -1;
    }
    if (get_string(&r, &key, &kl) || r.left) {
        *err = xasprintf("malformed public key");
        return -1;
    }
    if (kl != ED25519_KEY_LEN) {
        *err = xasprintf("malformed %s key", KEYTYPE);
        return -1;
    }
    memcpy(pub, key, ED25519_KEY_LEN);
    return 0;
}

int ssh_ed25519_key(const char *b64, uint8_t pub[ED25519_KEY_LEN], char **err)
{
    size_t len;
    uint8_t *blob = unbase64(b64, &len);
    int rc;

    if (!blob) {
        *err = xasprintf("the key is not base64");
        return -1;
    }
    rc = key_blob(blob, len, pub, err);
    free(blob);
    return rc;
}

char *ssh_key_fingerprint(const uint8_t pub[ED25519_KEY_LEN])
{
    uint8_t blob[4 + sizeof(KEYTYPE) - 1 + 4 + ED25519_KEY_LEN], d[SHA256_DIGEST_SIZE];
    char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
    struct sha256_ctx ctx;
    size_t n = 0, tl = sizeof(KEYTYPE) - 1;

    blob[n++] = 0, blob[n++] = 0, blob[n++] = 0, blob[n++] = (uint8_t)tl;
    memcpy(blob + n, KEYTYPE, tl);
    n += tl;
    blob[n++] = 0, blob[n++] = 0, blob[n++] = 0, blob[n++] = ED25519_KEY_LEN;
    memcpy(blob + n, pub, ED25519_KEY_LEN);
    n += ED25519_KEY_LEN;
    sha256_init(&ctx);
    sha256_update(&ctx, n, blob);
    sha256_digest(&ctx, sizeof(d), d);
    base64_encode_raw(b64, sizeof(d), d);
    b64[BASE64_ENCODE_RAW_LENGTH(sizeof(d))] = '\0';
    /* ssh-keygen drops the padding. */
    for (char *e = b64 + strlen(b64); e > b64 && e[-1] == '='; e--)
        e[-1] = '\0';
    return xasprintf("SHA256:%s", b64);
}

static int fail(char **err, const char *msg)
{
    *err = xstrdup(msg);
    return -1;
}

int sshsig_parse(const char *armor, struct sshsig *out, char **err)
{
    const char *b = strstr(armor, ARMOR_BEGIN), *e;
    char *body;
    uint8_t *blob;
    size_t len;
    struct reader r;
    uint32_t version;
    const uint8_t *pk, *ns, *reserved, *hash, *sig, *stype, *sbytes;
    size_t pkl, nsl, rl, hl, sl, stl, sbl;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    *err = NULL;
    if (!b || !(e = strstr(b, ARMOR_END)))
        return fail(err, "not an SSH signature (no BEGIN/END SSH SIGNATURE lines)");
    b += strlen(ARMOR_BEGIN);
    body = xstrndup(b, (size_t)(e - b));
    blob = unbase64(body, &len);
    free(body);
    if (!blob)
        return fail(err, "the signature is not base64");
    r = (struct reader){blob, len};
    if (len < 6 || memcmp(blob, MAGIC, 6)) {
        fail(err, "not an SSHSIG blob (magic)");
        goto out;
    }
    r.p += 6;
    r.left -= 6;
    if (get_u32(&r, &version) || version != 1) {
        fail(err, "unsupported SSHSIG version");
        goto out;
    }
    if (get_string(&r, &pk, &pkl) || get_string(&r, &ns, &nsl) ||
        get_string(&r, &reserved, &rl) || get_string(&r, &hash, &hl) ||
        get_string(&r, &sig, &sl) || r.left) {
        fail(err, "truncated or malformed SSHSIG blob");
        goto out;
    }
    if (key_blob(pk, pkl, out->pub, err))
        goto out;
    if (string_is(hash, hl, "sha512"))
        out->sha256 = 0;
    else if (string_is(hash, hl, "sha256"))
        out->sha256 = 1;
    else {
        fail(err, "unsupported hash algorithm (want sha512 or sha256)");
        goto out;
    }
    if (rl) {
        fail(err, "SSHSIG reserved field is not empty");
        goto out;
    }
    r = (struct reader){sig, sl};
    if (get_string(&r, &stype, &stl) || get_string(&r, &sbytes, &sbl) || r.left ||
        !string_is(stype, stl, KEYTYPE) || sbl != ED25519_SIG_LEN) {
        fail(err, "malformed ssh-ed25519 signature");
        goto out;
    }
    memcpy(out->sig, sbytes, ED25519_SIG_LEN);
    out->ns = xstrndup((const char *)ns, nsl);
    if (strlen(out->ns) != nsl) {
        free(out->ns);
        out->ns = NULL;
        fail(err, "a NUL in the signature's namespace");
        goto out;
    }
    rc = 0;
out:
    free(blob);
    return rc;
}

void sshsig_free(struct sshsig *s)
{
    free(s->ns);
    memset(s, 0, sizeof(*s));
}

static void put_string(struct strbuf *sb, const void *s, size_t len)
{
    char n[4] = {(char)(len >> 24), (char)(len >> 16), (char)(len >> 8), (char)len};

    sb_add(sb, n, 4);
    sb_add(sb, s, len);
}

int sshsig_verify(const struct sshsig *s, const char *ns, const void *msg, size_t len)
{
    uint8_t h[SHA512_DIGEST_SIZE];
    size_t hl;
    struct strbuf sb;
    int ok;

    uint8_t key[SIGCACHE_KEY_LEN];

    if (!s->ns || strcmp(s->ns, ns))
        return 0;
    {
        const void *parts[] = {"sshsig ed25519", s->pub, ns, s->sha256 ? "sha256" : "sha512", msg,
                               s->sig};
        size_t lens[] = {14, ED25519_KEY_LEN, strlen(ns), 6, len, ED25519_SIG_LEN};

        sigcache_key(key, parts, lens, 6);
        if (sigcache_has(key))
            return 1;
    }
    if (s->sha256) {
        struct sha256_ctx c;

        sha256_init(&c);
        sha256_update(&c, len, msg);
        sha256_digest(&c, SHA256_DIGEST_SIZE, h);
        hl = SHA256_DIGEST_SIZE;
    } else {
        struct sha512_ctx c;

        sha512_init(&c);
        sha512_update(&c, len, msg);
        sha512_digest(&c, SHA512_DIGEST_SIZE, h);
        hl = SHA512_DIGEST_SIZE;
    }
    /* The signed data of PROTOCOL.sshsig: the namespace and the message's hash. */
    sb_init(&sb);
    sb_add(&sb, MAGIC, 6);
    put_string(&sb, ns, strlen(ns));
    put_string(&sb, "", 0);
    put_string(&sb, s->sha256 ? "sha256" : "sha512", 6);
    put_string(&sb, h, hl);
    ok = ed25519_sha512_verify(s->pub, sb.len, (const uint8_t *)sb.buf, s->sig) == 1;
    sb_free(&sb);
    if (ok)
        sigcache_add(key);
    return ok;
}

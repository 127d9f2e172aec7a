/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench_sign.c - signs governance entries for the benchmarks' generated
 * histories (tests/release/bench-history.py), thousands per second, with
 * the Ed25519 private keys ssh-keygen made: running "ssh-keygen -Y sign"
 * 40 000 times would take minutes. The output is the SSHSIG blob ssh-keygen
 * writes (OpenSSH PROTOCOL.sshsig); the generator checks one of them with
 * "ssh-keygen -Y verify", so the two are known to agree.
 *
 *   bench-sign KEYFILE...        then on stdin, one request a line:
 *   INDEX NAMESPACE HEX-MESSAGE  -> base64 of the SSHSIG blob, a line
 *
 * Never part of keel-release: the tool signs only through ssh-keygen.
 */
#include <nettle/base64.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct key {
    uint8_t pub[ED25519_KEY_SIZE], seed[ED25519_KEY_SIZE];
};

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench-sign: %s: %s\n", what, msg);
    exit(1);
}

static uint32_t get_u32(const uint8_t **p, const uint8_t *end, const char *what)
{
    uint32_t v;

    if (end - *p < 4)
        die(what, "truncated key");
    v = (uint32_t)(*p)[0] << 24 | (uint32_t)(*p)[1] << 16 | (uint32_t)(*p)[2] << 8 | (*p)[3];
    *p += 4;
    return v;
}

static const uint8_t *get_string(const uint8_t **p, const uint8_t *end, size_t *len,
                                 const char *what)
{
    const uint8_t *s;

    *len = get_u32(p, end, what);
    if ((size_t)(end - *p) < *len)
        die(what, "truncated key");
    s = *p;
    *p += *len;
    return s;
}

/* An unencrypted "openssh-key-v1" file holding one ssh-ed25519 key. */
static void load_key(const char *path, struct key *k)
{
    FILE *f = fopen(path, "r");
    char line[256], b64[8192] = "";
    uint8_t blob[8192];
    const uint8_t *p = blob, *end, *s;
    struct base64_decode_ctx ctx;
    size_t len, n;

    if (!f)
        die(path, "cannot open");
    while (fgets(line, sizeof(line), f))
        if (line[0] != '-' && strlen(b64) + strlen(line) < sizeof(b64))
            strncat(b64, line, strcspn(line, "\r\n"));
    fclose(f);
    base64_decode_init(&ctx);
    if (!base64_decode_update(&ctx, &len, blob, strlen(b64), b64) || !base64_decode_final(&ctx))
        die(path, "not base64");
    end = blob + len;
    if (len < 15 || memcmp(blob, "openssh-key-v1", 15))
        die(path, "not an OpenSSH private key");
    p += 15;
    s = get_string(&p, end, &n, path);
    if (n != 4 || memcmp(s, "none", 4))
        die(path, "encrypted (the bench keys have no passphrase)");
    get_string(&p, end, &n, path); /* kdf */
    get_string(&p, end, &n, path); /* kdf options */
    if (get_u32(&p, end, path) != 1)
        die(path, "want one key");
    get_string(&p, end, &n, path); /* the public key blob */
    s = get_string(&p, end, &n, path); /* the private section */
    p = s;
    end = s + n;
    if (get_u32(&p, end, path) != get_u32(&p, end, path))
        die(path, "check words differ");
    s = get_string(&p, end, &n, path);
    if (n != 11 || memcmp(s, "ssh-ed25519", 11))
        die(path, "not an ssh-ed25519 key");
    s = get_string(&p, end, &n, path);
    if (n != ED25519_KEY_SIZE)
        die(path, "bad public key");
    memcpy(k->pub, s, ED25519_KEY_SIZE);
    s = get_string(&p, end, &n, path);
    if (n != 2 * ED25519_KEY_SIZE)
        die(path, "bad private key");
    memcpy(k->seed, s, ED25519_KEY_SIZE);
}

struct buf {
    uint8_t b[1024];
    size_t n;
};

static void put(struct buf *b, const void *s, size_t len)
{
    memcpy(b->b + b->n, s, len);
    b->n += len;
}

static void put_string(struct buf *b, const void *s, size_t len)
{
    uint8_t n[4] = {(uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8),
                    (uint8_t)len};

    put(b, n, 4);
    put(b, s, len);
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;

    for (; hex[0] && hex[1] && n < cap; hex += 2) {
        unsigned v;

        if (sscanf(hex, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
    }
    return n;
}

int main(int argc, char **argv)
{
    struct key *keys = calloc((size_t)argc, sizeof(*keys));
    static char line[1 << 16];
    static uint8_t msg[1 << 15];

    if (argc < 2)
        die("usage", "bench-sign KEYFILE... < requests");
    for (int i = 1; i < argc; i++)
        load_key(argv[i], &keys[i - 1]);
    while (fgets(line, sizeof(line), stdin)) {
        char ns[64], *hex;
        int idx, off;
        struct sha512_ctx h;
        uint8_t digest[SHA512_DIGEST_SIZE], sig[ED25519_SIGNATURE_SIZE];
        struct buf data = {0}, pk = {0}, sg = {0}, out = {0};
        char b64[BASE64_ENCODE_RAW_LENGTH(sizeof(out.b)) + 1];
        uint8_t version[4] = {0, 0, 0, 1};
        size_t mlen;

        if (sscanf(line, "%d %63s %n", &idx, ns, &off) != 2 || idx < 0 || idx >= argc - 1)
            die("stdin", "want INDEX NAMESPACE HEX-MESSAGE");
        hex = line + off;
        hex[strcspn(hex, "\r\n")] = '\0';
        mlen = unhex(hex, msg, sizeof(msg));
        sha512_init(&h);
        sha512_update(&h, mlen, msg);
        sha512_digest(&h, sizeof(digest), digest);
        /* What is signed: PROTOCOL.sshsig's "SSHSIG" preamble and the message's hash. */
        put(&data, "SSHSIG", 6);
        put_string(&data, ns, strlen(ns));
        put_string(&data, "", 0);
        put_string(&data, "sha512", 6);
        put_string(&data, digest, sizeof(digest));
        ed25519_sha512_sign(keys[idx].pub, keys[idx].seed, data.n, data.b, sig);
        put_string(&pk, "ssh-ed25519", 11);
        put_string(&pk, keys[idx].pub, ED25519_KEY_SIZE);
        put_string(&sg, "ssh-ed25519", 11);
        put_string(&sg, sig, sizeof(sig));
        put(&out, "SSHSIG", 6);
        put(&out, version, 4);
        put_string(&out, pk.b, pk.n);
        put_string(&out, ns, strlen(ns));
        put_string(&out, "", 0);
        put_string(&out, "sha512", 6);
        put_string(&out, sg.b, sg.n);
        base64_encode_raw(b64, out.n, out.b);
        b64[BASE64_ENCODE_RAW_LENGTH(out.n)] = '\0';
        printf("%s\n", b64);
        fflush(stdout); /* the generator waits for each batch's answers */
    }
    free(keys);
    return 0;
}

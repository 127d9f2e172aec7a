/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * record.c - reading, verifying and appending decision records.
 */
#include "record.h"

#include <ctype.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int change_id_valid(const char *id)
{
    if (id[0] != 'I' || strlen(id) != 41)
        return 0;
    for (int i = 1; i < 41; i++)
        if (!isxdigit((unsigned char)id[i]) || isupper((unsigned char)id[i]))
            return 0;
    return 1;
}

void sha256_hex(const void *data, size_t len, char *out)
{
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];

    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof(d), d);
    for (size_t i = 0; i < sizeof(d); i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

const char *entry_get(const struct entry *e, const char *key)
{
    for (size_t i = 0; i < e->keys.n; i++)
        if (!strcasecmp(e->keys.v[i], key))
            return e->values.v[i];
    return NULL;
}

void entry_set(struct entry *e, const char *key, const char *value)
{
    sl_push(&e->keys, xstrdup(key));
    sl_push(&e->values, xstrdup(value));
}

static void entry_free(struct entry *e)
{
    sl_free(&e->keys);
    sl_free(&e->values);
    free(e->chain);
    free(e->signature);
    free(e->text);
}

void record_free(struct record *r)
{
    for (size_t i = 0; i < r->n; i++)
        entry_free(&r->v[i]);
    free(r->v);
    free(r->change_id);
    free(r->base_chain);
    memset(r, 0, sizeof(*r));
}

static struct entry *new_entry(struct record *r, unsigned line)
{
    struct entry *e;

    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
    }
    e = &r->v[r->n++];
    memset(e, 0, sizeof(*e));
    e->line = line;
    return e;
}

/* The hashed text of an entry: its fields, as written, without Chain. */
static char *entry_text(const struct entry *e)
{
    struct strbuf sb;

    sb_init(&sb);
    sb_add(&sb, "", 0);
    for (size_t i = 0; i < e->keys.n; i++) {
        sb_printf(&sb, "%s: ", e->keys.v[i]);
        for (const char *p = e->values.v[i]; *p; p++) {
            sb_add(&sb, p, 1);
            if (*p == '\n')
                sb_add(&sb, " ", 1);
        }
        sb_add(&sb, "\n", 1);
    }
    return sb.buf;
}

static char *fail(struct record *r, const char *what, unsigned line, const char *msg)
{
    record_free(r);
    return xasprintf("%s:%u: %s", what, line, msg);
}

/*
 * The field being read, kept in a buffer until the next one starts: a value
 * of many continuation lines costs its length, not its length squared.
 */
struct pending {
    struct entry *e;
    char *key;
    struct strbuf val;
    int sig; /* the Signature: armor */
};

static void pending_flush(struct pending *p)
{
    if (!p->e)
        return;
    if (p->sig)
        p->e->signature = p->val.buf;
    else if (p->key) {
        sl_push(&p->e->keys, p->key);
        sl_push(&p->e->values, p->val.buf);
        p->key = NULL;
    } else {
        sb_free(&p->val);
    }
    sb_init(&p->val);
    p->sig = 0;
}

/* A field's first line; most values have no other, so one exact allocation. */
static void pending_start(struct pending *p, const char *s, size_t n, size_t room)
{
    p->val.cap = (n > room ? n : room) + 1;
    p->val.buf = xmalloc(p->val.cap);
    memcpy(p->val.buf, s, n);
    p->val.buf[n] = '\0';
    p->val.len = n;
}

/*
 * An entry's hashed text is its lines before Chain: as written, a tab that
 * starts a continuation line read as the space entry_text() writes.
 */
static char *raw_text(const char *start, const char *end)
{
    char *t = xstrndup(start, (size_t)(end - start));

    for (char *c = strchr(t, '\n'); c; c = strchr(c + 1, '\n'))
        if (c[1] == '\t')
            c[1] = ' ';
    return t;
}

/*
 * The entry being read is complete: its hashed text is made, and with fn it
 * is handed over and freed, so that a record is read in constant memory.
 */
static void complete(struct record *r, struct entry *e, const char *stanza, const char *chain_at,
                     record_fn fn, void *arg)
{
    if (!e->text)
        e->text = chain_at ? raw_text(stanza, chain_at) : entry_text(e);
    if (fn) {
        fn(arg, r, e);
        entry_free(e);
        r->n--;
    }
}

static char *parse(struct record *r, const char *change_id, const char *text, const char *what,
                   unsigned line0, record_fn fn, void *arg)
{
    const char *line = text, *next, *stanza = NULL, *chain_at = NULL;
    unsigned lineno = line0;
    struct entry *cur = NULL;
    struct pending p = {0};

    memset(r, 0, sizeof(*r));
    r->change_id = xstrdup(change_id);
    sb_init(&p.val);
    for (; *line; line = next) {
        const char *nl = strchr(line, '\n'), *colon, *eol;
        size_t klen;

        eol = nl ? nl : line + strlen(line);
        next = nl ? nl + 1 : eol;
        lineno++;
        if (eol == line) {
            pending_flush(&p);
            if (cur)
                complete(r, cur, stanza, chain_at, fn, arg);
            cur = NULL;
            p.e = NULL;
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            if (!cur || (!p.sig && (!p.key || cur->chain))) {
                pending_flush(&p);
                sb_free(&p.val);
                return fail(r, what, lineno, "continuation line with no field to continue");
            }
            sb_add(&p.val, "\n", 1);
            sb_add(&p.val, line + 1, (size_t)(eol - line - 1));
            continue;
        }
        colon = memchr(line, ':', (size_t)(eol - line));
        if (!colon || colon == line || colon + 1 == eol || colon[1] != ' ') {
            pending_flush(&p);
            sb_free(&p.val);
            return fail(r, what, lineno, "want \"Key: value\"");
        }
        klen = (size_t)(colon - line);
        for (const char *k = line; k < colon; k++)
            if (!isalnum((unsigned char)*k) && *k != '-') {
                pending_flush(&p);
                sb_free(&p.val);
                return fail(r, what, lineno, "bad field name");
            }
        pending_flush(&p);
        if (!cur) {
            cur = new_entry(r, lineno);
            stanza = line;
            chain_at = NULL;
            p.e = cur;
        }
        if (cur->signature) {
            sb_free(&p.val);
            return fail(r, what, lineno, "field after Signature: (Signature: ends an entry)");
        }
        if (cur->chain && klen == 9 && !memcmp(line, "Signature", 9)) {
            p.sig = 1;
            pending_start(&p, colon + 2, (size_t)(eol - colon - 2), 512);
            continue;
        }
        if (cur->chain) {
            sb_free(&p.val);
            return fail(r, what, lineno, "field after Chain: (only Signature: may follow it)");
        }
        if (klen == 5 && !memcmp(line, "Chain", 5)) {
            cur->chain = xstrndup(colon + 2, (size_t)(eol - colon - 2));
            chain_at = line;
            continue;
        }
        p.key = xstrndup(line, klen);
        pending_start(&p, colon + 2, (size_t)(eol - colon - 2), 0);
        if (klen == 5 && !memcmp(line, "Entry", 5) && !cur->keys.n) {
            char *end;
            long n = strtol(p.val.buf, &end, 10);

            cur->number = (*end || n <= 0 || n > 1000000) ? 0 : (unsigned)n;
        }
    }
    pending_flush(&p);
    sb_free(&p.val);
    if (cur)
        complete(r, cur, stanza, chain_at, fn, arg);
    return NULL;
}

char *record_parse(struct record *r, const char *change_id, const char *text, const char *what)
{
    return parse(r, change_id, text, what, 0, NULL, NULL);
}

char *record_each(const char *change_id, const char *text, const char *what, record_fn fn,
                  void *arg)
{
    return record_each_at(change_id, text, what, 0, fn, arg);
}

char *record_each_at(const char *change_id, const char *text, const char *what, unsigned line0,
                     record_fn fn, void *arg)
{
    struct record r;
    char *err = parse(&r, change_id, text, what, line0, fn, arg);

    if (!err)
        record_free(&r);
    return err;
}


void record_chain_for(const struct record *r, size_t i, char *out)
{
    const char *prev = NULL;

    if (i)
        prev = r->v[i - 1].chain ? r->v[i - 1].chain : "";
    else if (r->base)
        prev = r->base_chain ? r->base_chain : "";
    record_chain_next(r->change_id, prev, r->v[i].text, out);
}

void record_chain_next(const char *change_id, const char *prev_chain, const char *text,
                       char *out)
{
    char prev[CHAIN_HEX + 1];

    if (!prev_chain) {
        char *data = xasprintf("keel-governance %s", change_id);

        sha256_hex(data, strlen(data), prev);
        free(data);
    } else {
        snprintf(prev, sizeof(prev), "%s", prev_chain);
    }
    {
        struct sha256_ctx ctx;
        uint8_t d[SHA256_DIGEST_SIZE];
        static const char hex[] = "0123456789abcdef";

        sha256_init(&ctx);
        sha256_update(&ctx, strlen(prev), (const uint8_t *)prev);
        sha256_update(&ctx, 1, (const uint8_t *)"\n");
        sha256_update(&ctx, strlen(text), (const uint8_t *)text);
        sha256_digest(&ctx, sizeof(d), d);
        for (size_t k = 0; k < sizeof(d); k++) {
            out[2 * k] = hex[d[k] >> 4];
            out[2 * k + 1] = hex[d[k] & 15];
        }
        out[2 * sizeof(d)] = '\0';
    }
}

char *record_verify(const struct record *r, const char *what)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct entry *e = &r->v[i];
        char want[CHAIN_HEX + 1];

        if (e->number != i + 1)
            return xasprintf("%s:%u: entry %zu: numbered \"%s\" (entries reordered, inserted or "
                             "deleted)",
                             what, e->line, i + 1,
                             entry_get(e, "Entry") ? entry_get(e, "Entry") : "(none)");
        if (!e->chain)
            return xasprintf("%s:%u: entry %zu: no Chain: field", what, e->line, i + 1);
        record_chain_for(r, i, want);
        if (strcmp(want, e->chain))
            return xasprintf("%s:%u: entry %zu: Chain does not match (the entry or one before "
                             "it was edited, reordered or deleted)",
                             what, e->line, i + 1);
    }
    return NULL;
}

char *record_signed_text(const struct record *r, size_t i)
{
    return entry_signed_text(r->change_id, r->base + i, &r->v[i]);
}

char *entry_signed_text(const char *change_id, size_t i, const struct entry *e)
{
    /* "keel-governance entry\nChange-Id: %s\nEntry: %zu\nChain: %s\n", without printf: once per entry. */
    const char *chain = e->chain ? e->chain : "";
    char num[24], *out, *p;
    size_t k = sizeof(num), nl, cl = strlen(change_id), hl = strlen(chain);
    size_t v = i + 1;

    /* The entry number's digits, written from the end of num. */
    do {
        num[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    nl = sizeof(num) - k;
    out = p = xmalloc(sizeof("keel-governance entry\nChange-Id: \nEntry: \nChain: \n") + cl + nl + hl);
    memcpy(p, "keel-governance entry\nChange-Id: ", 33);
    p += 33;
    memcpy(p, change_id, cl);
    p += cl;
    memcpy(p, "\nEntry: ", 8);
    p += 8;
    memcpy(p, num + k, nl);
    p += nl;
    memcpy(p, "\nChain: ", 8);
    p += 8;
    memcpy(p, chain, hl);
    p += hl;
    memcpy(p, "\n", 2);
    return out;
}

void record_append(struct record *r, struct entry *e)
{
    struct entry *slot;
    char num[16], chain[CHAIN_HEX + 1];
    struct entry numbered = {0};

    snprintf(num, sizeof(num), "%zu", r->base + r->n + 1);
    entry_set(&numbered, "Entry", num);
    for (size_t i = 0; i < e->keys.n; i++)
        entry_set(&numbered, e->keys.v[i], e->values.v[i]);
    entry_free(e);
    memset(e, 0, sizeof(*e));
    slot = new_entry(r, 0);
    *slot = numbered;
    slot->number = (unsigned)(r->base + r->n);
    slot->text = entry_text(slot);
    record_chain_for(r, r->n - 1, chain);
    slot->chain = xstrdup(chain);
}

char *record_format(const struct record *r)
{
    return record_format_from(r, 0);
}

char *record_format_from(const struct record *r, size_t from)
{
    struct strbuf sb;

    sb_init(&sb);
    sb_add(&sb, "", 0);
    for (size_t i = from; i < r->n; i++) {
        sb_printf(&sb, "%s%sChain: %s\n", r->base + i ? "\n" : "", r->v[i].text, r->v[i].chain);
        if (r->v[i].signature) {
            sb_puts(&sb, "Signature: ");
            for (const char *p = r->v[i].signature; *p; p++) {
                sb_add(&sb, p, 1);
                if (*p == '\n')
                    sb_add(&sb, " ", 1);
            }
            sb_add(&sb, "\n", 1);
        }
    }
    return sb.buf;
}

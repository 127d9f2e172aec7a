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

char *record_parse(struct record *r, const char *change_id, const char *text, const char *what)
{
    char *copy = xstrdup(text), *line = copy, *next;
    unsigned lineno = 0;
    struct entry *cur = NULL;
    char *err = NULL;

    memset(r, 0, sizeof(*r));
    r->change_id = xstrdup(change_id);
    for (; line && !err; line = next) {
        char *colon;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else if (!*line)
            break;
        lineno++;
        if (!*line) {
            cur = NULL;
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            char *joined;

            if (cur && cur->signature) {
                joined = xasprintf("%s\n%s", cur->signature, line + 1);
                free(cur->signature);
                cur->signature = joined;
                continue;
            }
            if (!cur || !cur->keys.n || cur->chain) {
                err = fail(r, what, lineno, "continuation line with no field to continue");
                break;
            }
            joined = xasprintf("%s\n%s", cur->values.v[cur->values.n - 1], line + 1);
            free(cur->values.v[cur->values.n - 1]);
            cur->values.v[cur->values.n - 1] = joined;
            continue;
        }
        colon = strchr(line, ':');
        if (!colon || colon == line || colon[1] != ' ') {
            err = fail(r, what, lineno, "want \"Key: value\"");
            break;
        }
        *colon = '\0';
        for (const char *k = line; *k; k++)
            if (!isalnum((unsigned char)*k) && *k != '-') {
                err = fail(r, what, lineno, "bad field name");
                break;
            }
        if (err)
            break;
        if (!cur)
            cur = new_entry(r, lineno);
        if (cur->signature) {
            err = fail(r, what, lineno, "field after Signature: (Signature: ends an entry)");
            break;
        }
        if (cur->chain && !strcmp(line, "Signature")) {
            cur->signature = xstrdup(colon + 2);
            continue;
        }
        if (cur->chain) {
            err = fail(r, what, lineno, "field after Chain: (only Signature: may follow it)");
            break;
        }
        if (!strcmp(line, "Chain")) {
            cur->chain = xstrdup(colon + 2);
            continue;
        }
        if (!strcmp(line, "Entry") && !cur->keys.n) {
            char *end;
            long n = strtol(colon + 2, &end, 10);

            cur->number = (*end || n <= 0 || n > 1000000) ? 0 : (unsigned)n;
        }
        entry_set(cur, line, colon + 2);
    }
    free(copy);
    if (err)
        return err;
    for (size_t i = 0; i < r->n; i++)
        r->v[i].text = entry_text(&r->v[i]);
    return NULL;
}

void record_chain_for(const struct record *r, size_t i, char *out)
{
    char prev[CHAIN_HEX + 1];
    char *data;

    if (i == 0) {
        data = xasprintf("keel-governance %s", r->change_id);
        sha256_hex(data, strlen(data), prev);
        free(data);
    } else {
        const char *c = r->v[i - 1].chain ? r->v[i - 1].chain : "";

        snprintf(prev, sizeof(prev), "%s", c);
    }
    data = xasprintf("%s\n%s", prev, r->v[i].text);
    sha256_hex(data, strlen(data), out);
    free(data);
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
    return xasprintf("keel-governance entry\nChange-Id: %s\nEntry: %zu\nChain: %s\n",
                     r->change_id, i + 1, r->v[i].chain ? r->v[i].chain : "");
}

void record_append(struct record *r, struct entry *e)
{
    struct entry *slot;
    char num[16], chain[CHAIN_HEX + 1];
    struct entry numbered = {0};

    snprintf(num, sizeof(num), "%zu", r->n + 1);
    entry_set(&numbered, "Entry", num);
    for (size_t i = 0; i < e->keys.n; i++)
        entry_set(&numbered, e->keys.v[i], e->values.v[i]);
    entry_free(e);
    memset(e, 0, sizeof(*e));
    slot = new_entry(r, 0);
    *slot = numbered;
    slot->number = (unsigned)r->n;
    slot->text = entry_text(slot);
    record_chain_for(r, r->n - 1, chain);
    slot->chain = xstrdup(chain);
}

char *record_format(const struct record *r)
{
    struct strbuf sb;

    sb_init(&sb);
    sb_add(&sb, "", 0);
    for (size_t i = 0; i < r->n; i++) {
        sb_printf(&sb, "%s%sChain: %s\n", i ? "\n" : "", r->v[i].text, r->v[i].chain);
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

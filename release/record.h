/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * record.h - governance/changes/<Change-Id>: one change's decisions, as
 * RFC 822-style stanzas separated by blank lines, appended only. Each entry:
 *
 *   Entry: 3
 *   Verdict: nack
 *   By: Alice Example <alice@example.org>
 *   Role: maintainer (PUBLIC ABI)
 *   Date: 2026-11-21T16:30:00Z
 *   Reason: text (continuation lines start with a space)
 *   Chain: <sha256 hex of the previous entry's Chain and this entry's text>
 *   Signature: -----BEGIN SSH SIGNATURE-----
 *    U1NIU0lH...
 *    -----END SSH SIGNATURE-----
 *
 * The Signature (ssh-keygen -Y sign -n keel-governance, by the person of
 * By:) is over record_signed_text(): the Change-Id, the entry number and
 * the Chain, which covers the entry and every one before it.
 *
 * The first entry chains from the sha256 of "keel-governance <Change-Id>",
 * so an entry cannot be moved to another change's file either.
 */
#ifndef KEEL_RELEASE_RECORD_H
#define KEEL_RELEASE_RECORD_H

#include <stddef.h>

#include "util.h"

#define RECORD_DIR "governance/changes"
#define CHAIN_HEX 64

struct entry {
    unsigned number;             /* the Entry: field (0 when missing or malformed) */
    unsigned line;               /* where the stanza starts in the file */
    struct strlist keys, values; /* the fields in file order, Chain excluded */
    char *chain;                 /* the Chain: field, NULL when missing */
    char *signature;             /* the Signature: armor (lines joined by '\n'), or NULL */
    char *text;                  /* the stanza without its Chain line: what is hashed */
};

struct record {
    char *change_id;
    struct entry *v;
    size_t n, cap; /* cap grows geometrically: parsing stays linear */
    /*
     * Entries before v[0] that are not held (review appending from a
     * checkpoint): their number, and the Chain of the last of them.
     */
    size_t base;
    char *base_chain;
};

/* "I" and 40 lower-case hex digits. */
int change_id_valid(const char *id);

/*
 * Parses a record's text. A syntax error (a line that is no "Key: value",
 * a continuation with nothing to continue) is returned as an allocated
 * "file:line: message" and the record is left empty; NULL on success.
 */
char *record_parse(struct record *r, const char *change_id, const char *text, const char *what);
void record_free(struct record *r);
/*
 * The same, one entry at a time: fn gets each complete entry (r holds the
 * change id; the entry is freed when fn returns), so that a record of any
 * length is read in constant memory. A syntax error stops it, returned as
 * by record_parse() after the entries before it were handed over.
 */
typedef void (*record_fn)(void *arg, const struct record *r, const struct entry *e);
char *record_each(const char *change_id, const char *text, const char *what, record_fn fn,
                  void *arg);
/*
 * The same for a piece of a record that starts an entry, after line0 lines:
 * a long record is read a piece at a time (gate.c), each ending after a
 * blank line, where no entry goes on.
 */
char *record_each_at(const char *change_id, const char *text, const char *what, unsigned line0,
                     record_fn fn, void *arg);

const char *entry_get(const struct entry *e, const char *key);
/* Appends a field; value may hold newlines (written as continuation lines). */
void entry_set(struct entry *e, const char *key, const char *value);

/* SHA-256 of data as 64 lower-case hex digits into out (65 bytes). */
void sha256_hex(const void *data, size_t len, char *out);
/* The chain value entry i must carry, from the one before it (or the seed). */
void record_chain_for(const struct record *r, size_t i, char *out);
/* The same from the previous entry's Chain (NULL for the first entry) and this one's text. */
void record_chain_next(const char *change_id, const char *prev_chain, const char *text,
                       char *out);
/*
 * Verifies numbering and chain. Returns NULL when intact, else a message
 * naming the first bad entry (its number and line).
 */
char *record_verify(const struct record *r, const char *what);

/* What the signature of entry i is over (allocated). */
char *record_signed_text(const struct record *r, size_t i);
/* The same for entry e, the (i+1)th of change_id's record. */
char *entry_signed_text(const char *change_id, size_t i, const struct entry *e);

/* Numbers, chains and appends e (taken over) to r. */
void record_append(struct record *r, struct entry *e);
/* The whole record as text, every entry followed by a blank line except the last. */
char *record_format(const struct record *r);
/* The entries from v[from] on, as they are appended to the record's file. */
char *record_format_from(const struct record *r, size_t from);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tags.c - reading "@abi" tag comments.
 *
 * Tags are read from the header text rather than from clang's comment API
 * because libclang only attaches documentation comments ("/" "**") to
 * declarations, never to macros, and the tag format is a single line.
 */
#include "tags.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static void set_version(char *dst, size_t len, const char *val, const char *path,
                        unsigned line, const char *key)
{
    struct version v;

    if (version_parse(val, &v))
        fatal("%s:%u: @abi %s=%s is not a release number X.Y", path, line, key, val);
    if (dst[0])
        fatal("%s:%u: @abi %s given twice", path, line, key);
    snprintf(dst, len, "%s", val);
}

static int is_identifier(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

static void parse_pair(struct abi_tags *t, const char *tok, const char *path, unsigned line)
{
    const char *eq = strchr(tok, '=');
    char key[32];
    const char *val;

    if (!eq || eq == tok || !eq[1])
        fatal("%s:%u: malformed @abi tag \"%s\" (want key=value)", path, line, tok);
    snprintf(key, sizeof(key), "%.*s", (int)(eq - tok), tok);
    val = eq + 1;
    if (!strcmp(key, "since")) {
        set_version(t->since, sizeof(t->since), val, path, line, key);
    } else if (!strcmp(key, "deprecated")) {
        set_version(t->deprecated, sizeof(t->deprecated), val, path, line, key);
    } else if (!strcmp(key, "removed")) {
        set_version(t->removed, sizeof(t->removed), val, path, line, key);
    } else if (!strcmp(key, "replacement")) {
        if (t->replacement[0])
            fatal("%s:%u: @abi replacement given twice", path, line);
        if (!is_identifier(val) || strlen(val) >= sizeof(t->replacement))
            fatal("%s:%u: @abi replacement=%s is not an identifier", path, line, val);
        snprintf(t->replacement, sizeof(t->replacement), "%s", val);
    } else {
        fatal("%s:%u: unknown @abi key \"%s\" (known: since, deprecated, removed, "
              "replacement)",
              path, line, key);
    }
}

static void check_order(const struct abi_tags *t, const char *path, unsigned line)
{
    struct version s, d, r;

    if (!t->since[0] && (t->deprecated[0] || t->removed[0]))
        fatal("%s:%u: @abi tag without since=", path, line);
    if (t->replacement[0] && !t->deprecated[0] && !t->removed[0])
        fatal("%s:%u: @abi replacement= on an item that is not deprecated", path, line);
    if (!t->since[0])
        fatal("%s:%u: empty @abi tag", path, line);
    version_parse(t->since, &s);
    if (t->deprecated[0]) {
        version_parse(t->deprecated, &d);
        if (version_cmp(d, s) < 0)
            fatal("%s:%u: @abi deprecated=%s is before since=%s", path, line, t->deprecated,
                  t->since);
    }
    if (t->removed[0]) {
        version_parse(t->removed, &r);
        if (version_cmp(r, s) < 0 || (t->deprecated[0] && version_cmp(r, d) < 0))
            fatal("%s:%u: @abi removed=%s is before the item was added or deprecated", path,
                  line, t->removed);
    }
}

/* Parses "@abi k=v k=v" and the comment end; p..end is one line. */
static void parse_tag_line(const char *p, const char *end, const char *path, unsigned line,
                           struct abi_tags *t)
{
    const char *close = NULL;

    for (const char *q = p; q + 1 < end; q++) {
        if (q[0] == '*' && q[1] == '/') {
            close = q;
            break;
        }
    }
    if (!close)
        fatal("%s:%u: @abi tag must be a one-line comment", path, line);
    if (skip_space(close + 2, end) != end)
        fatal("%s:%u: text after the @abi tag comment", path, line);
    memset(t, 0, sizeof(*t));
    t->present = 1;
    t->line = line;
    p += strlen("@abi");
    while ((p = skip_space(p, close)) < close) {
        const char *s = p;
        char *tok;

        while (p < close && *p != ' ' && *p != '\t')
            p++;
        tok = xstrndup(s, (size_t)(p - s));
        parse_pair(t, tok, path, line);
        free(tok);
    }
    check_order(t, path, line);
}

void tags_scan(const char *path, const char *text, size_t len, struct file_tags *out)
{
    const char *p = text, *end = text + len;
    unsigned line = 0;
    size_t cap = 0;

    out->v = NULL;
    out->n = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q;

        if (!eol)
            eol = end;
        line++;
        q = skip_space(p, eol);
        if (eol - q >= 2 && q[0] == '/' && q[1] == '*') {
            q = skip_space(q + 2, eol);
            if (eol - q >= 4 && !strncmp(q, "@abi", 4) &&
                (eol - q == 4 || q[4] == ' ' || q[4] == '\t' || q[4] == '*')) {
                if (out->n == cap) {
                    cap = cap ? cap * 2 : 64;
                    out->v = xrealloc(out->v, cap * sizeof(*out->v));
                }
                parse_tag_line(q, eol, path, line, &out->v[out->n++]);
            }
        }
        p = eol + 1;
    }
}

const struct abi_tags *tags_before(const struct file_tags *ft, unsigned item_line)
{
    size_t lo = 0, hi = ft->n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (ft->v[mid].line == item_line - 1)
            return &ft->v[mid];
        if (ft->v[mid].line < item_line - 1)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void tags_free(struct file_tags *ft)
{
    free(ft->v);
    ft->v = NULL;
    ft->n = 0;
}

static int known_version(const char *s, const struct version *releases, size_t n,
                         const struct version *next)
{
    struct version v;

    version_parse(s, &v);
    if (next && !version_cmp(v, *next))
        return 1;
    /* With no release being cut, anything after the last release is upcoming. */
    if (!next && (!n || version_cmp(v, releases[n - 1]) > 0))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (!version_cmp(v, releases[i]))
            return 1;
    return 0;
}

char *tags_check_versions(const struct abi_tags *t, const struct version *releases,
                          size_t nreleases, const struct version *next)
{
    const char *keys[] = {"since", "deprecated", "removed"};
    const char *vals[] = {t->since, t->deprecated, t->removed};

    for (size_t i = 0; i < 3; i++) {
        if (vals[i][0] && !known_version(vals[i], releases, nreleases, next))
            return xasprintf("@abi %s=%s is not a release", keys[i], vals[i]);
    }
    return NULL;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * headers.c - header sets: loading, the include graph, root headers.
 */
#include "headers.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct header_set *headers_new(const char *display_root)
{
    struct header_set *hs = xcalloc(1, sizeof(*hs));

    hs->display_root = xstrdup(display_root);
    return hs;
}

void headers_add(struct header_set *hs, const char *path, const char *text, size_t len,
                 const char *hash)
{
    struct header_file *f;
    char *shown;

    hs->files = xrealloc(hs->files, (hs->n + 1) * sizeof(*hs->files));
    f = &hs->files[hs->n++];
    memset(f, 0, sizeof(*f));
    f->path = xstrdup(path);
    f->text = xstrndup(text, len);
    f->len = len;
    if (hash) {
        snprintf(f->hash, sizeof(f->hash), "%s", hash);
    } else {
        git_oid oid;

        if (git_odb_hash(&oid, text, len, GIT_OBJECT_BLOB))
            fatal("%s: cannot hash", path);
        git_oid_tostr(f->hash, sizeof(f->hash), &oid);
    }
    shown = headers_display(hs, path);
    tags_scan(shown, f->text, f->len, &f->tags);
    free(shown);
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const struct header_file *)a)->path, ((const struct header_file *)b)->path);
}

const struct header_file *headers_find(const struct header_set *hs, const char *path)
{
    struct header_file key = {.path = (char *)path};

    if (!hs->n)
        return NULL;
    return bsearch(&key, hs->files, hs->n, sizeof(*hs->files), cmp_file);
}

char *headers_display(const struct header_set *hs, const char *path)
{
    if (!hs->display_root[0] || !strcmp(hs->display_root, "."))
        return xstrdup(path);
    return xasprintf("%s/%s", hs->display_root, path);
}

/* Joins dir and name, folding "." and ".." so that the result can be looked up. */
static char *normalise_path(const char *dir, const char *name)
{
    char *joined = dir[0] ? xasprintf("%s/%s", dir, name) : xstrdup(name);
    char *parts[128];
    size_t n = 0;
    struct strbuf out;

    for (char *tok = strtok(joined, "/"); tok; tok = strtok(NULL, "/")) {
        if (!strcmp(tok, "."))
            continue;
        if (!strcmp(tok, "..")) {
            if (n)
                n--;
            continue;
        }
        if (n < 128)
            parts[n++] = tok;
    }
    sb_init(&out);
    sb_add(&out, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_puts(&out, "/");
        sb_puts(&out, parts[i]);
    }
    free(joined);
    return out.buf;
}

/*
 * Quoted includes only: they are how headers of one set refer to each other.
 * A textual scan is enough because it only decides which headers to parse
 * as roots; clang does the real preprocessing.
 */
static void scan_includes(struct header_set *hs, struct header_file *f)
{
    const char *p = f->text, *end = f->text + f->len;
    char *dir = xstrdup(f->path), *slash = strrchr(dir, '/');

    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p, *name, *close;

        if (!eol)
            eol = end;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        if (q < eol && *q == '#') {
            q++;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (eol - q > 7 && !strncmp(q, "include", 7)) {
                q += 7;
                while (q < eol && (*q == ' ' || *q == '\t'))
                    q++;
                if (q < eol && *q == '"' && (close = memchr(q + 1, '"', (size_t)(eol - q - 1)))) {
                    char *inc;
                    char *rel;

                    name = q + 1;
                    inc = xstrndup(name, (size_t)(close - name));
                    rel = normalise_path(dir, inc);
                    if (!headers_find(hs, rel)) {
                        free(rel);
                        rel = normalise_path("", inc);
                    }
                    if (headers_find(hs, rel) && strstr(inc, "..") && dir[0]) {
                        sl_push(&f->dotted, xstrdup(inc));
                        sl_push(&f->dotted_to, xstrdup(rel));
                    }
                    if (headers_find(hs, rel) && !sl_contains(&f->includes, rel))
                        sl_push(&f->includes, rel);
                    else
                        free(rel);
                    free(inc);
                }
            }
        }
        p = eol + 1;
    }
    free(dir);
}

/*
 * clang names an included file by the includer's path as it opened it plus
 * the include as written ("hvm/../arch-x86/hvm/../../xen.h"), and finds an
 * in-memory file only by that exact name. Every such spelling reachable
 * through "../" includes becomes an alias of the file it means.
 */
#define MAX_ALIASES 32

static int add_alias(struct header_file *t, const char *spelling, const char *inc)
{
    const char *slash = strrchr(spelling, '/');
    char *raw;

    if (!slash || t->aliases.n >= MAX_ALIASES)
        return 0;
    raw = xasprintf("%.*s/%s", (int)(slash - spelling), spelling, inc);
    if (!strcmp(raw, t->path) || sl_contains(&t->aliases, raw)) {
        free(raw);
        return 0;
    }
    sl_push(&t->aliases, raw);
    return 1;
}

static void add_aliases(struct header_set *hs)
{
    int grew = 1;

    while (grew) {
        grew = 0;
        for (size_t i = 0; i < hs->n; i++) {
            struct header_file *f = &hs->files[i];

            for (size_t k = 0; k < f->dotted.n; k++) {
                struct header_file *t = (struct header_file *)headers_find(hs, f->dotted_to.v[k]);

                grew |= add_alias(t, f->path, f->dotted.v[k]);
                for (size_t a = 0; a < f->aliases.n; a++)
                    grew |= add_alias(t, f->aliases.v[a], f->dotted.v[k]);
            }
        }
    }
}

void headers_finish(struct header_set *hs)
{
    if (hs->n)
        qsort(hs->files, hs->n, sizeof(*hs->files), cmp_file);
    for (size_t i = 1; i < hs->n; i++)
        if (!strcmp(hs->files[i - 1].path, hs->files[i].path))
            fatal("%s: listed twice", hs->files[i].path);
    for (size_t i = 0; i < hs->n; i++)
        scan_includes(hs, &hs->files[i]);
    add_aliases(hs);
}

static void walk_dir(struct header_set *hs, const char *base, const char *rel)
{
    char *full = rel[0] ? xasprintf("%s/%s", base, rel) : xstrdup(base);
    DIR *d = opendir(full);
    struct dirent *de;
    struct strlist names = {0};

    if (!d)
        fatal("%s: cannot read directory: %s", full, strerror(errno));
    while ((de = readdir(d)))
        if (de->d_name[0] != '.')
            sl_push(&names, xstrdup(de->d_name));
    closedir(d);
    sl_sort(&names);
    for (size_t i = 0; i < names.n; i++) {
        char *r = rel[0] ? xasprintf("%s/%s", rel, names.v[i]) : xstrdup(names.v[i]);
        char *path = xasprintf("%s/%s", base, r);
        struct stat st;

        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_dir(hs, base, r);
        } else if (ends_with(names.v[i], ".h")) {
            size_t len;
            char *text = read_file(path, &len);

            if (!text)
                fatal("%s: cannot read: %s", path, strerror(errno));
            headers_add(hs, r, text, len, NULL);
            free(text);
        }
        free(path);
        free(r);
    }
    sl_free(&names);
    free(full);
}

struct header_set *headers_from_dir(const char *dir)
{
    struct header_set *hs;
    struct stat st;
    char *root = xstrdup(dir);
    size_t l = strlen(root);

    while (l > 1 && root[l - 1] == '/')
        root[--l] = '\0';
    if (stat(root, &st) || !S_ISDIR(st.st_mode))
        fatal("%s: not a directory", dir);
    hs = headers_new(root);
    walk_dir(hs, root, "");
    if (!hs->n)
        fatal("%s: no headers (*.h) found", dir);
    headers_finish(hs);
    free(root);
    return hs;
}

static size_t index_of(const struct header_set *hs, const char *path)
{
    return (size_t)((const struct header_file *)headers_find(hs, path) - hs->files);
}

static void mark_closure(const struct header_set *hs, size_t i, char *seen)
{
    if (seen[i])
        return;
    seen[i] = 1;
    for (size_t k = 0; k < hs->files[i].includes.n; k++)
        mark_closure(hs, index_of(hs, hs->files[i].includes.v[k]), seen);
}

void headers_closure(const struct header_set *hs, const char *path, struct strlist *out)
{
    char *seen = xcalloc(hs->n + 1, 1);

    if (headers_find(hs, path))
        mark_closure(hs, index_of(hs, path), seen);
    for (size_t i = 0; i < hs->n; i++)
        if (seen[i])
            sl_push(out, xstrdup(hs->files[i].path));
    free(seen);
}

void headers_roots(const struct header_set *hs, const struct strlist *changed,
                   struct strlist *roots, struct strlist *closure)
{
    char *included = xcalloc(hs->n, 1), *reached = xcalloc(hs->n, 1);
    char *seen = xcalloc(hs->n, 1);
    struct strlist all = {0};

    for (size_t i = 0; i < hs->n; i++)
        for (size_t k = 0; k < hs->files[i].includes.n; k++)
            if (strcmp(hs->files[i].includes.v[k], hs->files[i].path))
                included[index_of(hs, hs->files[i].includes.v[k])] = 1;
    for (size_t i = 0; i < hs->n; i++) {
        if (!included[i]) {
            sl_push(&all, xstrdup(hs->files[i].path));
            mark_closure(hs, i, reached);
        }
    }
    /* Headers only reachable through an include cycle become roots too. */
    for (size_t i = 0; i < hs->n; i++) {
        if (!reached[i]) {
            sl_push(&all, xstrdup(hs->files[i].path));
            mark_closure(hs, i, reached);
        }
    }
    for (size_t r = 0; r < all.n; r++) {
        int hit = !changed;

        memset(seen, 0, hs->n);
        mark_closure(hs, index_of(hs, all.v[r]), seen);
        for (size_t i = 0; changed && i < hs->n && !hit; i++)
            hit = seen[i] && sl_contains(changed, hs->files[i].path);
        if (!hit)
            continue;
        sl_push(roots, xstrdup(all.v[r]));
        for (size_t i = 0; closure && i < hs->n; i++)
            if (seen[i] && !sl_contains(closure, hs->files[i].path))
                sl_push(closure, xstrdup(hs->files[i].path));
    }
    sl_free(&all);
    free(included);
    free(reached);
    free(seen);
}

void headers_free(struct header_set *hs)
{
    if (!hs)
        return;
    for (size_t i = 0; i < hs->n; i++) {
        free(hs->files[i].path);
        free(hs->files[i].text);
        sl_free(&hs->files[i].includes);
        sl_free(&hs->files[i].aliases);
        sl_free(&hs->files[i].dotted);
        sl_free(&hs->files[i].dotted_to);
        tags_free(&hs->files[i].tags);
    }
    free(hs->files);
    free(hs->display_root);
    free(hs->commit);
    free(hs);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_input.c - opening ABI sources and diffing them with the byte pre-check.
 */
#include "abi_input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gitrepo.h"

void abi_input_open(struct abi_input *in, const char *spec)
{
    struct stat st;

    memset(in, 0, sizeof(*in));
    in->spec = spec;
    if (stat(spec, &st) == 0 && S_ISREG(st.st_mode)) {
        char *text = read_file(spec, NULL);

        if (!text)
            fatal("%s: cannot read: %s", spec, strerror(errno));
        in->abi = abi_from_json(text, spec);
        free(text);
    } else if (stat(spec, &st) == 0 && S_ISDIR(st.st_mode)) {
        in->hs = headers_from_dir(spec);
    } else {
        git_repository *repo = repo_open();
        git_commit *c = repo_commit(repo, spec);

        in->hs = repo_headers(repo, c, PUBLIC_DIR);
        if (!in->hs->n)
            fatal("%s: no headers under %s/", spec, PUBLIC_DIR);
        git_commit_free(c);
        git_repository_free(repo);
    }
}

struct abi *abi_input_abi(struct abi_input *in, const struct extract_opts *o)
{
    if (!in->abi)
        in->abi = extract_abi(in->hs, o, NULL, NULL);
    return in->abi;
}

static void changed_files(const struct header_set *a, const struct header_set *b,
                          struct strlist *out)
{
    for (size_t i = 0; i < a->n; i++) {
        const struct header_file *f = headers_find(b, a->files[i].path);

        if (!f || strcmp(f->hash, a->files[i].hash))
            sl_push(out, xstrdup(a->files[i].path));
    }
    for (size_t i = 0; i < b->n; i++)
        if (!headers_find(a, b->files[i].path))
            sl_push(out, xstrdup(b->files[i].path));
}

/* The roots either side selects, kept where the side has that file. */
static void pick_roots(const struct header_set *hs, const struct strlist *both,
                       struct strlist *roots)
{
    for (size_t i = 0; i < both->n; i++)
        if (headers_find(hs, both->v[i]) && !sl_contains(roots, both->v[i]))
            sl_push(roots, xstrdup(both->v[i]));
}

struct diff *abi_input_diff(struct abi_input *old_in, struct abi_input *new_in,
                            const struct extract_opts *o)
{
    struct strlist changed = {0}, both = {0}, closure = {0}, ro = {0}, rn = {0};
    struct abi *a, *b;
    struct diff *d;

    if (old_in->abi || new_in->abi || !old_in->hs || !new_in->hs)
        return abi_diff(abi_input_abi(old_in, o), abi_input_abi(new_in, o));
    changed_files(old_in->hs, new_in->hs, &changed);
    if (!changed.n) {
        /* Same bytes, same ABI: nothing to parse. */
        a = abi_new(new_in->hs->display_root);
        b = abi_new(new_in->hs->display_root);
        for (size_t t = 0; t < o->ntriples; t++) {
            abi_add_target(a, o->triples[t]);
            abi_add_target(b, o->triples[t]);
        }
        d = abi_diff(a, b);
        abi_free(a);
        abi_free(b);
        return d;
    }
    headers_roots(old_in->hs, &changed, &both, &closure);
    headers_roots(new_in->hs, &changed, &both, &closure);
    pick_roots(old_in->hs, &both, &ro);
    pick_roots(new_in->hs, &both, &rn);
    a = extract_abi(old_in->hs, o, &ro, &closure);
    b = extract_abi(new_in->hs, o, &rn, &closure);
    d = abi_diff(a, b);
    abi_free(a);
    abi_free(b);
    sl_free(&changed);
    sl_free(&both);
    sl_free(&closure);
    sl_free(&ro);
    sl_free(&rn);
    return d;
}

void abi_input_close(struct abi_input *in)
{
    abi_free(in->abi);
    headers_free(in->hs);
    memset(in, 0, sizeof(*in));
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * change.c - finding a change's commits and what they touch, with libgit2.
 */
#include "change.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"

/* Calls fn for every trailer of c's message. */
static void each_trailer(const git_commit *c,
                         void (*fn)(const char *key, const char *value, void *arg), void *arg)
{
    git_message_trailer_array arr;
    const char *msg = git_commit_message((git_commit *)c);

    if (!msg || git_message_trailers(&arr, msg))
        return;
    for (size_t i = 0; i < arr.count; i++)
        fn(arr.trailers[i].key, arr.trailers[i].value, arg);
    git_message_trailer_array_free(&arr);
}

struct id_found {
    char *id;
    int state;
};

static void take_change_id(const char *key, const char *value, void *arg)
{
    struct id_found *f = arg;

    if (strcasecmp(key, "Change-Id") || f->state == 1)
        return;
    free(f->id);
    f->id = xstrdup(value);
    f->state = change_id_valid(value) ? 1 : -1;
}

int commit_change_id(const git_commit *c, char **id)
{
    struct id_found f = {0};

    each_trailer(c, take_change_id, &f);
    *id = f.id;
    return f.state;
}

const char *const rules_files[NRULES_FILES] = {MAINTAINERS_PATH, POLICY_PATH, SIGNERS_PATH};

static void diff_paths(git_repository *repo, git_tree *a, git_tree *b, struct strlist *out,
                       int rules)
{
    git_diff_options o;
    char *spec[] = {PUBLIC_DIR "/"};
    git_diff *d;

    git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
    o.pathspec.strings = rules ? (char **)rules_files : spec;
    o.pathspec.count = rules ? NRULES_FILES : 1;
    if (rules)
        o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    if (git_diff_tree_to_tree(&d, repo, a, b, &o))
        fatal("cannot diff trees");
    for (size_t i = 0; i < git_diff_num_deltas(d); i++) {
        const git_diff_delta *dd = git_diff_get_delta(d, i);
        const char *p = dd->new_file.path ? dd->new_file.path : dd->old_file.path;

        if (!sl_contains(out, p))
            sl_push(out, xstrdup(p));
    }
    git_diff_free(d);
}

static void commit_files(git_repository *repo, const git_commit *c, struct strlist *out,
                         int rules)
{
    git_tree *tree;
    unsigned np = git_commit_parentcount(c);
    struct strlist acc = {0};

    if (git_commit_tree(&tree, c))
        fatal("cannot read a commit's tree");
    if (!np)
        diff_paths(repo, NULL, tree, &acc, rules);
    for (unsigned i = 0; i < np; i++) {
        git_commit *p;
        git_tree *pt;
        struct strlist d = {0}, keep = {0};

        if (git_commit_parent(&p, c, i) || git_commit_tree(&pt, p))
            fatal("cannot read a commit's parent");
        diff_paths(repo, pt, tree, &d, rules);
        /* A merge changes a file itself only where it differs from every parent. */
        for (size_t k = 0; k < d.n; k++)
            if (i == 0 || sl_contains(&acc, d.v[k]))
                sl_push(&keep, xstrdup(d.v[k]));
        sl_free(&acc);
        acc = keep;
        sl_free(&d);
        git_tree_free(pt);
        git_commit_free(p);
    }
    for (size_t k = 0; k < acc.n; k++)
        if (!sl_contains(out, acc.v[k]))
            sl_push(out, xstrdup(acc.v[k]));
    sl_free(&acc);
    sl_sort(out);
    git_tree_free(tree);
}

void commit_public_files(git_repository *repo, const git_commit *c, struct strlist *out)
{
    commit_files(repo, c, out, 0);
}

void commit_rules_files(git_repository *repo, const git_commit *c, struct strlist *out)
{
    commit_files(repo, c, out, 1);
}

/*
 * The hex key of c's valid SSH signature (git commit -S with gpg.format
 * ssh: an SSHSIG in namespace "git" over the commit without its gpgsig
 * header); "" when c is unsigned or the signature does not verify.
 */
static char *commit_signing_key(git_repository *repo, const git_commit *c)
{
    git_buf sig = {0}, data = {0};
    struct sshsig s;
    char *err = NULL, *out = xstrdup("");

    if (git_commit_extract_signature(&sig, &data, repo, (git_oid *)git_commit_id(c), NULL))
        return out;
    if (!sshsig_parse(sig.ptr, &s, &err)) {
        if (sshsig_verify(&s, "git", data.ptr, data.size)) {
            free(out);
            out = xmalloc(2 * ED25519_KEY_LEN + 1);
            for (size_t k = 0; k < ED25519_KEY_LEN; k++)
                snprintf(out + 2 * k, 3, "%02x", s.pub[k]);
        }
        sshsig_free(&s);
    }
    free(err);
    git_buf_dispose(&sig);
    git_buf_dispose(&data);
    return out;
}

struct trailer_ctx {
    struct gov_change *ch;
    git_repository *repo;
    const git_commit *c;
    char *key; /* commit_signing_key(), computed when a trailer needs it */
};

static void take_acks(const char *key, const char *value, void *arg)
{
    struct trailer_ctx *t = arg;
    struct strlist *l = NULL, *keys = NULL;
    size_t i;

    if (!strcasecmp(key, "Acked-by"))
        l = &t->ch->trailer_acks, keys = &t->ch->trailer_ack_keys;
    else if (!strcasecmp(key, "Reviewed-by"))
        l = &t->ch->trailer_reviews, keys = &t->ch->trailer_review_keys;
    if (!l)
        return;
    if (!t->key)
        t->key = commit_signing_key(t->repo, t->c);
    for (i = 0; i < l->n && strcmp(l->v[i], value); i++)
        ;
    if (i == l->n) {
        sl_push(l, xstrdup(value));
        sl_push(keys, xstrdup(t->key));
    } else if (*t->key) {
        /* The same trailer again on a signed commit: that one counts. */
        free(keys->v[i]);
        keys->v[i] = xstrdup(t->key);
    }
}

void change_add_commit(struct gov_change *ch, git_repository *repo, const git_commit *c)
{
    const git_signature *a = git_commit_author(c);
    char *ident = xasprintf("%s <%s>", a->name, a->email), *email = xstrdup(a->email);

    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    if (!sl_contains(&ch->author_emails, email)) {
        sl_push(&ch->authors, ident);
        sl_push(&ch->author_emails, email);
    } else {
        free(ident);
        free(email);
    }
    commit_public_files(repo, c, &ch->files);
    commit_rules_files(repo, c, &ch->files);
    {
        struct trailer_ctx t = {.ch = ch, .repo = repo, .c = c};

        each_trailer(c, take_acks, &t);
        free(t.key);
    }
}

size_t change_find(git_repository *repo, const char *id, struct gov_change *ch)
{
    git_revwalk *walk;
    git_oid oid;
    size_t n = 0;

    memset(ch, 0, sizeof(*ch));
    ch->id = xstrdup(id);
    if (git_revwalk_new(&walk, repo))
        fatal("cannot walk the history");
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push_head(walk);
    git_revwalk_push_glob(walk, "refs/heads/*");
    while (git_revwalk_next(&oid, walk) == 0) {
        git_commit *c;
        char *cid = NULL;

        if (git_commit_lookup(&c, repo, &oid))
            fatal("cannot read a commit");
        if (commit_change_id(c, &cid) == 1 && !strcmp(cid, id)) {
            change_add_commit(ch, repo, c);
            n++;
        }
        free(cid);
        git_commit_free(c);
    }
    git_revwalk_free(walk);
    return n;
}

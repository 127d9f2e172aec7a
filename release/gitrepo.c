/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gitrepo.c - libgit2 helpers.
 */
#include "gitrepo.h"

#include "sigcache.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void git_fatal(const char *what)
{
    const git_error *e = git_error_last();

    fatal("%s: %s", what, e && e->message ? e->message : "libgit2 error");
}

git_repository *repo_open(void)
{
    git_repository *repo;

    git_libgit2_init();
    /*
     * libgit2 keeps commits, trees and tags of up to 4 KiB in its object
     * cache, and no blob: check reads the same trees (governance/changes/
     * of hundreds of records) and blobs (MAINTAINERS, the policy, the
     * baselines) at every change of the range, each time inflated and
     * hashed again. Whatever is read from the cache was hashed when it was
     * first read; the total stays under libgit2's 256 MiB bound.
     */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, (size_t)1 << 20);
    if (git_repository_open_ext(&repo, ".", 0, NULL))
        fatal(".: not inside a git repository");
    /* Signatures verified by an earlier run are not verified again (sigcache.h). */
    sigcache_open(repo);
    return repo;
}

const char *repo_workdir(git_repository *repo)
{
    const char *w = git_repository_workdir(repo);

    if (!w)
        fatal("the repository has no work tree");
    return w;
}

int repo_is_rev(git_repository *repo, const char *rev)
{
    git_object *obj;
    int ok;

    if (git_revparse_single(&obj, repo, rev))
        return 0;
    ok = git_object_peel(&obj, obj, GIT_OBJECT_COMMIT) == 0;
    git_object_free(obj);
    return ok;
}

git_commit *repo_commit(git_repository *repo, const char *rev)
{
    git_object *obj, *peeled;

    if (git_revparse_single(&obj, repo, rev))
        fatal("%s: unknown revision", rev);
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT))
        fatal("%s: not a commit", rev);
    git_object_free(obj);
    return (git_commit *)peeled;
}

char *oid_str(const git_oid *oid)
{
    char buf[GIT_OID_HEXSZ + 1];

    git_oid_tostr(buf, sizeof(buf), oid);
    return xstrdup(buf);
}

struct tree_walk {
    git_repository *repo;
    struct header_set *hs;
};

static int add_blob(const char *root, const git_tree_entry *e, void *data)
{
    struct tree_walk *w = data;
    const char *name = git_tree_entry_name(e);
    git_blob *blob;
    char *path, hash[GIT_OID_HEXSZ + 1];

    if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !ends_with(name, ".h"))
        return 0;
    if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)))
        git_fatal(name);
    path = xasprintf("%s%s", root, name);
    git_oid_tostr(hash, sizeof(hash), git_tree_entry_id(e));
    headers_add(w->hs, path, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), hash);
    free(path);
    git_blob_free(blob);
    return 0;
}

static git_tree *subtree(git_commit *commit, const char *dir)
{
    git_tree *root, *sub = NULL;
    git_tree_entry *e;

    if (git_commit_tree(&root, commit))
        git_fatal("commit tree");
    if (!dir || !dir[0] || !strcmp(dir, "."))
        return root;
    if (git_tree_entry_bypath(&e, root, dir) == 0) {
        if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
            git_tree_lookup(&sub, git_tree_owner(root), git_tree_entry_id(e));
        git_tree_entry_free(e);
    }
    git_tree_free(root);
    return sub;
}

struct header_set *repo_headers(git_repository *repo, git_commit *commit, const char *dir)
{
    git_tree *tree = subtree(commit, dir);
    struct header_set *hs = headers_new(dir);
    struct tree_walk w = {repo, hs};

    hs->commit = oid_str(git_commit_id(commit));
    if (tree) {
        git_tree_walk(tree, GIT_TREEWALK_PRE, add_blob, &w);
        git_tree_free(tree);
    }
    headers_finish(hs);
    return hs;
}

int repo_tree_id(git_commit *commit, const char *path, git_oid *out)
{
    git_tree *root;
    git_tree_entry *e;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if (git_commit_tree(&root, commit))
        git_fatal("commit tree");
    if (git_tree_entry_bypath(&e, root, path) == 0) {
        git_oid_cpy(out, git_tree_entry_id(e));
        git_tree_entry_free(e);
        rc = 0;
    }
    git_tree_free(root);
    return rc;
}

char *repo_read(git_repository *repo, git_commit *commit, const char *path, size_t *len)
{
    git_tree *root;
    git_tree_entry *e;
    git_blob *blob;
    char *text = NULL;

    if (git_commit_tree(&root, commit))
        git_fatal("commit tree");
    if (git_tree_entry_bypath(&e, root, path) == 0) {
        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
            git_blob_lookup(&blob, repo, git_tree_entry_id(e)) == 0) {
            size_t n = (size_t)git_blob_rawsize(blob);

            text = xstrndup(git_blob_rawcontent(blob), n);
            if (len)
                *len = n;
            git_blob_free(blob);
        }
        git_tree_entry_free(e);
    }
    git_tree_free(root);
    return text;
}

void repo_list(git_repository *repo, git_commit *commit, const char *dir, struct strlist *out)
{
    git_tree *tree = subtree(commit, dir);

    (void)repo;
    if (!tree)
        return;
    for (size_t i = 0; i < git_tree_entrycount(tree); i++) {
        const git_tree_entry *e = git_tree_entry_byindex(tree, i);

        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
            sl_push(out, xstrdup(git_tree_entry_name(e)));
    }
    git_tree_free(tree);
}

static int cmp_version(const void *a, const void *b)
{
    return version_cmp(*(const struct version *)a, *(const struct version *)b);
}

/* "X.Y.json" names a baseline; anything else in release/abi is ignored. */
static size_t releases_of(const struct strlist *names, struct version **out)
{
    struct version *v = xcalloc(names->n + 1, sizeof(*v));
    size_t n = 0;

    for (size_t i = 0; i < names->n; i++) {
        char *base;

        if (!ends_with(names->v[i], ".json"))
            continue;
        base = xstrndup(names->v[i], strlen(names->v[i]) - 5);
        if (version_parse(base, &v[n]) == 0)
            n++;
        free(base);
    }
    qsort(v, n, sizeof(*v), cmp_version);
    *out = v;
    return n;
}

size_t repo_releases(git_repository *repo, git_commit *commit, struct version **out)
{
    struct strlist names = {0};
    size_t n;

    repo_list(repo, commit, BASELINE_DIR, &names);
    n = releases_of(&names, out);
    sl_free(&names);
    return n;
}

size_t dir_releases(const char *dir, struct version **out)
{
    struct strlist names = {0};
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t n;

    while (d && (de = readdir(d)))
        sl_push(&names, xstrdup(de->d_name));
    if (d)
        closedir(d);
    n = releases_of(&names, out);
    sl_free(&names);
    return n;
}

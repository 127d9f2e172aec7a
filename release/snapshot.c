/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * snapshot.c - reading one revision or the work tree.
 */
#include "snapshot.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void snapshot_commit(struct snapshot *s, git_repository *repo, const git_commit *commit)
{
    char buf[12];

    memset(s, 0, sizeof(*s));
    s->repo = repo;
    git_commit_dup(&s->commit, (git_commit *)commit);
    git_oid_tostr(buf, sizeof(buf), git_commit_id(commit));
    s->label = xstrdup(buf);
}

void snapshot_rev(struct snapshot *s, git_repository *repo, const char *rev)
{
    git_commit *c = repo_commit(repo, rev);

    snapshot_commit(s, repo, c);
    git_commit_free(c);
}

void snapshot_worktree(struct snapshot *s, git_repository *repo)
{
    memset(s, 0, sizeof(*s));
    s->repo = repo;
    s->base = xstrdup(repo ? repo_workdir(repo) : "./");
    s->label = xstrdup("work tree");
}

char *snapshot_read(const struct snapshot *s, const char *path, size_t *len)
{
    char *full, *text;

    if (s->commit)
        return repo_read(s->repo, s->commit, path, len);
    full = xasprintf("%s%s", s->base, path);
    text = read_file(full, len);
    if (!text && errno != ENOENT && errno != ENOTDIR)
        fatal("%s: cannot read: %s", full, strerror(errno));
    free(full);
    return text;
}

void snapshot_list(const struct snapshot *s, const char *dir, struct strlist *out)
{
    if (s->commit) {
        repo_list(s->repo, s->commit, dir, out);
    } else {
        char *full = xasprintf("%s%s", s->base, dir);
        DIR *d = opendir(full);
        struct dirent *de;

        while (d && (de = readdir(d))) {
            char *p = xasprintf("%s/%s", full, de->d_name);
            struct stat st;

            if (de->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode))
                sl_push(out, xstrdup(de->d_name));
            free(p);
        }
        if (d)
            closedir(d);
        free(full);
    }
    sl_sort(out);
}

struct header_set *snapshot_headers(const struct snapshot *s)
{
    struct header_set *hs;

    if (s->commit) {
        hs = repo_headers(s->repo, s->commit, PUBLIC_DIR);
    } else {
        char *dir = xasprintf("%s%s", s->base, PUBLIC_DIR);

        hs = headers_from_dir(dir);
        free(hs->display_root);
        hs->display_root = xstrdup(PUBLIC_DIR);
        free(dir);
    }
    if (!hs->n)
        fatal("%s: no headers under %s/", s->label, PUBLIC_DIR);
    return hs;
}

size_t snapshot_releases(const struct snapshot *s, struct version **out)
{
    struct strlist names = {0};
    struct version *v;
    size_t n = 0;

    snapshot_list(s, BASELINE_DIR, &names);
    v = xcalloc(names.n + 1, sizeof(*v));
    for (size_t i = 0; i < names.n; i++) {
        char *base;

        if (!ends_with(names.v[i], ".json"))
            continue;
        base = xstrndup(names.v[i], strlen(names.v[i]) - 5);
        if (version_parse(base, &v[n]) == 0)
            n++;
        free(base);
    }
    /* snapshot_list sorted the names as text; order them as numbers. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && version_cmp(v[k - 1], v[k]) > 0; k--) {
            struct version tmp = v[k];

            v[k] = v[k - 1];
            v[k - 1] = tmp;
        }
    sl_free(&names);
    *out = v;
    return n;
}

struct abi *snapshot_baseline(const struct snapshot *s, struct version v)
{
    char *path = xasprintf("%s/%d.%d.json", BASELINE_DIR, v.major, v.minor);
    char *what = xasprintf("%s (%s)", path, s->label);
    char *text = snapshot_read(s, path, NULL);
    struct abi *abi;

    if (!text)
        fatal("%s: missing baseline", what);
    abi = abi_from_json(text, what);
    free(text);
    free(path);
    free(what);
    return abi;
}

void snapshot_free(struct snapshot *s)
{
    git_commit_free(s->commit);
    free(s->base);
    free(s->label);
    memset(s, 0, sizeof(*s));
}

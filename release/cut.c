/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cut.c - "cut VERSION": write the release baseline release/abi/VERSION.json.
 *
 * The baseline is the ABI of HEAD's public/, so what is cut is what was
 * checked; uncommitted edits to public/ are refused rather than ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "commands.h"
#include "project.h"

static void refuse_dirty_public(git_repository *repo, const struct snapshot *head)
{
    struct snapshot wt;
    struct header_set *a, *b;

    snapshot_worktree(&wt, repo);
    a = snapshot_headers(head);
    b = snapshot_headers(&wt);
    if (a->n != b->n)
        refuse("%s/: the work tree differs from HEAD: commit first", PUBLIC_DIR);
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->files[i].path, b->files[i].path) || strcmp(a->files[i].hash, b->files[i].hash))
            refuse("%s/%s: differs from HEAD: commit first", PUBLIC_DIR, a->files[i].path);
    headers_free(a);
    headers_free(b);
    snapshot_free(&wt);
}

int cmd_cut(int argc, char **argv)
{
    struct version v;
    git_repository *repo;
    git_commit *head, *base;
    struct snapshot s;
    struct project_state p;
    char *path, *json, last[32];
    struct stat st;
    size_t items = 0;

    if (argc != 1)
        usage_error("cut: want VERSION (X.Y)");
    if (version_parse(argv[0], &v))
        usage_error("cut: \"%s\" is not a release number X.Y", argv[0]);
    repo = repo_open();
    check_refuse_shallow(repo);
    head = repo_commit(repo, "HEAD");
    snapshot_commit(&s, repo, head);
    project_load(&p, &s, NULL);
    if (p.nreleases && version_cmp(v, p.releases[p.nreleases - 1]) <= 0)
        refuse("cut %s: not after the last release %d.%d", argv[0],
              p.releases[p.nreleases - 1].major, p.releases[p.nreleases - 1].minor);
    path = xasprintf("%s%s/%s.json", repo_workdir(repo), BASELINE_DIR, argv[0]);
    if (stat(path, &st) == 0)
        refuse("%s: already exists", path);
    refuse_dirty_public(repo, &s);
    project_validate_tags(&p, &v);
    base = check_last_release_base(repo, head, last, sizeof(last));
    if (base) {
        int bits = check_range(repo, base, head, 0, stdout);

        if (bits & ~EXIT_COMPATIBLE)
            refuse("cut %s: check against release %s fails (exit status %d): not cutting",
                  argv[0], last, bits);
    }
    free(p.abi->release);
    p.abi->release = xstrdup(argv[0]);
    free(p.abi->commit);
    p.abi->commit = xstrdup(git_oid_tostr_s(git_commit_id(head)));
    json = abi_to_json(p.abi);
    {
        char *dir = xasprintf("%s%s", repo_workdir(repo), BASELINE_DIR);

        /* A fresh repository has no release/ yet. */
        mkdir_p(dir);
        free(dir);
    }
    write_file_atomic(path, json, strlen(json));
    for (size_t t = 0; t < p.abi->ntargets; t++)
        items += p.abi->targets[t].nitems;
    printf("wrote %s/%s.json: %zu items on %zu targets from %.12s\n", BASELINE_DIR, argv[0],
           items, p.abi->ntargets, p.abi->commit);
    printf("next: git add %s/%s.json && git commit && git tag RELEASE-%s\n", BASELINE_DIR,
           argv[0], argv[0]);
    free(json);
    free(path);
    git_commit_free(base);
    project_free(&p);
    snapshot_free(&s);
    git_commit_free(head);
    git_repository_free(repo);
    return 0;
}

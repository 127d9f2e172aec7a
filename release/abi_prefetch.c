/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_prefetch.c - worker processes filling the ABI store (abi_prefetch.h).
 *
 * Processes, not threads: each extraction is the one cached_abi() (check.c)
 * does, with its own libgit2 repository and libclang index, and nothing
 * is shared but the store, whose files are written whole by rename(). The
 * jobs are indices in a pipe, taken by whichever worker is free.
 */
#include "abi_prefetch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_conf.h"
#include "abi_store.h"
#include "clang_api.h"
#include "extract.h"
#include "headers.h"
#include "project.h"
#include "sigcache.h"
#include "snapshot.h"
#include "util.h"

#define MAX_WORKERS 8

static void extract_one(git_repository *repo, const git_oid *id)
{
    git_commit *c;
    struct snapshot s;
    struct extract_opts o;
    struct header_set *hs;
    struct abi *abi;
    git_oid tree;

    if (git_commit_lookup(&c, repo, id))
        return;
    snapshot_commit(&s, repo, c);
    if (repo_tree_id(c, PUBLIC_DIR, &tree) == 0) {
        extract_opts_default(&o);
        abi_conf_snapshot(&o, &s);
        hs = snapshot_headers(&s);
        abi = extract_abi(hs, &o, NULL, NULL);
        headers_free(hs);
        /* As cached_abi() stores it: the same tree is the same ABI at any commit. */
        free(abi->commit);
        abi->commit = NULL;
        abi_store_save(repo, &tree, &o, abi);
        abi_free(abi);
        abi_conf_free(&o);
    }
    snapshot_free(&s);
    git_commit_free(c);
}

static void worker(git_repository *parent_repo, const git_oid *commits, size_t n, int jobs)
{
    git_repository *repo;
    uint32_t i;
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

    /* Messages are the caller's to give, when it meets the same trouble itself. */
    if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    /* Verified signatures are the parent's to record: not a second time from here. */
    sigcache_detach();
    if (git_repository_open(&repo, git_repository_path(parent_repo)))
        _exit(1);
    for (;;) {
        ssize_t got = read(jobs, &i, sizeof(i));

        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof(i) || i >= n)
            break;
        extract_one(repo, &commits[i]);
    }
    git_repository_free(repo);
    _exit(0);
}

void abi_prefetch(git_repository *repo, const git_oid *commits, size_t n)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nworkers = ncpu > 0 ? (size_t)ncpu : 1;
    pid_t pids[MAX_WORKERS];
    size_t started = 0;
    void (*old_pipe)(int);
    int fds[2];

    if (nworkers > MAX_WORKERS)
        nworkers = MAX_WORKERS;
    if (nworkers > n)
        nworkers = n;
    /* One tree, or one CPU: the caller's own extraction is as fast. */
    if (nworkers < 2 || n > UINT32_MAX || pipe2(fds, O_CLOEXEC))
        return;
    /* Loaded once here, shared by the workers (its relocations are most of starting it). */
    clang_api();
    fflush(NULL);
    for (size_t w = 0; w < nworkers; w++) {
        pid_t pid = fork();

        if (pid == 0) {
            close(fds[1]);
            worker(repo, commits, n, fds[0]);
        }
        if (pid < 0)
            break;
        pids[started++] = pid;
    }
    close(fds[0]);
    /* Workers that all died early must not take this process with them. */
    old_pipe = signal(SIGPIPE, SIG_IGN);
    for (uint32_t i = 0; i < n && started;) {
        ssize_t put = write(fds[1], &i, sizeof(i));

        if (put < 0 && errno == EINTR)
            continue;
        if (put != (ssize_t)sizeof(i))
            break;
        i++;
    }
    close(fds[1]);
    signal(SIGPIPE, old_pipe);
    for (size_t w = 0; w < started; w++)
        while (waitpid(pids[w], NULL, 0) < 0 && errno == EINTR)
            ;
}

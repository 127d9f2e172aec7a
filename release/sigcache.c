/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sigcache.c - the verified-signature cache: a header line naming the
 * format and this executable, then 32-byte keys. New keys are appended at
 * exit, under an flock(), in one write; a torn tail is ignored on reading.
 */
#include "sigcache.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define CACHE_DIR "keel-release"
#define CACHE_FILE CACHE_DIR "/signatures"

static struct {
    char *path, *header;
    uint8_t *keys; /* the file's keys, in the file's order */
    size_t n;
    /*
     * Indices + 1 into keys, by their first 8 bytes (keys are SHA-256
     * digests: already uniform). Built in one pass at open: a 40 000-key
     * file was sorted at every start, and each look-up was a bisection.
     */
    uint32_t *slot;
    size_t nslots;
    char *data;
    struct strbuf fresh; /* keys verified by this run */
    int open;
} cache;

static size_t slot_of(const uint8_t *key)
{
    uint64_t h;

    memcpy(&h, key, sizeof(h));
    return (size_t)h & (cache.nslots - 1);
}

/* Appends this run's keys; a failure only costs the next run some verifying. */
static void flush(void)
{
    struct stat st;
    int fd;

    if (!cache.fresh.len)
        return;
    {
        char *dir = xstrndup(cache.path, strrchr(cache.path, '/') - cache.path);

        mkdir(dir, 0777);
        free(dir);
    }
    fd = open(cache.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0)
        return;
    if (flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0) {
        size_t hl = strlen(cache.header);
        char *head = xmalloc(hl);

        /* Another tool's (or a damaged) file is started again. */
        if (st.st_size < (off_t)hl || pread(fd, head, hl, 0) != (ssize_t)hl ||
            memcmp(head, cache.header, hl)) {
            if (ftruncate(fd, 0) == 0 && write(fd, cache.header, hl) != (ssize_t)hl)
                (void)ftruncate(fd, 0);
            st.st_size = (off_t)hl;
        }
        /* Whole keys only: a torn tail of an earlier run is cut off. */
        st.st_size -= (st.st_size - (off_t)hl) % SIGCACHE_KEY_LEN;
        if (pwrite(fd, cache.fresh.buf, cache.fresh.len, st.st_size) != (ssize_t)cache.fresh.len)
            (void)ftruncate(fd, st.st_size);
        free(head);
    }
    close(fd);
}

void sigcache_open(git_repository *repo)
{
    struct stat st;
    size_t len = 0, hl;

    if (cache.open)
        return;
    cache.open = 1;
    cache.path = xasprintf("%s" CACHE_FILE, git_repository_path(repo));
    if (stat("/proc/self/exe", &st) == 0)
        cache.header = xasprintf("keel-release verified signatures 1; exe %lld %lld.%09ld\n",
                                 (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                                 st.st_mtim.tv_nsec);
    else
        cache.header = xstrdup("keel-release verified signatures 1; exe unknown\n");
    sb_init(&cache.fresh);
    cache.data = read_file(cache.path, &len);
    hl = strlen(cache.header);
    if (cache.data && len >= hl && !memcmp(cache.data, cache.header, hl) &&
        (len - hl) / SIGCACHE_KEY_LEN < UINT32_MAX / 4) {
        cache.keys = (uint8_t *)cache.data + hl;
        cache.n = (len - hl) / SIGCACHE_KEY_LEN;
        for (cache.nslots = 64; cache.nslots < 2 * cache.n; cache.nslots *= 2)
            ;
        cache.slot = xcalloc(cache.nslots, sizeof(*cache.slot));
        for (size_t i = 0; i < cache.n; i++) {
            size_t k = slot_of(cache.keys + i * SIGCACHE_KEY_LEN);

            while (cache.slot[k])
                k = (k + 1) & (cache.nslots - 1);
            cache.slot[k] = (uint32_t)(i + 1);
        }
    }
    atexit(flush);
}

void sigcache_detach(void)
{
    cache.open = 0;
    cache.fresh.len = 0;
}

void sigcache_key(uint8_t key[SIGCACHE_KEY_LEN], const void *const *parts, const size_t *lens,
                  size_t nparts)
{
    struct sha256_ctx c;

    sha256_init(&c);
    sha256_update(&c, 32, (const uint8_t *)"keel-release verified signature");
    for (size_t i = 0; i < nparts; i++) {
        uint8_t n[8];

        for (int b = 0; b < 8; b++)
            n[b] = (uint8_t)((uint64_t)lens[i] >> (56 - 8 * b));
        sha256_update(&c, sizeof(n), n);
        sha256_update(&c, lens[i], parts[i]);
    }
    sha256_digest(&c, SIGCACHE_KEY_LEN, key);
}

int sigcache_has(const uint8_t key[SIGCACHE_KEY_LEN])
{
    if (!cache.open || !cache.n)
        return 0;
    for (size_t k = slot_of(key); cache.slot[k]; k = (k + 1) & (cache.nslots - 1))
        if (!memcmp(cache.keys + (size_t)(cache.slot[k] - 1) * SIGCACHE_KEY_LEN, key,
                    SIGCACHE_KEY_LEN))
            return 1;
    return 0;
}

void sigcache_add(const uint8_t key[SIGCACHE_KEY_LEN])
{
    /* A signature verified twice in one run (rare) is stored twice: harmless. */
    if (cache.open)
        sb_add(&cache.fresh, (const char *)key, SIGCACHE_KEY_LEN);
}

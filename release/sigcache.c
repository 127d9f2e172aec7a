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
    uint8_t *slots; /* open addressing; an all-zero slot is empty */
    size_t cap, n;
    struct strbuf fresh; /* keys verified by this run */
    int open;
} cache;

static size_t slot_of(const uint8_t *key)
{
    size_t h;

    memcpy(&h, key, sizeof(h));
    return h & (cache.cap - 1);
}

static int find(const uint8_t *key, size_t *at)
{
    for (size_t i = slot_of(key);; i = (i + 1) & (cache.cap - 1)) {
        uint8_t *s = cache.slots + i * SIGCACHE_KEY_LEN;
        static const uint8_t zero[SIGCACHE_KEY_LEN];

        if (!memcmp(s, key, SIGCACHE_KEY_LEN)) {
            *at = i;
            return 1;
        }
        if (!memcmp(s, zero, SIGCACHE_KEY_LEN)) {
            *at = i;
            return 0;
        }
    }
}

static void insert(const uint8_t *key)
{
    size_t at;

    if (2 * (cache.n + 1) > cache.cap) {
        uint8_t *old = cache.slots;
        size_t oldcap = cache.cap;

        cache.cap *= 2;
        cache.slots = xcalloc(cache.cap, SIGCACHE_KEY_LEN);
        cache.n = 0;
        for (size_t i = 0; i < oldcap; i++) {
            static const uint8_t zero[SIGCACHE_KEY_LEN];

            if (memcmp(old + i * SIGCACHE_KEY_LEN, zero, SIGCACHE_KEY_LEN))
                insert(old + i * SIGCACHE_KEY_LEN);
        }
        free(old);
    }
    if (!find(key, &at)) {
        memcpy(cache.slots + at * SIGCACHE_KEY_LEN, key, SIGCACHE_KEY_LEN);
        cache.n++;
    }
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
    char *data;

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
    data = read_file(cache.path, &len);
    hl = strlen(cache.header);
    /* Sized for what is there and as much again: no rehashing while loading. */
    for (cache.cap = 1024; cache.cap < 4 * (len / SIGCACHE_KEY_LEN + 1);)
        cache.cap *= 2;
    cache.slots = xcalloc(cache.cap, SIGCACHE_KEY_LEN);
    if (data && len >= hl && !memcmp(data, cache.header, hl))
        for (size_t off = hl; off + SIGCACHE_KEY_LEN <= len; off += SIGCACHE_KEY_LEN)
            insert((const uint8_t *)data + off);
    free(data);
    atexit(flush);
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
    size_t at;

    return cache.open && find(key, &at);
}

void sigcache_add(const uint8_t key[SIGCACHE_KEY_LEN])
{
    if (!cache.open || sigcache_has(key))
        return;
    insert(key);
    sb_add(&cache.fresh, (const char *)key, SIGCACHE_KEY_LEN);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * oidset.c - object ids are SHA-1 digests: their first bytes are the hash.
 */
#include "oidset.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t slot(const struct oidset *s, const git_oid *id)
{
    size_t h;

    memcpy(&h, id->id, sizeof(h));
    return h & (s->cap - 1);
}

static int find(const struct oidset *s, const git_oid *id, size_t *at)
{
    for (size_t i = slot(s, id);; i = (i + 1) & (s->cap - 1)) {
        if (!s->used[i]) {
            *at = i;
            return 0;
        }
        if (git_oid_equal(&s->v[i], id)) {
            *at = i;
            return 1;
        }
    }
}

void oidset_add(struct oidset *s, const git_oid *id)
{
    size_t at;

    if (2 * (s->n + 1) > s->cap) {
        struct oidset big = {.cap = s->cap ? 2 * s->cap : 256};

        big.v = xcalloc(big.cap, sizeof(*big.v));
        big.used = xcalloc(big.cap, 1);
        for (size_t i = 0; i < s->cap; i++)
            if (s->used[i])
                oidset_add(&big, &s->v[i]);
        oidset_free(s);
        *s = big;
    }
    if (!find(s, id, &at)) {
        git_oid_cpy(&s->v[at], id);
        s->used[at] = 1;
        s->n++;
    }
}

int oidset_has(const struct oidset *s, const git_oid *id)
{
    size_t at;

    return s->cap && find(s, id, &at);
}

void oidset_free(struct oidset *s)
{
    free(s->v);
    free(s->used);
    memset(s, 0, sizeof(*s));
}

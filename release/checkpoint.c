/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * checkpoint.c - the saved state is text: a header line, then every string
 * as LENGTH:BYTES (or "-" for none), so that any byte survives.
 */
#include "checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"

#define CP_FORMAT "keel-release record checkpoint 1"

static void put_str(struct strbuf *sb, const char *s)
{
    if (!s) {
        sb_puts(sb, "-\n");
        return;
    }
    sb_printf(sb, "%zu:", strlen(s));
    sb_puts(sb, s);
    sb_puts(sb, "\n");
}

static void put_num(struct strbuf *sb, unsigned long long v)
{
    sb_printf(sb, "%llu\n", v);
}

char *checkpoint_inputs(const struct gov_state *st, const char *const *texts, size_t ntexts)
{
    const struct gov_change *c = st->c;
    const struct strlist *lists[] = {&c->authors,      &c->author_emails,    &c->files,
                                     &c->trailer_acks, &c->trailer_reviews, &c->trailer_ack_keys,
                                     &c->trailer_review_keys};
    struct strbuf sb;
    struct stat exe;
    char hex[CHAIN_HEX + 1];

    sb_init(&sb);
    sb_puts(&sb, CP_FORMAT "\n");
    /* Another build of the tool may apply the rules differently. */
    if (stat("/proc/self/exe", &exe) == 0)
        sb_printf(&sb, "exe %lld %lld.%09ld\n", (long long)exe.st_size,
                  (long long)exe.st_mtim.tv_sec, exe.st_mtim.tv_nsec);
    put_str(&sb, c->id);
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        put_num(&sb, lists[i]->n);
        for (size_t k = 0; k < lists[i]->n; k++)
            put_str(&sb, lists[i]->v[k]);
    }
    put_num(&sb, (unsigned long long)st->params.referee_quorum);
    for (size_t i = 0; i < ntexts; i++)
        put_str(&sb, texts[i]);
    sha256_hex(sb.buf, sb.len, hex);
    sb_free(&sb);
    return xstrdup(hex);
}

/*
 * Whether the rules can still need l->v[i]: a withdrawn Nack only matters
 * as its author's first one (that person is not neutral; list_find()
 * answers with the first). Rounds of nack and withdraw then cost the
 * checkpoint nothing: it holds at most two Nacks a person.
 */
/*
 * A withdrawn Nack only matters as its author's first one (that person is
 * not neutral; list_find() answers with the first), so rounds of nack and
 * withdraw cost the checkpoint nothing: at most two Nacks a person.
 */
static void put_list(struct strbuf *sb, const struct gov_list *l)
{
    struct strlist seen = {0}; /* distinct people: a handful, whatever the record's length */
    unsigned char *keep = xcalloc(l->n + 1, 1);
    size_t n = 0;

    for (size_t i = 0; i < l->n; i++) {
        int first = !sl_contains(&seen, l->v[i].email);

        if (first)
            sl_push(&seen, xstrdup(l->v[i].email));
        keep[i] = first || !l->v[i].withdrawn;
        n += keep[i];
    }
    sl_free(&seen);
    put_num(sb, n);
    for (size_t i = 0; i < l->n; i++) {
        if (!keep[i])
            continue;
        put_str(sb, l->v[i].ident);
        put_str(sb, l->v[i].reason);
        put_num(sb, l->v[i].entry);
        put_num(sb, l->v[i].withdrawn);
        put_num(sb, (unsigned long long)l->v[i].accept);
    }
    free(keep);
}

static char *path_of(git_repository *repo, const char *change_id)
{
    return xasprintf("%skeel-release/records/%s", git_repository_path(repo), change_id);
}

static void put_identity(struct strbuf *sb, const struct stat *s)
{
    sb_printf(sb, "file %llu %llu %lld %lld.%09ld %lld.%09ld\n", (unsigned long long)s->st_dev,
              (unsigned long long)s->st_ino, (long long)s->st_size, (long long)s->st_mtim.tv_sec,
              s->st_mtim.tv_nsec, (long long)s->st_ctim.tv_sec, s->st_ctim.tv_nsec);
}

void checkpoint_save(git_repository *repo, const char *change_id, const struct stat *st_now,
                     const char *inputs, const struct gov_state *st, size_t n,
                     const char *last_chain)
{
    struct strbuf sb;
    char *path = path_of(repo, change_id), *tmp;
    FILE *f;

    /* A record with problems is never resumed: it is refused. */
    if (st->problems.n)
        return;
    sb_init(&sb);
    sb_puts(&sb, CP_FORMAT "\n");
    put_identity(&sb, st_now);
    put_str(&sb, inputs);
    put_num(&sb, n);
    put_str(&sb, last_chain);
    put_list(&sb, &st->acks);
    put_list(&sb, &st->nacks);
    put_list(&sb, &st->reviews);
    put_list(&sb, &st->votes);
    put_num(&sb, st->referral);
    put_str(&sb, st->referrer);
    put_num(&sb, (unsigned long long)st->outcome);
    put_num(&sb, st->decision);
    put_num(&sb, st->history);
    put_num(&sb, st->notes.n);
    for (size_t i = 0; i < st->notes.n; i++)
        put_str(&sb, st->notes.v[i]);
    {
        char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
        char *up = xstrndup(dir, (size_t)(strrchr(dir, '/') - dir));

        mkdir(up, 0777);
        mkdir(dir, 0777);
        free(up);
        free(dir);
    }
    tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    f = fopen(tmp, "wb");
    if (f) {
        int ok = fwrite(sb.buf, 1, sb.len, f) == sb.len;

        ok &= fclose(f) == 0;
        /* A checkpoint that cannot be written only costs the next review a replay. */
        if (!ok || rename(tmp, path))
            unlink(tmp);
    }
    free(tmp);
    free(path);
    sb_free(&sb);
}

struct reader {
    const char *p, *end;
    int bad;
};

static char *get_str(struct reader *r)
{
    char *colon;
    unsigned long long len;
    char *s;

    if (r->bad || r->p >= r->end)
        return r->bad = 1, NULL;
    if (r->p[0] == '-' && r->p + 1 < r->end && r->p[1] == '\n') {
        r->p += 2;
        return NULL;
    }
    len = strtoull(r->p, &colon, 10);
    if (colon >= r->end || *colon != ':' || len > (unsigned long long)(r->end - colon - 1) ||
        colon[1 + len] != '\n')
        return r->bad = 1, NULL;
    s = xstrndup(colon + 1, (size_t)len);
    r->p = colon + 2 + len;
    return s;
}

static unsigned long long get_num(struct reader *r)
{
    char *e;
    unsigned long long v;

    if (r->bad || r->p >= r->end)
        return r->bad = 1, 0;
    v = strtoull(r->p, &e, 10);
    if (e >= r->end || *e != '\n' || e == r->p)
        return r->bad = 1, 0;
    r->p = e + 1;
    return v;
}

static void get_list(struct reader *r, struct gov_list *l)
{
    size_t n = (size_t)get_num(r);

    for (size_t i = 0; i < n && !r->bad; i++) {
        struct gov_pos *p;

        if (l->n == l->cap) {
            l->cap = l->cap ? 2 * l->cap : 16;
            l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
        }
        p = &l->v[l->n++];
        memset(p, 0, sizeof(*p));
        p->ident = get_str(r);
        p->reason = get_str(r);
        p->entry = (unsigned)get_num(r);
        p->withdrawn = (unsigned)get_num(r);
        p->accept = (int)get_num(r);
        if (!p->ident || ident_parse(p->ident, &p->email))
            r->bad = 1;
    }
}

int checkpoint_load(git_repository *repo, const char *change_id, const struct stat *st_now,
                    const char *inputs, struct gov_state *st, size_t *n, char *last_chain)
{
    char *path = path_of(repo, change_id), *text, *s;
    size_t len;
    struct strbuf want;
    struct reader r;
    struct gov_state tmp;
    int ok = 0;

    text = read_file(path, &len);
    free(path);
    if (!text)
        return 0;
    sb_init(&want);
    sb_puts(&want, CP_FORMAT "\n");
    put_identity(&want, st_now);
    put_str(&want, inputs);
    if (len < want.len || memcmp(text, want.buf, want.len))
        goto out;
    r = (struct reader){text + want.len, text + len, 0};
    gov_init(&tmp, st->m, st->c, st->params);
    tmp.signers = st->signers;
    *n = (size_t)get_num(&r);
    s = get_str(&r);
    if (s && strlen(s) == CHAIN_HEX)
        memcpy(last_chain, s, CHAIN_HEX + 1);
    else if (*n)
        r.bad = 1;
    free(s);
    get_list(&r, &tmp.acks);
    get_list(&r, &tmp.nacks);
    get_list(&r, &tmp.reviews);
    get_list(&r, &tmp.votes);
    tmp.referral = (unsigned)get_num(&r);
    tmp.referrer = get_str(&r);
    tmp.outcome = (enum gov_outcome)get_num(&r);
    tmp.decision = (unsigned)get_num(&r);
    tmp.history = (size_t)get_num(&r);
    for (size_t i = 0, k = (size_t)get_num(&r); i < k && !r.bad; i++) {
        char *note = get_str(&r);

        if (note)
            sl_push(&tmp.notes, note);
        else
            r.bad = 1;
    }
    /* Who has a standing Nack follows from the Nacks. */
    for (size_t i = 0; i < tmp.nacks.n && !r.bad; i++) {
        if (tmp.nacks.v[i].withdrawn)
            continue;
        tmp.standing_at =
            xrealloc(tmp.standing_at, (tmp.standing_email.n + 1) * sizeof(*tmp.standing_at));
        tmp.standing_at[tmp.standing_email.n] = i;
        sl_push(&tmp.standing_email, xstrdup(tmp.nacks.v[i].email));
    }
    if (r.bad || r.p != r.end) {
        gov_free(&tmp);
        goto out;
    }
    gov_free(st);
    *st = tmp;
    ok = 1;
out:
    sb_free(&want);
    free(text);
    return ok;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gate.c - one change's governance verdict, as text and JSON.
 */
#include "gate.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "govfile.h"
#include "textcheck.h"

void gate_params(const struct policy *p, struct gov_params *out)
{
    const char *q = policy_get(p, "referee_quorum");

    out->referee_quorum = DEFAULT_REFEREE_QUORUM;
    if (q) {
        char *end;
        long n = strtol(q, &end, 10);

        if (*end || !isdigit((unsigned char)q[0]) || n < 1 || n > 1000)
            fatal("%s:%u: referee_quorum = %s is not a number of referees (1..1000)", p->what,
                  policy_line(p, "referee_quorum"), q);
        out->referee_quorum = (int)n;
    }
}

static int policy_commit(const struct policy *p, const char *key, git_repository *repo,
                         git_oid *out)
{
    const char *ga = policy_get(p, key);
    git_commit *c;

    if (!ga)
        return 0;
    if (strlen(ga) != GIT_OID_HEXSZ || git_oid_fromstr(out, ga))
        fatal("%s:%u: %s = %s is not a full commit id", p->what, policy_line(p, key), key, ga);
    if (git_commit_lookup(&c, repo, out))
        fatal("%s:%u: %s = %s names no commit of this repository", p->what, policy_line(p, key),
              key, ga);
    git_commit_free(c);
    return 1;
}

int gate_governed_after(const struct policy *p, git_repository *repo, git_oid *out)
{
    return policy_commit(p, "governed_after", repo, out);
}

int gate_signed_from(const struct policy *p, git_repository *repo, git_oid *out)
{
    return policy_commit(p, "signed_from", repo, out);
}

void gate_env_load(struct gate_env *g, const struct snapshot *s, const struct policy *p)
{
    char *what = xasprintf("%s (%s)", MAINTAINERS_PATH, s->label);
    char *text = govfile_read_strict(s, MAINTAINERS_PATH, MAINTAINERS_PATH);

    memset(g, 0, sizeof(*g));
    if (!text)
        fatal("%s: missing: public changes need maintainers to ack them", what);
    maintainers_parse_strict(&g->m, text, MAINTAINERS_PATH);
    gate_params(p, &g->params);
    free(text);
    free(what);
    what = xasprintf("%s (%s)", SIGNERS_PATH, s->label);
    text = govfile_read_strict(s, SIGNERS_PATH, SIGNERS_PATH);
    if (text) {
        char *err = signers_parse(&g->signers, text, SIGNERS_PATH);

        if (err)
            fatal("%s", err);
    }
    free(text);
    free(what);
    g->repo = s->repo;
    if (s->repo) {
        git_oid id;

        if (gate_signed_from(p, s->repo, &id) && git_commit_lookup(&g->signed_from, s->repo, &id))
            fatal("cannot read commit %s", git_oid_tostr_s(&id));
    }
}

void gate_env_free(struct gate_env *g)
{
    maintainers_free(&g->m);
    signers_free(&g->signers);
    git_commit_free(g->signed_from);
}

size_t gate_history(const struct gate_env *g, const char *path, const struct record *r)
{
    struct snapshot at;
    struct record old;
    char *bad, *text, *err;
    size_t n = 0;

    if (!g->signed_from)
        return 0;
    snapshot_commit(&at, g->repo, g->signed_from);
    text = govfile_read(&at, path, path, &bad);
    if (text && !bad && !(err = record_parse(&old, r->change_id, text, path))) {
        while (n < old.n && n < r->n && old.v[n].chain && r->v[n].chain &&
               !strcmp(old.v[n].chain, r->v[n].chain))
            n++;
        record_free(&old);
    } else if (text && !bad) {
        free(err);
    }
    free(bad);
    free(text);
    snapshot_free(&at);
    return n;
}

char *gate_record_path(const char *change_id)
{
    return xasprintf("%s/%s", RECORD_DIR, change_id);
}

/* Collecting the leading Chain values, one entry at a time. */
struct chains {
    struct strlist *out;
    int stopped; /* an entry without a Chain: the ones after it are not taken */
};

static void take_chain(void *arg, const struct record *r, const struct entry *e)
{
    struct chains *c = arg;

    (void)r;
    if (!e->chain)
        c->stopped = 1;
    if (!c->stopped)
        sl_push(c->out, xstrdup(e->chain));
}

/*
 * The Chain values of the change's record at the policy's signed_from
 * commit, up to the first entry without one; none when the record there
 * does not parse. Read one entry at a time: the record at signed_from may
 * be all of a 40 000-entry history.
 */
static void history_chains(const struct gate_env *g, const char *path, const char *change_id,
                           struct strlist *out)
{
    struct snapshot at;
    struct chains c = {out, 0};
    char *bad, *text, *err;

    snapshot_commit(&at, g->repo, g->signed_from);
    text = govfile_read(&at, path, path, &bad);
    if (text && !bad && (err = record_each(change_id, text, path, take_chain, &c))) {
        free(err);
        sl_free(out);
    }
    free(bad);
    free(text);
    snapshot_free(&at);
}

/*
 * A work tree's record, read and replayed a piece at a time: a 20 MB record
 * read whole cost more in fresh memory (every page zeroed, then filled) than
 * its replay. Each piece ends after a blank line (no entry goes on over it)
 * and is checked as clean text before it is parsed. Returns 0 when replayed
 * (or absent: an empty record); else st is untouched past gov_init() and
 * *bad says why (the whole text is then not replayed, as gov_replay_text()
 * never parses around a bad byte).
 */
#define PIECE (1u << 20)

static int stream_record(const struct snapshot *s, const char *path, const char *change_id,
                         const struct strlist *hist, struct gov_state *st, char **bad)
{
    char *full = xasprintf("%s%s", s->base, path), *buf;
    size_t cap = PIECE, len = 0;
    unsigned line0 = 0;
    struct gov_stream *gs;
    int fd, eof = 0;

    *bad = NULL;
    govfile_no_symlink(s->base, path);
    fd = open(full, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            fatal("%s: cannot read: %s", full, strerror(errno));
        free(full);
        gov_replay_text(st, change_id, NULL, path, hist);
        return 0;
    }
    buf = xmalloc(cap + 1);
    gs = gov_stream_begin(st, change_id, path, hist);
    while (!eof || len) {
        size_t cut = 0;
        unsigned lines = 0;
        char saved;

        if (!eof && len < cap) {
            ssize_t n = read(fd, buf + len, cap - len);

            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                fatal("%s: cannot read: %s", full, strerror(errno));
            if (n == 0)
                eof = 1;
            len += (size_t)n;
            if (!eof && len < cap)
                continue;
        }
        if (eof) {
            cut = len;
        } else {
            /* After the last blank line; an entry longer than the buffer grows it. */
            for (size_t i = len; i >= 2 && !cut; i--)
                if (buf[i - 1] == '\n' && buf[i - 2] == '\n')
                    cut = i;
            if (!cut) {
                cap *= 2;
                buf = xrealloc(buf, cap + 1);
                continue;
            }
        }
        *bad = text_check_at(buf, cut, path, line0 + 1);
        if (*bad)
            break;
        for (const char *q = buf, *end = buf + cut; (q = memchr(q, '\n', (size_t)(end - q))); q++)
            lines++;
        saved = buf[cut];
        buf[cut] = '\0';
        gov_stream_feed(gs, buf, line0);
        buf[cut] = saved;
        line0 += lines;
        memmove(buf, buf + cut, len - cut);
        len -= cut;
    }
    close(fd);
    free(buf);
    free(full);
    if (*bad) {
        gov_stream_drop(gs);
        return -1;
    }
    gov_stream_end(gs);
    return 0;
}

void gate_evaluate(const struct gate_env *g, const struct snapshot *s, const struct gov_change *ch,
                   struct gov_state *st)
{
    char *path = gate_record_path(ch->id);
    char *bad = NULL, *text = NULL;
    struct strlist hist = {0};

    gov_init(st, &g->m, ch, g->params);
    st->signers = &g->signers;
    if (g->signed_from)
        history_chains(g, path, ch->id, &hist);
    if (!s->commit) {
        if (!stream_record(s, path, ch->id, g->signed_from ? &hist : NULL, st, &bad)) {
            sl_free(&hist);
            free(path);
            return;
        }
        /* A bad byte somewhere: what the pieces before it did is undone. */
        gov_free(st);
        gov_init(st, &g->m, ch, g->params);
        st->signers = &g->signers;
    } else {
        text = govfile_read(s, path, path, &bad);
    }
    if (bad) {
        /* Never parse around a NUL or a CR: the entries after it would vanish. */
        sl_push(&st->problems, bad);
        gov_replay_text(st, ch->id, NULL, path, NULL);
    } else {
        /* One entry at a time: a record of 40 000 entries is never all in memory. */
        gov_replay_text(st, ch->id, text, path, g->signed_from ? &hist : NULL);
    }
    sl_free(&hist);
    free(text);
    free(path);
}

static char *joined(const struct strlist *l, const char *none)
{
    struct strbuf sb;

    if (!l->n)
        return xstrdup(none);
    sb_init(&sb);
    for (size_t i = 0; i < l->n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", l->v[i]);
    return sb.buf;
}

void gate_lines(const struct gov_state *st, const struct gov_summary *sum, struct strlist *out)
{
    char *s;

    sl_push(out, xasprintf("governance: Change-Id %s: %s", st->c->id,
                           sum->may_go_in ? "may go in" : "may NOT go in"));
    for (size_t f = 0; f < sum->nfiles; f++) {
        const struct gov_file *gf = &sum->files[f];
        char *secs = joined(&gf->sections, "(none)");

        if (gf->acked_by.n) {
            s = joined(&gf->acked_by, "");
            sl_push(out, xasprintf("governance: %s [%s]: acked by %s", gf->path, secs, s));
        } else {
            s = joined(&gf->first_m, "nobody");
            sl_push(out,
                    xasprintf("governance: %s [%s]: Ack missing: from %s%s", gf->path, secs, s,
                              gf->sections.n > 1 ? " or a maintainer of a wider section" : ""));
        }
        free(s);
        free(secs);
    }
    for (size_t i = 0; i < sum->standing.n; i++)
        sl_push(out, xasprintf("governance: standing Nack by %s", sum->standing.v[i]));
    for (size_t i = 0; i < sum->answered.n; i++)
        sl_push(out, xasprintf("governance: Nack by %s: overridden by the referees (entry %u)",
                               sum->answered.v[i], st->decision));
    if (st->referral) {
        s = joined(&sum->eligible, "none");
        sl_push(out, xasprintf("governance: referral to %s (entry %u, by %s): %s; eligible "
                               "referees (%zu): %s",
                               THE_REST, st->referral, st->referrer, sum->referral_state,
                               sum->eligible.n, s));
        free(s);
        sl_push(out, xasprintf("governance: votes: %zu accept, %zu reject; a strict majority "
                               "is %zu",
                               sum->accept, sum->reject, sum->need));
        if (st->outcome != OUTCOME_NONE)
            sl_push(out, xasprintf("governance: decision (entry %u): %s", st->decision,
                                   gov_outcome_name(st->outcome)));
        else if (!strcmp(sum->referral_state, "no quorum"))
            sl_push(out, xasprintf("governance: referral without a quorum: %zu eligible "
                                   "referee(s), the policy needs %d: no decision is possible",
                                   sum->eligible.n, st->params.referee_quorum));
    }
    for (size_t i = 0; i < st->problems.n; i++)
        sl_push(out, xasprintf("governance: record problem: %s", st->problems.v[i]));
    for (size_t i = 0; i < st->notes.n; i++)
        sl_push(out, xasprintf("governance: note: %s", st->notes.v[i]));
}

json_t *json_text(const char *s)
{
    json_t *j;
    char *esc;

    if (utf8_valid(s))
        return json_string(s);
    /* jansson refuses invalid UTF-8 (NULL): escaped, so that nothing is dropped. */
    esc = text_escape(s);
    j = json_string(esc);
    free(esc);
    return j;
}

static json_t *jlist(const struct strlist *l)
{
    json_t *a = json_array();

    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, json_text(l->v[i]));
    return a;
}

json_t *gate_json(const struct gov_state *st, const struct gov_summary *sum)
{
    json_t *o = json_object(), *files = json_array(), *votes = json_array();

    json_object_set_new(o, "change_id", json_string(st->c->id));
    json_object_set_new(o, "authors", jlist(&st->c->authors));
    for (size_t f = 0; f < sum->nfiles; f++) {
        const struct gov_file *gf = &sum->files[f];

        json_array_append_new(files,
                              json_pack("{s:o,s:o,s:o,s:o}", "file", json_text(gf->path), "sections",
                                        jlist(&gf->sections), "acked_by", jlist(&gf->acked_by),
                                        "may_ack", jlist(&gf->may_ack)));
    }
    json_object_set_new(o, "files", files);
    json_object_set_new(o, "acks_missing", jlist(&sum->missing));
    json_object_set_new(o, "standing_nacks", jlist(&sum->standing));
    json_object_set_new(o, "overridden_nacks", jlist(&sum->answered));
    json_object_set_new(o, "referral", json_string(sum->referral_state));
    json_object_set_new(o, "eligible_referees", jlist(&sum->eligible));
    for (size_t i = 0; i < st->votes.n; i++)
        json_array_append_new(votes, json_pack("{s:o,s:b,s:i}", "by", json_text(st->votes.v[i].ident),
                                               "accept", st->votes.v[i].accept, "entry",
                                               (json_int_t)st->votes.v[i].entry));
    json_object_set_new(o, "votes", votes);
    json_object_set_new(o, "majority", json_integer((json_int_t)sum->need));
    json_object_set_new(o, "decision", json_string(gov_outcome_name(st->outcome)));
    json_object_set_new(o, "problems", jlist(&st->problems));
    json_object_set_new(o, "notes", jlist(&st->notes));
    json_object_set_new(o, "why_not", jlist(&sum->why_not));
    json_object_set_new(o, "may_go_in", json_boolean(sum->may_go_in));
    return o;
}

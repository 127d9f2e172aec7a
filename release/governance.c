/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * governance.c - Acks, Nacks, referrals and referee votes (DESIGN 3b).
 */
#include "governance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gov_change_free(struct gov_change *c)
{
    free(c->id);
    sl_free(&c->authors);
    sl_free(&c->author_emails);
    sl_free(&c->files);
    sl_free(&c->trailer_acks);
    sl_free(&c->trailer_reviews);
    sl_free(&c->trailer_ack_keys);
    sl_free(&c->trailer_review_keys);
    memset(c, 0, sizeof(*c));
}

void gov_init(struct gov_state *st, const struct maintainers *m, const struct gov_change *c,
              struct gov_params params)
{
    memset(st, 0, sizeof(*st));
    st->m = m;
    st->c = c;
    st->params = params;
}

static void list_free(struct gov_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].ident);
        free(l->v[i].email);
        free(l->v[i].reason);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

void gov_free(struct gov_state *st)
{
    list_free(&st->acks);
    list_free(&st->nacks);
    list_free(&st->reviews);
    list_free(&st->votes);
    free(st->referrer);
    sl_free(&st->standing_email);
    free(st->standing_at);
    sl_free(&st->problems);
    sl_free(&st->notes);
}

static struct gov_pos *list_push(struct gov_list *l, const char *ident, const char *email,
                                 const char *reason, unsigned entry)
{
    struct gov_pos *p;

    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    p = &l->v[l->n++];
    memset(p, 0, sizeof(*p));
    p->ident = xstrdup(ident);
    p->email = xstrdup(email);
    p->reason = reason ? xstrdup(reason) : NULL;
    p->entry = entry;
    return p;
}

static const struct gov_pos *list_find(const struct gov_list *l, const char *email)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].email, email))
            return &l->v[i];
    return NULL;
}

static const struct gov_pos *standing_nack(const struct gov_state *st, const char *email)
{
    for (size_t i = 0; i < st->standing_email.n; i++)
        if (!strcmp(st->standing_email.v[i], email))
            return &st->nacks.v[st->standing_at[i]];
    return NULL;
}

static int is_author(const struct gov_state *st, const char *email)
{
    return email_in(&st->c->author_emails, email);
}

/*
 * The most specific section covering one of the change's files where email
 * is listed as M: (want_r: or R:); NULL when there is none.
 */
static const struct msection *covering_role(const struct gov_state *st, const char *email,
                                            int want_r)
{
    const struct maintainers *m = st->m;
    size_t *idx = xcalloc(m->n, sizeof(*idx));
    const struct msection *best = NULL;

    for (size_t f = 0; f < st->c->files.n && !best; f++) {
        size_t n = maintainers_lookup(m, st->c->files.v[f], idx);

        for (size_t i = 0; i < n && !best; i++) {
            const struct msection *s = &m->s[idx[i]];

            if (email_in(&s->m_email, email) || (want_r && email_in(&s->r_email, email)))
                best = s;
        }
    }
    free(idx);
    return best;
}

static const struct msection *listed_anywhere(const struct maintainers *m, const char *email)
{
    for (size_t i = 0; i < m->n; i++)
        if (email_in(&m->s[i].m_email, email) || email_in(&m->s[i].r_email, email))
            return &m->s[i];
    return NULL;
}

static int is_referee(const struct gov_state *st, const char *email)
{
    const struct msection *r = maintainers_the_rest(st->m);

    return r && email_in(&r->m_email, email);
}

static int not_neutral(const struct gov_state *st, const char *email)
{
    return is_author(st, email) || list_find(&st->acks, email) || list_find(&st->nacks, email);
}

void gov_eligible(const struct gov_state *st, struct strlist *idents)
{
    const struct msection *r = maintainers_the_rest(st->m);

    for (size_t i = 0; r && i < r->m.n; i++)
        if (!not_neutral(st, r->m_email.v[i]))
            sl_push(idents, xstrdup(r->m.v[i]));
}

static size_t eligible_count(const struct gov_state *st)
{
    struct strlist e = {0};
    size_t n;

    gov_eligible(st, &e);
    n = e.n;
    sl_free(&e);
    return n;
}

static int is_verb(const char *v)
{
    static const char *const verbs[] = {"ack",   "nack",        "review",      "withdraw",
                                        "refer", "vote-accept", "vote-reject", "decision"};

    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (!strcmp(v, verbs[i]))
            return 1;
    return 0;
}

static char *refuse_vote(const struct gov_state *st, const char *email, const char *who)
{
    const struct gov_pos *p;

    if (!st->referral)
        return xasprintf("no referral to vote on: a vote comes after \"refer\"");
    if (st->outcome != OUTCOME_NONE)
        return xasprintf("the referees have already decided (entry %u)", st->decision);
    if (!is_referee(st, email))
        return xasprintf("only maintainers (M:) of %s are referees: %s is not", THE_REST, who);
    if (is_author(st, email))
        return xasprintf("the author (%s) is not neutral and may not vote", who);
    if ((p = list_find(&st->acks, email)))
        return xasprintf("%s acked this change (%s) and is not neutral", who,
                         p->entry ? "a record entry" : "commit trailer");
    if ((p = list_find(&st->nacks, email)))
        return xasprintf("%s nacked this change (entry %u) and is not neutral", who, p->entry);
    if ((p = list_find(&st->votes, email)))
        return xasprintf("%s has already voted (entry %u)", who, p->entry);
    return NULL;
}

char *gov_refuse(const struct gov_state *st, const char *verb, const char *ident,
                 const char *reason)
{
    char *email = NULL, *why = NULL;
    const struct gov_pos *p;

    if (!is_verb(verb))
        return xasprintf("unknown verb \"%s\"", verb);
    if (!strcmp(verb, "decision"))
        return xasprintf("a decision is computed from the votes, not recorded by hand");
    if (ident_parse(ident, &email))
        return xasprintf("malformed identity \"%s\" (want \"Name <user@host>\")", ident);
    if (!listed_anywhere(st->m, email)) {
        why = xasprintf("only people listed in %s (M: or R:) may record decisions: %s is not",
                        MAINTAINERS_PATH, email);
    } else if (!strcmp(verb, "ack") || !strcmp(verb, "nack")) {
        int ack = verb[0] == 'a';

        if (!ack && (!reason || !*reason))
            why = xasprintf("a Nack needs a reason (--reason)");
        else if (is_author(st, email))
            why = xasprintf("the author may not %s their own change", ack ? "Ack" : "Nack");
        else if (!covering_role(st, email, 0))
            why = xasprintf("an %s must come from a maintainer (M:) of a section covering one "
                            "of the change's files: %s is not one",
                            ack ? "Ack" : "Nack", email);
        else if ((p = list_find(&st->acks, email)))
            why = xasprintf("%s already acked this change (%s)", email,
                            p->entry ? "record entry" : "commit trailer");
        else if ((p = standing_nack(st, email)))
            why = xasprintf("%s has a standing Nack (entry %u)%s", email, p->entry,
                            ack ? ": withdraw it first" : "");
        else if ((p = list_find(&st->votes, email)))
            why = xasprintf("%s voted as a referee (entry %u) and cannot also %s", email, p->entry,
                            ack ? "Ack" : "Nack");
    } else if (!strcmp(verb, "review")) {
        if (is_author(st, email))
            why = xasprintf("the author may not review their own change");
        else if (!covering_role(st, email, 1))
            why = xasprintf("a Reviewed-by must come from a maintainer or reviewer (M: or R:) "
                            "of a section covering one of the change's files: %s is not one",
                            email);
        else if ((p = list_find(&st->reviews, email)))
            why = xasprintf("%s already reviewed this change", email);
    } else if (!strcmp(verb, "withdraw")) {
        if (!standing_nack(st, email))
            why = xasprintf("%s has no standing Nack to withdraw", email);
    } else if (!strcmp(verb, "refer")) {
        int any = 0;

        for (size_t i = 0; i < st->nacks.n; i++)
            any |= !st->nacks.v[i].withdrawn;
        if (!is_author(st, email) && !covering_role(st, email, 0))
            why = xasprintf("a referral is asked for by the author or a maintainer (M:) of the "
                            "change's files: %s is neither",
                            email);
        else if (st->referral)
            why = xasprintf("already referred to %s (entry %u)", THE_REST, st->referral);
        else if (!any)
            why = xasprintf("nothing to referee: no standing Nack (the maintainers do not "
                            "disagree)");
    } else { /* vote-accept, vote-reject */
        why = refuse_vote(st, email, email);
    }
    free(email);
    return why;
}

char *gov_role(const struct gov_state *st, const char *verb, const char *ident)
{
    char *email = NULL, *role;
    const struct msection *s;

    if (!strcmp(verb, "decision"))
        return xstrdup("computed from the referees' votes");
    if (!strncmp(verb, "vote-", 5))
        return xasprintf("referee (%s)", THE_REST);
    if (ident_parse(ident, &email))
        return xstrdup("unknown");
    if (is_author(st, email))
        role = xstrdup("author");
    else if ((s = covering_role(st, email, 0)))
        role = xasprintf("maintainer (%s)", s->name);
    else if ((s = covering_role(st, email, 1)))
        role = xasprintf("reviewer (%s)", s->name);
    else if ((s = listed_anywhere(st->m, email)))
        role = xasprintf("listed in %s (%s), not covering this change", MAINTAINERS_PATH, s->name);
    else
        role = xstrdup("not in MAINTAINERS");
    free(email);
    return role;
}

void gov_apply(struct gov_state *st, const char *verb, const char *ident, const char *reason,
               unsigned entry)
{
    char *email = NULL;

    if (!strcmp(verb, "decision")) {
        st->outcome = gov_tally(st);
        st->decision = entry;
        return;
    }
    if (ident_parse(ident, &email))
        return;
    if (!strcmp(verb, "ack")) {
        list_push(&st->acks, ident, email, reason, entry);
    } else if (!strcmp(verb, "nack")) {
        list_push(&st->nacks, ident, email, reason, entry);
        st->standing_at =
            xrealloc(st->standing_at, (st->standing_email.n + 1) * sizeof(*st->standing_at));
        st->standing_at[st->standing_email.n] = st->nacks.n - 1;
        sl_push(&st->standing_email, xstrdup(email));
    } else if (!strcmp(verb, "review")) {
        list_push(&st->reviews, ident, email, reason, entry);
    } else if (!strcmp(verb, "withdraw")) {
        struct strlist *se = &st->standing_email;

        for (size_t i = 0; i < se->n; i++) {
            if (strcmp(se->v[i], email))
                continue;
            st->nacks.v[st->standing_at[i]].withdrawn = entry;
            free(se->v[i]);
            se->v[i] = se->v[se->n - 1];
            st->standing_at[i] = st->standing_at[se->n - 1];
            se->n--;
            break;
        }
    } else if (!strcmp(verb, "refer")) {
        st->referral = entry;
        free(st->referrer);
        st->referrer = xstrdup(ident);
    } else if (!strncmp(verb, "vote-", 5)) {
        list_push(&st->votes, ident, email, reason, entry)->accept = !strcmp(verb, "vote-accept");
    }
    free(email);
}

enum gov_outcome gov_tally(const struct gov_state *st)
{
    size_t e = eligible_count(st), acc = 0, rej = 0;

    if (!st->referral || e < (size_t)st->params.referee_quorum || e == 0)
        return OUTCOME_NONE;
    for (size_t i = 0; i < st->votes.n; i++) {
        if (st->votes.v[i].accept)
            acc++;
        else
            rej++;
    }
    /* A strict majority of the eligible referees, not of the votes cast. */
    if (acc * 2 > e)
        return OUTCOME_ACCEPTED;
    if (rej * 2 > e)
        return OUTCOME_REJECTED;
    if (acc + rej >= e)
        return OUTCOME_TIE;
    return OUTCOME_NONE;
}

const char *gov_outcome_name(enum gov_outcome o)
{
    switch (o) {
    case OUTCOME_ACCEPTED:
        return "accepted";
    case OUTCOME_REJECTED:
        return "rejected";
    case OUTCOME_TIE:
        return "tie";
    default:
        return "none";
    }
}

char *gov_decision_text(const struct gov_state *st)
{
    size_t acc = 0;

    for (size_t i = 0; i < st->votes.n; i++)
        acc += (size_t)st->votes.v[i].accept;
    return xasprintf("%zu accept, %zu reject of %zu eligible referees (a strict majority is "
                     "%zu)",
                     acc, st->votes.n - acc, eligible_count(st), eligible_count(st) / 2 + 1);
}

static void problem(struct gov_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void problem(struct gov_state *st, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sl_push(&st->problems, xvasprintf(fmt, ap));
    va_end(ap);
}

/*
 * Whether the commit carrying a trailer naming ident was signed by a key
 * allowed_signers lists for ident's address in the "git" namespace. Anyone
 * can type "Acked-by: Bob" into their own commit message.
 */
static int trailer_signed(const struct gov_state *st, const char *ident, const char *keyhex)
{
    char *email = NULL;
    int ok = 0;

    if (!keyhex || !*keyhex || ident_parse(ident, &email))
        return 0;
    for (size_t i = 0; i < st->signers->n && !ok; i++) {
        const struct signer *sg = &st->signers->v[i];
        char hex[2 * ED25519_KEY_LEN + 1];

        for (size_t k = 0; k < ED25519_KEY_LEN; k++)
            snprintf(hex + 2 * k, 3, "%02x", sg->pub[k]);
        ok = !strcmp(hex, keyhex) && sl_contains(&sg->principals, email) &&
             (!sg->namespaces.n || sl_contains(&sg->namespaces, "git"));
    }
    free(email);
    return ok;
}

static void replay_trailers(struct gov_state *st, const struct strlist *ids,
                            const struct strlist *keys, const char *verb, const char *tag)
{
    for (size_t i = 0; i < ids->n; i++) {
        char *why;

        if (st->signers && !trailer_signed(st, ids->v[i], i < keys->n ? keys->v[i] : NULL)) {
            sl_push(&st->notes, xasprintf("%s: %s on the commit not counted: the commit is not "
                                          "signed with a key %s lists for them (record a signed "
                                          "entry with keel-release review)",
                                          tag, ids->v[i], SIGNERS_PATH));
            continue;
        }
        why = gov_refuse(st, verb, ids->v[i], NULL);

        if (why) {
            /* A trailer that already counts as a record entry is not a second one. */
            sl_push(&st->notes,
                    xasprintf("%s: %s on the commit not counted: %s", tag, ids->v[i], why));
            free(why);
            continue;
        }
        gov_apply(st, verb, ids->v[i], "commit trailer", 0);
    }
}

/* Why entry e's signature does not make it its By:'s entry; NULL when it does. */
static char *signature_problem(const struct gov_state *st, const char *change_id, size_t i,
                               const struct entry *e, const char *by)
{
    struct sshsig sig;
    char *email = NULL, *err = NULL, *msg;

    if (!e->signature)
        return xasprintf("not signed (review signs with --key, KEEL_SIGNING_KEY or git's "
                         "user.signingkey)");
    if (ident_parse(by, &email))
        return xasprintf("malformed identity");
    if (sshsig_parse(e->signature, &sig, &err)) {
        char *m = xasprintf("bad signature: %s", err);

        free(err);
        free(email);
        return m;
    }
    msg = entry_signed_text(change_id, i, e);
    err = signers_check(st->signers, &sig, email, SSHSIG_NAMESPACE, msg, strlen(msg));
    free(msg);
    free(email);
    sshsig_free(&sig);
    return err;
}

/* A replay in progress, entry by entry (record_each()). */
struct replay {
    struct gov_state *st;
    const char *what;
    size_t n;                            /* entries seen */
    char prev[CHAIN_HEX + 1];            /* the Chain of the last one */
    const struct strlist *history_chains; /* the record at signed_from, or NULL */
    int in_history;
    char *broken;                        /* numbering or chain broken: the problem */
};

/* The rules applied to one entry whose number and chain are verified. */
static void replay_rules(struct gov_state *st, const char *change_id, size_t i,
                         const struct entry *e, const char *what)
{
    const char *verb = entry_get(e, "Verdict"), *by = entry_get(e, "By");
    const char *reason = entry_get(e, "Reason");
    unsigned no = (unsigned)i + 1;
    char *why;

    if (!verb || !by) {
        problem(st, "%s:%u: entry %u: no %s field", what, e->line, no, verb ? "By:" : "Verdict:");
        return;
    }
    if (!strcmp(verb, "decision")) {
        enum gov_outcome want = gov_tally(st);
        const char *said = entry_get(e, "Outcome");

        if (strcmp(by, TOOL_IDENTITY))
            problem(st, "%s:%u: entry %u: a decision by %s (only %s writes them)", what, e->line,
                    no, by, TOOL_IDENTITY);
        else if (st->outcome != OUTCOME_NONE)
            problem(st, "%s:%u: entry %u: a second decision (the first is entry %u)", what,
                    e->line, no, st->decision);
        else if (want == OUTCOME_NONE)
            problem(st, "%s:%u: entry %u: a decision the votes before it do not make", what,
                    e->line, no);
        else if (!said || strcmp(said, gov_outcome_name(want)))
            problem(st, "%s:%u: entry %u: decision says \"%s\", the votes say \"%s\"", what,
                    e->line, no, said ? said : "(nothing)", gov_outcome_name(want));
        else
            gov_apply(st, verb, by, reason, no);
        return;
    }
    if (st->signers && i >= st->history && (why = signature_problem(st, change_id, i, e, by))) {
        /* Not counted: whoever could write the file could have written it. */
        problem(st, "%s:%u: entry %u: %s by %s not counted: %s", what, e->line, no, verb, by, why);
        free(why);
        return;
    }
    why = gov_refuse(st, verb, by, reason);
    if (why) {
        problem(st, "%s:%u: entry %u: %s by %s breaks a rule: %s", what, e->line, no, verb, by,
                why);
        free(why);
        return;
    }
    gov_apply(st, verb, by, reason, no);
}

static void replay_one(void *arg, const struct record *r, const struct entry *e)
{
    struct replay *rp = arg;
    size_t i = rp->n++;
    char want[CHAIN_HEX + 1];

    if (rp->broken)
        return;
    if (e->number != i + 1) {
        rp->broken = xasprintf("%s:%u: entry %zu: numbered \"%s\" (entries reordered, inserted "
                               "or deleted)",
                               rp->what, e->line, i + 1,
                               entry_get(e, "Entry") ? entry_get(e, "Entry") : "(none)");
        return;
    }
    if (!e->chain) {
        rp->broken = xasprintf("%s:%u: entry %zu: no Chain: field", rp->what, e->line, i + 1);
        return;
    }
    record_chain_next(r->change_id, i ? rp->prev : NULL, e->text, want);
    if (strcmp(want, e->chain)) {
        rp->broken = xasprintf("%s:%u: entry %zu: Chain does not match (the entry or one before "
                               "it was edited, reordered or deleted)",
                               rp->what, e->line, i + 1);
        return;
    }
    memcpy(rp->prev, want, sizeof(want));
    if (rp->history_chains) {
        rp->in_history = rp->in_history && i < rp->history_chains->n &&
                         !strcmp(rp->history_chains->v[i], e->chain);
        if (rp->in_history)
            rp->st->history = i + 1;
    }
    replay_rules(rp->st, r->change_id, i, e, rp->what);
}

/*
 * A record whose numbering or chain is broken counts for nothing: the
 * state goes back to the commit trailers alone, with that one problem.
 */
static void replay_reset(struct gov_state *st, char *why)
{
    struct gov_state fresh;

    gov_init(&fresh, st->m, st->c, st->params);
    fresh.signers = st->signers;
    gov_free(st);
    *st = fresh;
    replay_trailers(st, &st->c->trailer_acks, &st->c->trailer_ack_keys, "ack", "Acked-by");
    replay_trailers(st, &st->c->trailer_reviews, &st->c->trailer_review_keys, "review",
                    "Reviewed-by");
    sl_push(&st->problems, why);
}

static void replay_end(struct gov_state *st, size_t n, const char *what)
{
    if (st->signers && st->history)
        sl_push(&st->notes, xasprintf("%s: entries 1..%zu are unsigned history (recorded before "
                                      "the policy's signed_from)",
                                      what, st->history < n ? st->history : n));
    if (st->outcome == OUTCOME_NONE && gov_tally(st) != OUTCOME_NONE)
        problem(st, "%s: the votes decide (%s) but no decision entry follows them (deleted?)", what,
                gov_outcome_name(gov_tally(st)));
}

void gov_replay(struct gov_state *st, const struct record *r, const char *what)
{
    struct replay rp = {.st = st, .what = what};

    replay_trailers(st, &st->c->trailer_acks, &st->c->trailer_ack_keys, "ack", "Acked-by");
    replay_trailers(st, &st->c->trailer_reviews, &st->c->trailer_review_keys, "review",
                    "Reviewed-by");
    for (size_t i = 0; i < r->n && !rp.broken; i++)
        replay_one(&rp, r, &r->v[i]);
    if (rp.broken) {
        replay_reset(st, rp.broken);
        return;
    }
    replay_end(st, r->n, what);
}

/* A replay fed a piece of the record at a time (gov_replay_text() is one piece). */
struct gov_stream {
    struct replay rp;
    char *change_id;
    char *err; /* the first syntax error: nothing after it is read */
};

struct gov_stream *gov_stream_begin(struct gov_state *st, const char *change_id, const char *what,
                                    const struct strlist *history_chains)
{
    struct gov_stream *gs = xcalloc(1, sizeof(*gs));

    gs->rp.st = st;
    gs->rp.what = what;
    gs->rp.history_chains = history_chains;
    gs->rp.in_history = 1;
    gs->change_id = xstrdup(change_id);
    replay_trailers(st, &st->c->trailer_acks, &st->c->trailer_ack_keys, "ack", "Acked-by");
    replay_trailers(st, &st->c->trailer_reviews, &st->c->trailer_review_keys, "review",
                    "Reviewed-by");
    st->history = 0;
    return gs;
}

void gov_stream_feed(struct gov_stream *gs, const char *text, unsigned line0)
{
    if (!gs->err)
        gs->err = record_each_at(gs->change_id, text, gs->rp.what, line0, replay_one, &gs->rp);
}

void gov_stream_end(struct gov_stream *gs)
{
    struct gov_state *st = gs->rp.st;

    if (gs->err || gs->rp.broken) {
        st->history = 0;
        free(gs->err ? gs->rp.broken : NULL);
        replay_reset(st, gs->err ? gs->err : gs->rp.broken);
    } else {
        replay_end(st, gs->rp.n, gs->rp.what);
    }
    free(gs->change_id);
    free(gs);
}

void gov_stream_drop(struct gov_stream *gs)
{
    free(gs->err);
    free(gs->rp.broken);
    free(gs->change_id);
    free(gs);
}

void gov_replay_text(struct gov_state *st, const char *change_id, const char *text,
                     const char *what, const struct strlist *history_chains)
{
    struct gov_stream *gs = gov_stream_begin(st, change_id, what, history_chains);

    gov_stream_feed(gs, text ? text : "", 0);
    gov_stream_end(gs);
}

void gov_summarize(const struct gov_state *st, struct gov_summary *s)
{
    const struct maintainers *m = st->m;
    size_t *idx = xcalloc(m->n, sizeof(*idx));
    size_t acc = 0;

    memset(s, 0, sizeof(*s));
    s->nfiles = st->c->files.n;
    s->files = xcalloc(s->nfiles, sizeof(*s->files));
    for (size_t f = 0; f < s->nfiles; f++) {
        struct gov_file *gf = &s->files[f];
        size_t n = maintainers_lookup(m, st->c->files.v[f], idx);

        gf->path = st->c->files.v[f];
        for (size_t i = 0; i < n; i++) {
            const struct msection *sec = &m->s[idx[i]];

            sl_push(&gf->sections, xstrdup(sec->name));
            for (size_t k = 0; k < sec->m.n; k++) {
                if (is_author(st, sec->m_email.v[k]))
                    continue;
                if (!sl_contains(&gf->may_ack, sec->m.v[k]))
                    sl_push(&gf->may_ack, xstrdup(sec->m.v[k]));
                if (i == 0)
                    sl_push(&gf->first_m, xstrdup(sec->m.v[k]));
            }
            for (size_t a = 0; a < st->acks.n; a++)
                if (email_in(&sec->m_email, st->acks.v[a].email) &&
                    !sl_contains(&gf->acked_by, st->acks.v[a].ident))
                    sl_push(&gf->acked_by, xstrdup(st->acks.v[a].ident));
        }
        if (!gf->acked_by.n) {
            sl_push(&s->missing, xstrdup(gf->path));
            sl_push(&s->why_not, xasprintf("%s: no Ack from a maintainer of %s", gf->path,
                                           gf->sections.n ? gf->sections.v[0] : "(no section)"));
        }
    }
    free(idx);
    for (size_t i = 0; i < st->nacks.n; i++) {
        const struct gov_pos *p = &st->nacks.v[i];
        char *line;

        if (p->withdrawn)
            continue;
        line = xasprintf("%s (entry %u): %s", p->ident, p->entry, p->reason ? p->reason : "");
        if (st->outcome == OUTCOME_ACCEPTED && p->entry < st->decision) {
            sl_push(&s->answered, line);
        } else {
            sl_push(&s->why_not, xasprintf("standing Nack by %s", line));
            sl_push(&s->standing, line);
        }
    }
    gov_eligible(st, &s->eligible);
    for (size_t i = 0; i < st->votes.n; i++)
        acc += (size_t)st->votes.v[i].accept;
    s->accept = acc;
    s->reject = st->votes.n - acc;
    s->need = s->eligible.n / 2 + 1;
    if (!st->referral)
        s->referral_state = "none";
    else if (st->outcome != OUTCOME_NONE)
        s->referral_state = "decided";
    else if (s->eligible.n < (size_t)st->params.referee_quorum || !s->eligible.n)
        s->referral_state = "no quorum";
    else
        s->referral_state = "open";
    if (st->outcome == OUTCOME_REJECTED || st->outcome == OUTCOME_TIE)
        sl_push(&s->why_not, xasprintf("the referees did not accept it (%s, entry %u)",
                                       gov_outcome_name(st->outcome), st->decision));
    if (st->referral && !strcmp(s->referral_state, "no quorum") && s->standing.n)
        sl_push(&s->why_not, xasprintf("referral without a quorum: %zu eligible referee(s), the "
                                       "policy needs %d",
                                       s->eligible.n, st->params.referee_quorum));
    for (size_t i = 0; i < st->problems.n; i++)
        sl_push(&s->why_not, xstrdup(st->problems.v[i]));
    s->may_go_in = s->why_not.n == 0;
}

void gov_summary_free(struct gov_summary *s)
{
    for (size_t f = 0; f < s->nfiles; f++) {
        sl_free(&s->files[f].sections);
        sl_free(&s->files[f].acked_by);
        sl_free(&s->files[f].may_ack);
        sl_free(&s->files[f].first_m);
    }
    free(s->files);
    sl_free(&s->missing);
    sl_free(&s->standing);
    sl_free(&s->answered);
    sl_free(&s->eligible);
    sl_free(&s->why_not);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * governance.h - the rules of DESIGN section 3b applied to one change's
 * record: who may ack, nack, refer and vote, when the referees have decided,
 * and whether the change may go in.
 *
 * The same code refuses a new entry (keel-release review) and replays a
 * committed record (keel-release check), so a hand-written entry that the
 * tool would have refused is reported as such.
 */
#ifndef KEEL_RELEASE_GOVERNANCE_H
#define KEEL_RELEASE_GOVERNANCE_H

#include "maintainers.h"
#include "record.h"
#include "signers.h"

#define DEFAULT_REFEREE_QUORUM 3
#define TOOL_IDENTITY "keel-release <governance@keel.invalid>"

/* What the rules need to know about a change. */
struct gov_change {
    char *id;
    struct strlist authors;         /* commit author identities */
    struct strlist author_emails;   /* lower case */
    struct strlist files;           /* touched paths under public/ */
    struct strlist trailer_acks;    /* Acked-by: identities on its commits */
    struct strlist trailer_reviews; /* Reviewed-by: */
    /*
     * For each trailer, the hex Ed25519 key whose valid SSH signature the
     * commit carrying it has ("" when unsigned): a trailer counts only on a
     * commit signed by the key of the person it names.
     */
    struct strlist trailer_ack_keys, trailer_review_keys;
};

struct gov_params {
    int referee_quorum; /* fewer eligible referees than this: no decision possible */
};

enum gov_outcome { OUTCOME_NONE, OUTCOME_ACCEPTED, OUTCOME_REJECTED, OUTCOME_TIE };

struct gov_pos {
    char *ident, *email, *reason;
    unsigned entry;     /* 0: a commit trailer */
    unsigned withdrawn; /* the withdraw entry, 0 while standing */
    int accept;         /* votes only */
};

struct gov_list {
    struct gov_pos *v;
    size_t n, cap;
};

struct gov_state {
    const struct maintainers *m;
    const struct gov_change *c;
    struct gov_params params;
    struct gov_list acks, nacks, reviews, votes;
    /*
     * Who has a standing Nack, and which one (an index into nacks): at most
     * one each, and no more people than MAINTAINERS lists, so a record of
     * many nack/withdraw rounds replays in linear time.
     */
    struct strlist standing_email;
    size_t *standing_at;
    unsigned referral; /* the refer entry, 0 when none */
    char *referrer;
    enum gov_outcome outcome;
    unsigned decision;       /* the decision entry */
    /*
     * When set, every entry after the first `history` ones must be signed
     * by the person it names with a key signers lists (decisions excepted:
     * they are recomputed from the votes). The first `history` entries were
     * recorded before signatures were required (policy signed_from).
     */
    const struct signers *signers;
    size_t history;
    struct strlist problems; /* entries that break a rule, or a damaged record */
    struct strlist notes;    /* trailers not counted, and why */
};

void gov_change_free(struct gov_change *c);

void gov_init(struct gov_state *st, const struct maintainers *m, const struct gov_change *c,
              struct gov_params params);
void gov_free(struct gov_state *st);

/*
 * The rule a new entry (verb by ident, with reason) would break, as an
 * allocated message; NULL when it may be recorded.
 */
char *gov_refuse(const struct gov_state *st, const char *verb, const char *ident,
                 const char *reason);
/* The Role: text for ident's entry of this verb. */
char *gov_role(const struct gov_state *st, const char *verb, const char *ident);
/* Records an accepted entry in the state. */
void gov_apply(struct gov_state *st, const char *verb, const char *ident, const char *reason,
               unsigned entry);
/* After a vote: the outcome the votes so far decide (OUTCOME_NONE while open). */
enum gov_outcome gov_tally(const struct gov_state *st);
const char *gov_outcome_name(enum gov_outcome o);
/* The decision entry's Reason: text for the current votes. */
char *gov_decision_text(const struct gov_state *st);

/*
 * Replays a record: verifies its chain, then every entry against the rules
 * in order (problems name the entry), and the commit trailers.
 */
void gov_replay(struct gov_state *st, const struct record *r, const char *what);
/*
 * The same, reading the record's text one entry at a time (constant memory
 * for any length). history_chains: the Chain values of the record at the
 * policy's signed_from (NULL: none); the entries that begin with the same
 * ones are unsigned history and set st->history.
 */
void gov_replay_text(struct gov_state *st, const char *change_id, const char *text,
                     const char *what, const struct strlist *history_chains);
/*
 * gov_replay_text() a piece at a time: each piece (NUL-terminated) starts an
 * entry and follows line0 lines of the record. end finishes the replay as
 * gov_replay_text() does; drop abandons it (st is then to be freed).
 */
struct gov_stream;
struct gov_stream *gov_stream_begin(struct gov_state *st, const char *change_id, const char *what,
                                    const struct strlist *history_chains);
void gov_stream_feed(struct gov_stream *gs, const char *text, unsigned line0);
void gov_stream_end(struct gov_stream *gs);
void gov_stream_drop(struct gov_stream *gs);

/* Eligible referees (THE REST's M: minus the author, ackers and nackers). */
void gov_eligible(const struct gov_state *st, struct strlist *idents);

struct gov_file {
    const char *path;
    struct strlist sections; /* covering sections, most specific first */
    struct strlist acked_by;
    struct strlist may_ack; /* M: of the covering sections, minus the authors */
    struct strlist first_m; /* the same for the most specific section only */
};

struct gov_summary {
    struct gov_file *files;
    size_t nfiles;
    struct strlist missing;  /* files with no valid Ack */
    struct strlist standing; /* "ident (entry N): reason" */
    struct strlist answered; /* Nacks the referees' decision answered */
    struct strlist eligible;
    size_t accept, reject, need;
    const char *referral_state; /* "none", "open", "no quorum", "decided" */
    int may_go_in;
    struct strlist why_not; /* one line per reason it may not */
};

void gov_summarize(const struct gov_state *st, struct gov_summary *s);
void gov_summary_free(struct gov_summary *s);

#endif

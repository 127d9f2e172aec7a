/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_gov.c - CUnit tests of MAINTAINERS matching, the governance rules
 * (eligibility, majority, tie, quorum) and the records' hash chain.
 */
#include <stdlib.h>
#include <string.h>

#include "governance.h"
#include "unit.h"

static const char maint_text[] = "Preamble.\n"
                                 "\n"
                                 "ABI\n"
                                 "M:\tAlice <alice@example.org>\n"
                                 "M:\tBob <bob@example.org>\n"
                                 "R:\tRita <rita@example.org>\n"
                                 "S:\tSupported\n"
                                 "F:\tpublic/\n"
                                 "X:\tpublic/arch-x86.h\n"
                                 "\n"
                                 "ARM HEADERS\n"
                                 "M:\tArnold <arnold@example.org>\n"
                                 "F:\tpublic/arch-*.h\n"
                                 "\n"
                                 "IO RINGS\n"
                                 "M:\tIrene <irene@example.org>\n"
                                 "F:\tpub*/*/ring.h\n"
                                 "\n"
                                 "ONE LEVEL\n"
                                 "M:\tOlga <olga@example.org>\n"
                                 "F:\txen/*\n"
                                 "\n"
                                 "THE REST\n"
                                 "M:\tAlice <alice@example.org>\n"
                                 "M:\tBob <bob@example.org>\n"
                                 "M:\tDave <dave@example.org>\n"
                                 "M:\tErin <erin@example.org>\n"
                                 "M:\tFrank <frank@example.org>\n"
                                 "M:\tGrace <grace@example.org>\n"
                                 "F:\t*\n"
                                 "F:\t*/\n";

#define ALICE "Alice <alice@example.org>"
#define BOB "Bob <bob@example.org>"
#define DAVE "Dave <dave@example.org>"
#define ERIN "Erin <erin@example.org>"
#define FRANK "Frank <frank@example.org>"
#define GRACE "Grace <grace@example.org>"
#define HEIDI "Heidi <heidi@example.org>"

static struct maintainers M;

static void load(void)
{
    maintainers_parse(&M, maint_text, "MAINTAINERS");
}

static const char *first_section(const char *path)
{
    size_t idx[8];
    size_t n = maintainers_lookup(&M, path, idx);

    return n ? M.s[idx[0]].name : "(none)";
}

static size_t nsections(const char *path)
{
    size_t idx[8];

    return maintainers_lookup(&M, path, idx);
}

static void test_parse_clean(void)
{
    load();
    CU_ASSERT_EQUAL(M.problems.n, 0);
    CU_ASSERT_EQUAL(M.n, 5);
    CU_ASSERT_STRING_EQUAL(maintainers_the_rest(&M)->name, "THE REST");
    maintainers_free(&M);
}

static void test_patterns(void)
{
    struct mpattern rec, one, anydir, top, sub;

    mpattern_init(&rec, "public/", 1);
    mpattern_init(&one, "xen/*", 2);
    mpattern_init(&anydir, "*/", 3);
    mpattern_init(&top, "*", 4);
    mpattern_init(&sub, "arch/*/gic/", 5);
    CU_ASSERT_TRUE(mpattern_match(&rec, "public/xen.h"));
    CU_ASSERT_TRUE(mpattern_match(&rec, "public/io/ring.h"));
    CU_ASSERT_FALSE(mpattern_match(&rec, "publication.h"));
    CU_ASSERT_FALSE(mpattern_match(&rec, "xen/public/xen.h"));
    CU_ASSERT_TRUE(mpattern_match(&one, "xen/Makefile"));
    CU_ASSERT_FALSE(mpattern_match(&one, "xen/common/version.c"));
    CU_ASSERT_TRUE(mpattern_match(&anydir, "a/b/c.c"));
    CU_ASSERT_FALSE(mpattern_match(&anydir, "README.md"));
    CU_ASSERT_TRUE(mpattern_match(&top, "README.md"));
    CU_ASSERT_FALSE(mpattern_match(&top, "a/b.c"));
    CU_ASSERT_FALSE(mpattern_match(&rec, "public"));
    CU_ASSERT_TRUE(mpattern_match(&sub, "arch/arm/gic/v3.c"));
    CU_ASSERT_TRUE(mpattern_match(&sub, "arch/arm/gic/its/a.c"));
    CU_ASSERT_FALSE(mpattern_match(&sub, "arch/arm/gic"));
    CU_ASSERT_FALSE(mpattern_match(&sub, "arch/arm/x/gic/a.c"));
    mpattern_free(&rec);
    mpattern_free(&one);
    mpattern_free(&anydir);
    mpattern_free(&top);
    mpattern_free(&sub);
}

static void test_lookup_precedence(void)
{
    load();
    /* X: wins over F: of the same section: arch-x86.h leaves ABI. */
    CU_ASSERT_STRING_EQUAL(first_section("public/arch-x86.h"), "ARM HEADERS");
    CU_ASSERT_EQUAL(nsections("public/arch-x86.h"), 2);
    /* A longer literal prefix is more specific than a recursive directory. */
    CU_ASSERT_STRING_EQUAL(first_section("public/arch-arm.h"), "ARM HEADERS");
    CU_ASSERT_EQUAL(nsections("public/arch-arm.h"), 3);
    CU_ASSERT_STRING_EQUAL(first_section("public/version.h"), "ABI");
    /* A deeper pattern beats a longer literal prefix ("pub" < "public/"). */
    CU_ASSERT_STRING_EQUAL(first_section("public/io/ring.h"), "IO RINGS");
    CU_ASSERT_EQUAL(nsections("public/io/ring.h"), 3);
    /* One-level glob: xen/Makefile yes, xen/common/x.c no. */
    CU_ASSERT_STRING_EQUAL(first_section("xen/Makefile"), "ONE LEVEL");
    CU_ASSERT_STRING_EQUAL(first_section("xen/common/x.c"), "THE REST");
    CU_ASSERT_STRING_EQUAL(first_section("README.md"), "THE REST");
    maintainers_free(&M);
}

static void test_parse_problems(void)
{
    maintainers_parse(&M,
                      "A\nM:\tx <x@example.org>\nZ:\tno\nF:\tp/\n\nB\nR:\tr <r@example.org>\nF:"
                      "\tq/\n\nTHE REST\nM:\tbad address\nM:\ty <y@example.org>\nF:\t*\nF:\t*/\n",
                      "M");
    CU_ASSERT_TRUE(sl_contains(&M.problems, "M:3: unknown tag \"Z:\""));
    CU_ASSERT_TRUE(sl_contains(&M.problems, "M:6: section \"B\" has no M: (maintainer)"));
    CU_ASSERT_TRUE(sl_contains(&M.problems, "M:11: M: malformed address \"bad address\" (want "
                                            "\"Name <user@host>\")"));
    CU_ASSERT_EQUAL(M.problems.n, 3);
    maintainers_free(&M);
}

static void test_ident(void)
{
    char *e = NULL;

    CU_ASSERT_EQUAL(ident_parse("Alice Example <Alice@Example.ORG>", &e), 0);
    CU_ASSERT_STRING_EQUAL(e, "alice@example.org");
    free(e);
    CU_ASSERT_NOT_EQUAL(ident_parse("<a@b.c>", NULL), 0);
    CU_ASSERT_NOT_EQUAL(ident_parse("A <a@b.c> x", NULL), 0);
    CU_ASSERT_NOT_EQUAL(ident_parse("A <ab.c>", NULL), 0);
    CU_ASSERT_NOT_EQUAL(ident_parse("A <a@b@c.d>", NULL), 0);
    CU_ASSERT_NOT_EQUAL(ident_parse("A <a b@c.d>", NULL), 0);
}

/* A change by Heidi to public/version.h. */
static void change(struct gov_change *c)
{
    memset(c, 0, sizeof(*c));
    c->id = xstrdup("I0123456789abcdef0123456789abcdef01234567");
    sl_push(&c->authors, xstrdup(HEIDI));
    sl_push(&c->author_emails, xstrdup("heidi@example.org"));
    sl_push(&c->files, xstrdup("public/version.h"));
}

static unsigned n_entry;

/* Applies an entry the rules accept; fails the test when refused. */
static void ok(struct gov_state *st, const char *verb, const char *by, const char *reason)
{
    char *why = gov_refuse(st, verb, by, reason);

    CU_ASSERT_PTR_NULL(why);
    if (why) {
        fprintf(stderr, "refused %s by %s: %s\n", verb, by, why);
        free(why);
        return;
    }
    gov_apply(st, verb, by, reason, ++n_entry);
}

static int refused(struct gov_state *st, const char *verb, const char *by, const char *reason,
                   const char *rule)
{
    char *why = gov_refuse(st, verb, by, reason);
    int hit = why && strstr(why, rule);

    if (!hit)
        fprintf(stderr, "want \"%s\", got \"%s\"\n", rule, why ? why : "(accepted)");
    free(why);
    return hit;
}

static void start(struct gov_state *st, struct gov_change *c, int quorum)
{
    struct gov_params p = {.referee_quorum = quorum};

    load();
    change(c);
    n_entry = 0;
    gov_init(st, &M, c, p);
}

static void finish(struct gov_state *st, struct gov_change *c)
{
    gov_free(st);
    gov_change_free(c);
    maintainers_free(&M);
}

static void test_eligibility(void)
{
    struct gov_state st;
    struct gov_change c;
    struct strlist e = {0};

    start(&st, &c, 3);
    sl_push(&c.trailer_acks, xstrdup(DAVE)); /* an Acked-by: trailer counts as an Ack */
    gov_apply(&st, "ack", DAVE, "commit trailer", 0);
    ok(&st, "nack", ALICE, "no");
    ok(&st, "refer", BOB, NULL);
    gov_eligible(&st, &e);
    /* THE REST: Alice Bob Dave Erin Frank Grace; minus nacker Alice and acker Dave. */
    CU_ASSERT_EQUAL(e.n, 4);
    CU_ASSERT_TRUE(sl_contains(&e, BOB));
    CU_ASSERT_FALSE(sl_contains(&e, ALICE));
    CU_ASSERT_FALSE(sl_contains(&e, DAVE));
    sl_free(&e);
    CU_ASSERT_TRUE(refused(&st, "vote-accept", ALICE, NULL, "not neutral"));
    CU_ASSERT_TRUE(refused(&st, "vote-accept", DAVE, NULL, "not neutral"));
    CU_ASSERT_TRUE(refused(&st, "vote-accept", HEIDI, NULL, "only people listed"));
    CU_ASSERT_TRUE(refused(&st, "vote-accept", "Rita <rita@example.org>", NULL, "are referees"));
    ok(&st, "vote-accept", ERIN, NULL);
    CU_ASSERT_TRUE(refused(&st, "vote-reject", ERIN, NULL, "already voted"));
    CU_ASSERT_TRUE(refused(&st, "ack", ERIN, NULL, "voted as a referee"));
    finish(&st, &c);
}

static void test_author_rules(void)
{
    struct gov_state st;
    struct gov_change c;

    start(&st, &c, 3);
    sl_push(&c.authors, xstrdup(ALICE));
    sl_push(&c.author_emails, xstrdup("alice@example.org"));
    CU_ASSERT_TRUE(refused(&st, "ack", ALICE, NULL, "the author may not Ack"));
    CU_ASSERT_TRUE(refused(&st, "ack", "Arnold <arnold@example.org>", NULL, "covering"));
    CU_ASSERT_TRUE(refused(&st, "review", "Olga <olga@example.org>", NULL, "covering"));
    ok(&st, "review", "Rita <rita@example.org>", NULL);
    CU_ASSERT_TRUE(refused(&st, "decision", BOB, NULL, "computed"));
    CU_ASSERT_TRUE(refused(&st, "withdraw", BOB, NULL, "no standing Nack"));
    finish(&st, &c);
}

/* Nack by Alice, Ack by Bob, referral: Dave Erin Frank Grace eligible (majority 3). */
static void referred(struct gov_state *st, struct gov_change *c, int quorum)
{
    start(st, c, quorum);
    ok(st, "nack", ALICE, "no");
    ok(st, "ack", BOB, NULL);
    ok(st, "refer", BOB, NULL);
}

static void test_majority(void)
{
    struct gov_state st;
    struct gov_change c;
    struct gov_summary s;

    referred(&st, &c, 3);
    ok(&st, "vote-accept", DAVE, NULL);
    ok(&st, "vote-accept", ERIN, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_NONE); /* 2 of 4 is not a strict majority */
    ok(&st, "vote-reject", FRANK, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_NONE);
    ok(&st, "vote-accept", GRACE, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_ACCEPTED);
    gov_apply(&st, "decision", "keel-release", NULL, ++n_entry);
    gov_summarize(&st, &s);
    CU_ASSERT_TRUE(s.may_go_in);
    CU_ASSERT_EQUAL(s.standing.n, 0);
    CU_ASSERT_EQUAL(s.answered.n, 1);
    gov_summary_free(&s);
    CU_ASSERT_TRUE(refused(&st, "vote-reject", "Bob <bob@example.org>", NULL, "already decided"));
    finish(&st, &c);
}

static void test_ack_then_nack_refused(void)
{
    struct gov_state st;
    struct gov_change c;

    referred(&st, &c, 3);
    CU_ASSERT_TRUE(refused(&st, "nack", BOB, "x", "already acked"));
    finish(&st, &c);
}

/*
 * The author is not neutral: when they are one of THE REST, they are not an
 * eligible referee and their vote is refused.
 */
static void test_author_may_not_vote(void)
{
    struct gov_state st;
    struct gov_change c;
    struct strlist e = {0};

    start(&st, &c, 3);
    sl_push(&c.authors, xstrdup(DAVE));
    sl_push(&c.author_emails, xstrdup("dave@example.org"));
    ok(&st, "nack", ALICE, "no");
    ok(&st, "ack", BOB, NULL);
    ok(&st, "refer", BOB, NULL);
    gov_eligible(&st, &e);
    /* THE REST minus nacker Alice, acker Bob and author Dave. */
    CU_ASSERT_EQUAL(e.n, 3);
    CU_ASSERT_FALSE(sl_contains(&e, DAVE));
    sl_free(&e);
    CU_ASSERT_TRUE(refused(&st, "vote-accept", DAVE, NULL, "is not neutral and may not vote"));
    ok(&st, "vote-accept", ERIN, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_NONE);
    ok(&st, "vote-accept", FRANK, NULL); /* 2 of 3 */
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_ACCEPTED);
    finish(&st, &c);
}

/* A Nack blocks until its maintainer withdraws it; then the Ack suffices. */
static void test_withdrawn_nack(void)
{
    struct gov_state st;
    struct gov_change c;
    struct gov_summary s;

    start(&st, &c, 3);
    ok(&st, "nack", ALICE, "no");
    ok(&st, "ack", BOB, NULL);
    gov_summarize(&st, &s);
    CU_ASSERT_FALSE(s.may_go_in);
    CU_ASSERT_EQUAL(s.standing.n, 1);
    gov_summary_free(&s);
    CU_ASSERT_TRUE(refused(&st, "withdraw", BOB, NULL, "no standing Nack"));
    ok(&st, "withdraw", ALICE, "convinced");
    gov_summarize(&st, &s);
    CU_ASSERT_TRUE(s.may_go_in);
    CU_ASSERT_EQUAL(s.standing.n, 0);
    gov_summary_free(&s);
    finish(&st, &c);
}

static void test_tie_and_reject(void)
{
    struct gov_state st;
    struct gov_change c;
    struct gov_summary s;

    referred(&st, &c, 3);
    ok(&st, "vote-accept", DAVE, NULL);
    ok(&st, "vote-accept", ERIN, NULL);
    ok(&st, "vote-reject", FRANK, NULL);
    ok(&st, "vote-reject", GRACE, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_TIE);
    gov_apply(&st, "decision", "keel-release", NULL, ++n_entry);
    gov_summarize(&st, &s);
    CU_ASSERT_FALSE(s.may_go_in);
    CU_ASSERT_EQUAL(s.standing.n, 1);
    gov_summary_free(&s);
    finish(&st, &c);

    referred(&st, &c, 3);
    ok(&st, "vote-reject", DAVE, NULL);
    ok(&st, "vote-reject", ERIN, NULL);
    ok(&st, "vote-reject", FRANK, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_REJECTED);
    gov_apply(&st, "decision", "keel-release", NULL, ++n_entry);
    /* The referees' rejection stands even once the Nack behind it is withdrawn. */
    ok(&st, "withdraw", ALICE, "outvoted anyway");
    gov_summarize(&st, &s);
    CU_ASSERT_EQUAL(s.standing.n, 0);
    CU_ASSERT_FALSE(s.may_go_in);
    gov_summary_free(&s);
    finish(&st, &c);
}

static void test_quorum(void)
{
    struct gov_state st;
    struct gov_change c;
    struct gov_summary s;

    referred(&st, &c, 5); /* 4 eligible, 5 needed */
    ok(&st, "vote-accept", DAVE, NULL);
    ok(&st, "vote-accept", ERIN, NULL);
    ok(&st, "vote-accept", FRANK, NULL);
    ok(&st, "vote-accept", GRACE, NULL);
    CU_ASSERT_EQUAL(gov_tally(&st), OUTCOME_NONE);
    gov_summarize(&st, &s);
    CU_ASSERT_STRING_EQUAL(s.referral_state, "no quorum");
    CU_ASSERT_FALSE(s.may_go_in);
    gov_summary_free(&s);
    finish(&st, &c);
}

static void test_missing_ack(void)
{
    struct gov_state st;
    struct gov_change c;
    struct gov_summary s;

    start(&st, &c, 3);
    sl_push(&c.files, xstrdup("public/arch-x86.h")); /* ARM HEADERS and THE REST only */
    ok(&st, "ack", "Alice <alice@example.org>", NULL);
    gov_summarize(&st, &s);
    /* Alice (ABI, THE REST) covers both files: THE REST covers everything. */
    CU_ASSERT_EQUAL(s.missing.n, 0);
    CU_ASSERT_TRUE(s.may_go_in);
    gov_summary_free(&s);
    finish(&st, &c);

    start(&st, &c, 3);
    sl_push(&c.files, xstrdup("public/arch-x86.h"));
    ok(&st, "ack", "Arnold <arnold@example.org>", NULL); /* ARM HEADERS only */
    gov_summarize(&st, &s);
    CU_ASSERT_EQUAL(s.missing.n, 1);
    if (s.missing.n == 1)
        CU_ASSERT_STRING_EQUAL(s.missing.v[0], "public/version.h");
    CU_ASSERT_FALSE(s.may_go_in);
    gov_summary_free(&s);
    finish(&st, &c);
}

static struct record chained(void)
{
    struct record r = {0};
    const char *who[] = {ALICE, BOB, DAVE};

    r.change_id = xstrdup("I0123456789abcdef0123456789abcdef01234567");
    for (int i = 0; i < 3; i++) {
        struct entry e = {0};

        entry_set(&e, "Verdict", i ? "ack" : "nack");
        entry_set(&e, "By", who[i]);
        entry_set(&e, "Reason", i ? "fine" : "two lines\nof reason");
        record_append(&r, &e);
    }
    return r;
}

static void test_chain_roundtrip(void)
{
    struct record r = chained(), p;
    char *text = record_format(&r), *err, *v;

    CU_ASSERT_PTR_NULL(record_verify(&r, "R"));
    err = record_parse(&p, r.change_id, text, "R");
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_EQUAL(p.n, 3);
    CU_ASSERT_STRING_EQUAL(entry_get(&p.v[0], "Reason"), "two lines\nof reason");
    v = record_verify(&p, "R");
    CU_ASSERT_PTR_NULL(v);
    free(v);
    record_free(&p);
    /* The same entries under another Change-Id do not verify: the seed differs. */
    err = record_parse(&p, "I1111111111111111111111111111111111111111", text, "R");
    v = record_verify(&p, "R");
    CU_ASSERT_PTR_NOT_NULL(v);
    CU_ASSERT_PTR_NOT_NULL(v && strstr(v, "entry 1: Chain does not match"));
    free(v);
    record_free(&p);
    free(text);
    record_free(&r);
}

static char *verify_text(const char *text)
{
    struct record p;
    char *err = record_parse(&p, "I0123456789abcdef0123456789abcdef01234567", text, "R"), *v;

    if (err)
        return err;
    v = record_verify(&p, "R");
    record_free(&p);
    return v ? v : xstrdup("intact");
}

static void test_chain_tamper(void)
{
    struct record r = chained();
    char *text = record_format(&r), *t, *v, *p;

    /* An edited value. */
    t = xstrdup(text);
    p = strstr(t, "fine");
    p[0] = 'F';
    v = verify_text(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(v, "entry 2: Chain does not match"));
    free(v);
    free(t);
    /* A deleted middle entry: numbering breaks at entry 2. */
    t = xstrdup(text);
    p = strstr(t, "\n\nEntry: 2");
    memmove(p, strstr(t, "\n\nEntry: 3"), strlen(strstr(t, "\n\nEntry: 3")) + 1);
    v = verify_text(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(v, "entry 2: numbered \"3\""));
    free(v);
    free(t);
    /* Intact text verifies. */
    v = verify_text(text);
    CU_ASSERT_STRING_EQUAL(v, "intact");
    free(v);
    /* Syntax: a line that is not "Key: value". */
    v = verify_text("Entry: 1\nnot a field\n");
    CU_ASSERT_PTR_NOT_NULL(strstr(v, "R:2: want \"Key: value\""));
    free(v);
    free(text);
    record_free(&r);
}

static void test_change_id(void)
{
    CU_ASSERT_TRUE(change_id_valid("I0123456789abcdef0123456789abcdef01234567"));
    CU_ASSERT_FALSE(change_id_valid("I0123456789ABCDEF0123456789abcdef01234567"));
    CU_ASSERT_FALSE(change_id_valid("I0123"));
    CU_ASSERT_FALSE(change_id_valid("x0123456789abcdef0123456789abcdef01234567"));
}

static void add(struct record *r, const char *verb, const char *by, const char *outcome)
{
    struct entry e = {0};

    entry_set(&e, "Verdict", verb);
    entry_set(&e, "By", by);
    if (outcome)
        entry_set(&e, "Outcome", outcome);
    entry_set(&e, "Reason", "r");
    record_append(r, &e);
}

static int has_problem(const struct gov_state *st, const char *text)
{
    for (size_t i = 0; i < st->problems.n; i++)
        if (strstr(st->problems.v[i], text))
            return 1;
    return 0;
}

/* Replay: a well-chained record whose entries break the rules is still caught. */
static void test_replay(void)
{
    struct gov_state st;
    struct gov_change c;
    struct record r = {0};

    start(&st, &c, 3);
    r.change_id = xstrdup(c.id);
    add(&r, "nack", ALICE, NULL);
    add(&r, "ack", HEIDI, NULL); /* not in MAINTAINERS */
    add(&r, "refer", BOB, NULL);
    add(&r, "vote-accept", DAVE, NULL);
    add(&r, "decision", TOOL_IDENTITY, "accepted"); /* 1 of 5: not decided */
    add(&r, "vote-accept", ERIN, NULL);
    add(&r, "vote-accept", FRANK, NULL); /* 3 of 5 decide, no entry */
    gov_replay(&st, &r, "R");
    CU_ASSERT_TRUE(has_problem(&st, "entry 2: ack by Heidi"));
    CU_ASSERT_TRUE(has_problem(&st, "entry 5: a decision the votes before it do not make"));
    CU_ASSERT_TRUE(has_problem(&st, "no decision entry follows them"));
    CU_ASSERT_EQUAL(st.problems.n, 3);
    record_free(&r);
    gov_free(&st);
    gov_init(&st, &M, &c, (struct gov_params){.referee_quorum = 3});
    r.change_id = xstrdup(c.id);
    add(&r, "nack", ALICE, NULL);
    add(&r, "refer", BOB, NULL);
    add(&r, "decision", ALICE, "accepted");
    gov_replay(&st, &r, "R");
    CU_ASSERT_TRUE(has_problem(&st, "entry 3: a decision by Alice"));
    record_free(&r);
    finish(&st, &c);
}

void unit_register_gov(void)
{
    CU_pSuite s = CU_add_suite("governance", NULL, NULL);

    CU_add_test(s, "MAINTAINERS parses cleanly", test_parse_clean);
    CU_add_test(s, "patterns: recursive dir/, one-level *, THE REST's * and */", test_patterns);
    CU_add_test(s, "lookup: X: before F:, most specific first", test_lookup_precedence);
    CU_add_test(s, "MAINTAINERS problems named file:line", test_parse_problems);
    CU_add_test(s, "identities", test_ident);
    CU_add_test(s, "eligible referees exclude author, ackers (trailers too), nackers",
                test_eligibility);
    CU_add_test(s, "author, area and verb rules", test_author_rules);
    CU_add_test(s, "strict majority of the eligible decides; decision answers Nacks",
                test_majority);
    CU_add_test(s, "an Ack cannot become a Nack", test_ack_then_nack_refused);
    CU_add_test(s, "tie and rejection keep the change out", test_tie_and_reject);
    CU_add_test(s, "the author is no referee, even in THE REST", test_author_may_not_vote);
    CU_add_test(s, "a Nack blocks until withdrawn", test_withdrawn_nack);
    CU_add_test(s, "no quorum: no decision", test_quorum);
    CU_add_test(s, "an Ack per file, THE REST covers all", test_missing_ack);
    CU_add_test(s, "chain: format, parse, verify; bound to the Change-Id", test_chain_roundtrip);
    CU_add_test(s, "chain: edited and deleted entries named", test_chain_tamper);
    CU_add_test(s, "Change-Id syntax", test_change_id);
    CU_add_test(s, "replay: rule-breaking and forged decision entries", test_replay);
}

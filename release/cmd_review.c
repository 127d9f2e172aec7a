/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_review.c - "review VERB CHANGE-ID --by IDENT [--reason TEXT]" appends
 * one entry to governance/changes/<Change-Id> in the work tree;
 * "review status CHANGE-ID [--json]" prints the change's governance verdict.
 *
 * Appending is read, check, and append the new entries in one write(), all
 * under an exclusive flock() of governance/changes/ itself: two reviews of
 * the same change at once both land, one after the other. The state after
 * the write is kept (checkpoint.h), so that the next append to a long
 * record does not read it all again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "change.h"
#include "checkpoint.h"
#include "commands.h"
#include "gate.h"
#include "govfile.h"
#include "sign.h"
#include "textcheck.h"

static const char *const verbs[] = {"ack",   "nack",        "review",     "withdraw",
                                    "refer", "vote-accept", "vote-reject"};

static int known_verb(const char *v)
{
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (!strcmp(v, verbs[i]))
            return 1;
    return 0;
}

/* A reason may run over lines (stored as continuation lines); each must be clean. */
static char *reason_check(const char *reason)
{
    char *copy = xstrdup(reason), *bad = NULL;

    for (char *line = copy, *next; line && !bad; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        bad = value_check(line, "--reason");
    }
    free(copy);
    return bad;
}

static void utc_now(char *buf, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void load_change(git_repository *repo, const char *id, struct gov_change *ch)
{
    if (!change_find(repo, id, ch))
        fatal("%s: no commit carries \"Change-Id: %s\" (searched HEAD and every branch)", id, id);
}

static void mkdirs(const char *path)
{
    char *p = xstrdup(path);

    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(p, 0777);
        *s = '/';
    }
    if (mkdir(p, 0777) && errno != EEXIST)
        fatal("%s: cannot create: %s", p, strerror(errno));
    free(p);
}

/* A pause inside the lock, so that the concurrency test can make races likely. */
static void test_delay(void)
{
    const char *ms = getenv("KEEL_RELEASE_TEST_DELAY_MS");

    if (ms && atoi(ms) > 0)
        usleep((useconds_t)atoi(ms) * 1000);
}

/*
 * Signs the last entry of r with key and checks the signature the way check
 * will (allowed_signers lists the key for by's address) before anything is
 * written.
 */
static void sign_last(const struct gov_state *st, struct record *r, const char *verb,
                      const char *by, const char *key)
{
    char *msg = record_signed_text(r, r->n - 1), *armor = sign_message(key, SSHSIG_NAMESPACE, msg);
    char *email = NULL, *err = NULL;
    struct sshsig sig;

    if (ident_parse(by, &email))
        fatal("review %s: malformed identity \"%s\"", verb, by);
    if (sshsig_parse(armor, &sig, &err))
        refuse("review %s %s by %s: refused: the signature cannot count: %s (key %s)", verb,
               r->change_id, by, err, key);
    err = signers_check(st->signers, &sig, email, SSHSIG_NAMESPACE, msg, strlen(msg));
    if (err)
        refuse("review %s %s by %s: refused: %s (key %s)", verb, r->change_id, by, err, key);
    r->v[r->n - 1].signature = armor;
    sshsig_free(&sig);
    free(email);
    free(msg);
}

/* With --json: the entries appended, printed once the record is written. */
static json_t *appended;

static void add_entry(struct gov_state *st, struct record *r, const char *verb, const char *by,
                      const char *reason, const char *outcome, const char *key)
{
    struct entry e = {0};
    char date[32], *role = gov_role(st, verb, by);

    utc_now(date, sizeof(date));
    entry_set(&e, "Verdict", verb);
    entry_set(&e, "By", by);
    entry_set(&e, "Role", role);
    entry_set(&e, "Date", date);
    if (outcome)
        entry_set(&e, "Outcome", outcome);
    if (reason && *reason)
        entry_set(&e, "Reason", reason);
    record_append(r, &e);
    if (key)
        sign_last(st, r, verb, by, key);
    gov_apply(st, verb, by, reason, (unsigned)(r->base + r->n));
    if (appended)
        json_array_append_new(appended,
                              json_pack("{s:i,s:s,s:o,s:o,s:s?,s:b}", "entry",
                                        (json_int_t)(r->base + r->n),
                                        "verdict", verb, "by", json_text(by), "role",
                                        json_text(role), "outcome", outcome, "signed",
                                        key != NULL));
    else
        printf("%s: entry %zu: %s by %s (%s)%s%s\n", r->change_id, r->base + r->n, verb, by, role,
               outcome ? ": " : "", outcome ? outcome : "");
    free(role);
}

/* The rules inputs besides the record, for the checkpoint (checkpoint.h). */
static char *rules_inputs(const struct gov_state *st, const struct snapshot *wt)
{
    const char *paths[] = {MAINTAINERS_PATH, SIGNERS_PATH, POLICY_PATH};
    char *texts[3], *digest;

    for (size_t i = 0; i < 3; i++)
        texts[i] = snapshot_read(wt, paths[i], NULL);
    digest = checkpoint_inputs(st, (const char *const *)texts, 3);
    for (size_t i = 0; i < 3; i++)
        free(texts[i]);
    return digest;
}

/*
 * Reads and verifies the whole record (no checkpoint, or the file is not
 * the one review last wrote): r holds every entry, st the replayed state.
 * A damaged record is refused.
 */
static void replay_file(const struct gate_env *g, const char *id, const char *rel,
                        const char *path, struct gov_state *st, struct record *r, int *need_nl)
{
    size_t len = 0;
    char *text = read_file(path, &len), *err;

    if (!text && errno != ENOENT)
        fatal("%s: cannot read: %s", path, strerror(errno));
    if (text && (err = text_check(text, len, rel)))
        refuse("%s (refusing to append to a damaged record)", err);
    if (text) {
        if ((err = record_parse(r, id, text, path)))
            refuse("%s (refusing to append to a damaged record)", err);
    } else {
        r->change_id = xstrdup(id);
    }
    /* A hand-edited file may lack its last newline: the entry must start on a line. */
    *need_nl = text && len && text[len - 1] != '\n';
    st->history = gate_history(g, rel, r);
    gov_replay(st, r, path);
    if (st->problems.n)
        refuse("%s (refusing to append to a damaged record)", st->problems.v[0]);
    free(text);
}

static int review_append(const char *verb, const char *id, const char *by, const char *reason,
                         const char *key_option)
{
    git_repository *repo = repo_open();
    struct snapshot wt;
    struct policy pol;
    struct gate_env g;
    struct gov_change ch;
    struct gov_state st;
    struct record r = {0};
    struct stat before, after;
    char *dir, *path, *rel, *why, *out, *key, *inputs, last[CHAIN_HEX + 1];
    size_t held, n = 0;
    int dfd, fd, need_nl = 0, exists;

    load_change(repo, id, &ch);
    snapshot_worktree(&wt, repo);
    policy_load(&pol, &wt);
    gate_env_load(&g, &wt, &pol);
    gate_governed_after(&pol, repo, &(git_oid){0}); /* validated as check does */
    rel = gate_record_path(id);
    govfile_no_symlink(repo_workdir(repo), rel);
    dir = xasprintf("%s%s", repo_workdir(repo), RECORD_DIR);
    mkdirs(dir);
    /* Again under the lock, with O_NOFOLLOW: no link swapped in meanwhile. */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (dfd < 0 || flock(dfd, LOCK_EX))
        fatal("%s: cannot lock: %s", dir, strerror(errno));
    govfile_no_symlink(repo_workdir(repo), rel);
    path = xasprintf("%s/%s", dir, id);
    gov_init(&st, &g.m, &ch, g.params);
    st.signers = &g.signers;
    inputs = rules_inputs(&st, &wt);
    exists = lstat(path, &before) == 0;
    if (exists && !S_ISREG(before.st_mode))
        fatal("%s: not a regular file", rel);
    if (exists && checkpoint_load(repo, id, &before, inputs, &st, &n, last)) {
        /* The file review wrote last, unchanged since: its entries need not be read. */
        r.change_id = xstrdup(id);
        r.base = n;
        r.base_chain = n ? xstrdup(last) : NULL;
    } else {
        replay_file(&g, id, rel, path, &st, &r, &need_nl);
    }
    held = r.n;
    why = gov_refuse(&st, verb, by, reason);
    if (why)
        refuse("review %s %s by %s: refused: %s", verb, id, by, why);
    key = sign_key_path(repo, key_option);
    test_delay();
    add_entry(&st, &r, verb, by, reason, NULL, key);
    if (!strncmp(verb, "vote-", 5) && gov_tally(&st) != OUTCOME_NONE) {
        char *txt = gov_decision_text(&st);

        /* Not signed: replay recomputes it from the (signed) votes. */
        add_entry(&st, &r, "decision", TOOL_IDENTITY, txt, gov_outcome_name(gov_tally(&st)),
                  NULL);
        free(txt);
    }
    /*
     * Appended in place, in one write, under the lock: the cost of the new
     * entries, not of the record. A short write is undone.
     */
    {
        char *body = record_format_from(&r, held);

        out = need_nl ? xasprintf("\n%s", body) : xstrdup(body);
        free(body);
    }
    fd = openat(dfd, id, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        fatal("%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &after) || (exists && (after.st_ino != before.st_ino ||
                                         after.st_size != before.st_size)))
        fatal("%s: changed while locked", path);
    if (write(fd, out, strlen(out)) != (ssize_t)strlen(out) || fsync(fd)) {
        int e = errno;

        if (ftruncate(fd, after.st_size))
            e = errno;
        fatal("%s: cannot append: %s", path, strerror(e));
    }
    if (fstat(fd, &after) == 0)
        checkpoint_save(repo, id, &after, inputs, &st, r.base + r.n, r.v[r.n - 1].chain);
    close(fd);
    close(dfd); /* releases the lock */
    if (appended) {
        json_t *o = json_pack("{s:s,s:s,s:O}", "change_id", id, "record", rel, "appended", appended);
        char *t = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);

        printf("%s\n", t);
        free(t);
        json_decref(o);
    }
    free(out);
    free(inputs);
    free(path);
    free(rel);
    free(key);
    free(dir);
    record_free(&r);
    gov_free(&st);
    gate_env_free(&g);
    gov_change_free(&ch);
    policy_free(&pol);
    snapshot_free(&wt);
    git_repository_free(repo);
    return 0;
}

static int review_status(const char *id, int json)
{
    git_repository *repo = repo_open();
    struct snapshot wt;
    struct policy pol;
    struct gate_env g;
    struct gov_change ch;
    struct gov_state st;
    struct gov_summary sum;
    int ok;

    load_change(repo, id, &ch);
    snapshot_worktree(&wt, repo);
    policy_load(&pol, &wt);
    gate_env_load(&g, &wt, &pol);
    gate_governed_after(&pol, repo, &(git_oid){0}); /* validated as check does */
    gate_evaluate(&g, &wt, &ch, &st);
    gov_summarize(&st, &sum);
    if (json) {
        json_t *o = gate_json(&st, &sum);
        char *t = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);

        printf("%s\n", t);
        free(t);
        json_decref(o);
    } else {
        struct strlist lines = {0};

        gate_lines(&st, &sum, &lines);
        for (size_t i = 0; i < lines.n; i++) {
            char *esc = text_escape(lines.v[i]);

            printf("%s\n", esc);
            free(esc);
        }
        sl_free(&lines);
    }
    ok = sum.may_go_in;
    gov_summary_free(&sum);
    gov_free(&st);
    gate_env_free(&g);
    gov_change_free(&ch);
    policy_free(&pol);
    snapshot_free(&wt);
    git_repository_free(repo);
    return ok ? 0 : EXIT_GOVERNANCE;
}

int cmd_review(int argc, char **argv)
{
    const char *verb = argc > 0 ? argv[0] : "", *id = NULL, *by = NULL, *reason = NULL;
    const char *key = NULL;
    int json = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--by") && i + 1 < argc)
            by = argv[++i];
        else if (!strcmp(argv[i], "--reason") && i + 1 < argc)
            reason = argv[++i];
        else if (!strcmp(argv[i], "--key") && i + 1 < argc)
            key = argv[++i];
        else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' || id)
            usage_error("review: unexpected argument \"%s\"", argv[i]);
        else
            id = argv[i];
    }
    if (!id)
        usage_error("review: want VERB CHANGE-ID --by \"Name <email>\" or status CHANGE-ID");
    if (!change_id_valid(id))
        usage_error("review: \"%s\" is not a Change-Id (I and 40 lower-case hex digits)", id);
    if (!strcmp(verb, "status")) {
        if (by || reason || key)
            usage_error("review status: takes no --by, --reason or --key");
        return review_status(id, json);
    }
    if (!known_verb(verb))
        usage_error("review: unknown verb \"%s\" (ack, nack, review, withdraw, refer, "
                    "vote-accept, vote-reject, status)",
                    verb);
    if (!by)
        usage_error("review %s: want --by \"Name <email>\"", verb);
    if (json)
        appended = json_array();
    {
        char *bad = value_check(by, "--by");

        if (!bad && reason)
            bad = reason_check(reason);
        if (bad)
            usage_error("review %s: %s", verb, bad);
    }
    return review_append(verb, id, by, reason, key);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check.c - "check BASE..HEAD": per-change verdicts and exit-status bits.
 *
 * Each change is judged by verdict sources, one after the other, each adding
 * reasons and exit bits: the ABI against the last release, then the
 * deprecation rules, then governance (Change-Id, Acks, Nacks, referees),
 * which sets EXIT_GOVERNANCE. Records are also checked commit by commit for
 * being append-only: an entry edited or deleted in the range is named.
 */
#include "check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "abi_conf.h"
#include "abi_prefetch.h"
#include "abi_store.h"
#include "change.h"
#include "commands.h"
#include "diff.h"
#include "gate.h"
#include "oidset.h"
#include "policy.h"
#include "project.h"
#include "textcheck.h"

struct range_ctx;

/*
 * ABIs by the id of the public/ tree they came from (and release/abi.conf):
 * a change's "before" is most often the previous change's "now", and
 * successive runs share them too (abi_store.c keeps them on disk). Only the
 * few used last are kept in memory, and head's: keeping all of a 4 000-commit
 * range's made memory, and with it the cost of each new one, grow with the
 * range.
 */
#define ABI_CACHE_SLOTS 6

struct abi_cache {
    git_repository *repo;
    struct abi_slot {
        git_oid key;
        struct abi *abi;
        unsigned long used; /* when last asked for: the oldest goes first */
        int pinned;         /* head's: r->head points to it until the end */
    } slot[ABI_CACHE_SLOTS];
    unsigned long clock;
};

/* The changes of the range by Change-Id: their commits taken together. */
struct change_index {
    struct gov_change *v;
    size_t n;
};

struct range_ctx {
    git_repository *repo;
    struct abi_cache cache;
    struct policy policy;
    struct project_state head;
    struct diff *final;
    struct dep_report final_deps;
    const struct snapshot *head_snap;
    struct gate_env gate;
    int have_gate;
    struct change_index changes;
    struct strlist record_problems; /* append-only violations in the range */
    const git_commit *base;
    /*
     * Deprecation findings by their inputs: a change's "before" is most
     * often the previous change's "now", so each is computed once.
     */
    struct dep_memo {
        char key[CHAIN_HEX + 1];
        struct dep_report r;
    } *deps;
    size_t ndeps;
    /*
     * The range's commits that are governed_after or signed_from or their
     * ancestors: one walk each, on first use, instead of a graph search per
     * commit (which made check quadratic in the history).
     */
    struct ancestry {
        int ready;
        git_oid of;
        struct oidset set;
    } anc[2];
};

struct change_ctx {
    git_repository *repo;
    const git_commit *commit, *parent;
    struct project_state now, before; /* before: the parent (empty before a root commit) */
    int have_before;
    const struct policy *policy;
    const struct diff *final;            /* last release -> head of the range */
    const struct dep_report *final_deps; /* violations still present at head */
    struct strlist reasons;
    int bits;
    json_t *json; /* the change's JSON object */
    struct range_ctx *range;
};

/* The id of cm's public/ tree, and the cache key: that id with release/abi.conf. */
static void abi_key(const struct snapshot *s, const git_commit *cm, git_oid *id, git_oid *key)
{
    char *conf;

    if (repo_tree_id((git_commit *)cm, PUBLIC_DIR, id))
        fatal("%s: no %s/ directory", s->label, PUBLIC_DIR);
    /* The same headers under another release/abi.conf are another ABI. */
    git_oid_cpy(key, id);
    conf = snapshot_read(s, ABI_CONF, NULL);
    if (conf) {
        char *k = xasprintf("%s\n%s", git_oid_tostr_s(id), conf);

        if (git_odb_hash(key, k, strlen(k), GIT_OBJECT_BLOB))
            fatal("cannot hash the ABI cache key");
        free(k);
        free(conf);
    }
}

static struct abi *cached_abi(struct abi_cache *c, const struct snapshot *s, const git_commit *cm,
                              int pin)
{
    git_oid id, key;
    struct header_set *hs;
    struct extract_opts o;
    struct abi *abi;
    struct abi_slot *free_slot = NULL;

    abi_key(s, cm, &id, &key);
    c->clock++;
    for (size_t i = 0; i < ABI_CACHE_SLOTS; i++) {
        struct abi_slot *sl = &c->slot[i];

        if (sl->abi && git_oid_equal(&sl->key, &key)) {
            sl->used = c->clock;
            sl->pinned |= pin;
            return sl->abi;
        }
        /* An empty slot, else the one asked for longest ago; never head's. */
        if (sl->pinned)
            continue;
        if (!free_slot || (free_slot->abi && (!sl->abi || sl->used < free_slot->used)))
            free_slot = sl;
    }
    if (!free_slot)
        fatal("internal: every ABI cache slot pinned");
    extract_opts_default(&o);
    abi_conf_snapshot(&o, s);
    abi = abi_store_load(c->repo, &id, &o);
    if (!abi) {
        hs = snapshot_headers(s);
        abi = extract_abi(hs, &o, NULL, NULL);
        headers_free(hs);
        /* The same tree is the same ABI at any commit: store it without one. */
        free(abi->commit);
        abi->commit = NULL;
        abi_store_save(c->repo, &id, &o, abi);
    }
    abi_conf_free(&o);
    /* The slot's ABI was asked for longest ago: neither side of the change being judged. */
    abi_free(free_slot->abi);
    git_oid_cpy(&free_slot->key, &key);
    free_slot->abi = abi;
    free_slot->used = c->clock;
    free_slot->pinned = pin;
    return abi;
}

/* The cache key of an ABI the cache holds (all of check's are), or NULL. */
static const git_oid *cached_abi_key(const struct abi_cache *c, const struct abi *abi)
{
    for (size_t i = 0; i < ABI_CACHE_SLOTS; i++)
        if (c->slot[i].abi && c->slot[i].abi == abi)
            return &c->slot[i].key;
    return NULL;
}

static const char *file_hash(const struct abi *abi, const char *path)
{
    for (size_t i = 0; i < abi->nfiles; i++)
        if (!strcmp(abi->files[i].path, path))
            return abi->files[i].hash;
    return "";
}

static int file_changed(const struct abi *a, const struct abi *b, const char *path)
{
    return strcmp(file_hash(a, path), file_hash(b, path)) != 0;
}

static int in_abi(const struct abi *abi, const char *name)
{
    return abi && abi_find_name(abi, name) != NULL;
}

/* The item, or for a whole header its file, is in the release's baseline. */
static int change_in_abi(const struct abi *abi, const struct change *c, const char *name)
{
    if (c->kind == ITEM_HEADER)
        return abi && file_hash(abi, name)[0];
    return in_abi(abi, name);
}

/* The ABI verdict: what this change did, judged against the last release. */
static void verdict_abi(struct change_ctx *x)
{
    const struct abi *base = x->now.baseline;
    struct diff *d, *bd = NULL;
    json_t *changes = json_array();

    if (!x->have_before)
        return;
    d = abi_diff(x->before.abi, x->now.abi);
    if (base)
        bd = abi_diff(base, x->now.abi);
    for (size_t i = 0; i < d->n; i++) {
        const struct change *c = &d->v[i];
        const char *old = c->old_name ? c->old_name : c->name;
        enum severity sev = c->sev;
        const char *why = "";
        char *line;
        json_t *o;

        if (c->cls == CH_NOT_COMPARED) {
            /* Only when this change touched the header: then part of it went unjudged. */
            if (!file_changed(x->before.abi, x->now.abi, c->file))
                continue;
            x->bits |= EXIT_PARTIAL;
        } else if (sev == SEV_INFO) {
            continue;
        }
        if (!change_in_abi(base, c, old)) {
            /* Not in any release yet: it may change freely until it is. */
            if (sev == SEV_INCOMPATIBLE) {
                sev = SEV_COMPATIBLE;
                why = " [not in a release yet]";
            }
        } else {
            const struct change *bc = diff_find(bd, old, c->member);

            sev = bc ? bc->sev : SEV_COMPATIBLE;
            /* A mistake a later commit of the range undid is reported, not counted. */
            if (sev == SEV_INCOMPATIBLE) {
                const struct change *fc = diff_find(x->final, old, c->member);

                if (!fc || fc->sev != SEV_INCOMPATIBLE) {
                    sev = SEV_COMPATIBLE;
                    why = " [undone later in the range]";
                }
            }
            if (c->cls == CH_REMOVED && c->kind != ITEM_HEADER) {
                const struct abi_item *was = abi_find_name(base, old);
                struct version dv;
                size_t since = 0;

                if (was->tags.deprecated[0] && !version_parse(was->tags.deprecated, &dv)) {
                    for (size_t k = 0; k < x->now.nreleases; k++)
                        since += version_cmp(x->now.releases[k], dv) >= 0;
                    if (since >= (size_t)x->policy->deprecation_window) {
                        sev = SEV_COMPATIBLE;
                        why = " [deprecation window over]";
                    }
                }
            }
        }
        if (c->cls == CH_ADDED) {
            const struct abi_item *it = abi_find_name(x->now.abi, c->name);

            /* Foreign headers carry no tags at all: the tag rule is Keel's own. */
            if (it && !it->derived && !it->tags.present && abi_has_tags(x->now.abi)) {
                sl_push(&x->reasons, xasprintf("%s/%s:%u: policy: %s added without an @abi "
                                               "since= tag",
                                               d->root, c->file, c->line, c->name));
                x->bits |= EXIT_DEPRECATION;
            }
        }
        if (c->cls != CH_NOT_COMPARED)
            x->bits |= sev == SEV_INCOMPATIBLE ? EXIT_INCOMPATIBLE : EXIT_COMPATIBLE;
        line = change_line(d, c);
        sl_push(&x->reasons, xasprintf("%s%s%s%s", line, sev != c->sev ? " => " : "",
                                       sev != c->sev ? severity_name(sev) : "", why));
        o = json_object();
        json_object_set_new(o, "class", json_string(change_class_name(c->cls)));
        json_object_set_new(o, "name", json_string(c->name));
        if (c->member)
            json_object_set_new(o, "member", json_string(c->member));
        json_object_set_new(o, "file", json_string(c->file));
        json_object_set_new(o, "line", json_integer(c->line));
        json_object_set_new(o, "detail", json_string(c->detail));
        json_object_set_new(o, "severity", json_string(severity_name(sev)));
        if (why[0])
            json_object_set_new(o, "note", json_string(why));
        json_array_append_new(changes, o);
        free(line);
    }
    json_object_set_new(x->json, "abi_changes", changes);
    if (base)
        json_object_set_new(x->json, "against_release",
                            json_string(base->release ? base->release : "?"));
    diff_free(d);
    diff_free(bd);
}

static int finding_in(const struct dep_report *r, const struct dep_finding *f)
{
    for (size_t i = 0; i < r->nviolations; i++)
        if (!strcmp(r->violations[i].rule, f->rule) && !strcmp(r->violations[i].name, f->name))
            return 1;
    return 0;
}

static void copy_findings(const struct dep_report *from, struct dep_report *to)
{
    memset(to, 0, sizeof(*to));
    to->nviolations = from->nviolations;
    to->violations = xcalloc(from->nviolations + 1, sizeof(*to->violations));
    for (size_t i = 0; i < from->nviolations; i++) {
        to->violations[i].rule = xstrdup(from->violations[i].rule);
        to->violations[i].name = xstrdup(from->violations[i].name);
        to->violations[i].where = xstrdup(from->violations[i].where);
        to->violations[i].message = xstrdup(from->violations[i].message);
    }
}

/* project_deprecations() once per distinct input (only the violations are kept). */
static void memo_deprecations(struct range_ctx *rc, const struct project_state *p, int window,
                              struct dep_report *out)
{
    struct strbuf sb;
    char key[CHAIN_HEX + 1];

    const git_oid *abi_key = cached_abi_key(&rc->cache, p->abi);

    if (p->owns_abi || p->owns_baseline || !abi_key) {
        project_deprecations(p, window, out);
        return;
    }
    /*
     * The ABI is named by its cache key (it may be freed and its address
     * reused); the baseline is the run's shared one (project.c, kept to the
     * end): its address names it.
     */
    sb_init(&sb);
    sb_printf(&sb, "%s %p %d %zu\n", git_oid_tostr_s(abi_key), (const void *)p->baseline, window,
              p->nreleases);
    for (size_t i = 0; i < p->nreleases; i++)
        sb_printf(&sb, "%d.%d\n", p->releases[i].major, p->releases[i].minor);
    sb_printf(&sb, "%zu:%s\n", p->table ? strlen(p->table) : 0, p->table ? p->table : "");
    for (size_t i = 0; i < p->impl.n; i++)
        sb_printf(&sb, "%zu:%s\n", strlen(p->impl.v[i]), p->impl.v[i]);
    sha256_hex(sb.buf, sb.len, key);
    sb_free(&sb);
    for (size_t i = 0; i < rc->ndeps; i++)
        if (!strcmp(rc->deps[i].key, key)) {
            copy_findings(&rc->deps[i].r, out);
            return;
        }
    rc->deps = xrealloc(rc->deps, (rc->ndeps + 1) * sizeof(*rc->deps));
    memcpy(rc->deps[rc->ndeps].key, key, sizeof(key));
    {
        struct dep_report full;

        project_deprecations(p, window, &full);
        copy_findings(&full, &rc->deps[rc->ndeps].r);
        dep_report_free(&full);
    }
    copy_findings(&rc->deps[rc->ndeps++].r, out);
}

/* The deprecation rules: violations this change brought in. */
static void verdict_deprecations(struct change_ctx *x)
{
    struct dep_report now, before = {0};
    json_t *v = json_array();

    memo_deprecations(x->range, &x->now, x->policy->deprecation_window, &now);
    if (x->have_before)
        memo_deprecations(x->range, &x->before, x->policy->deprecation_window, &before);
    for (size_t i = 0; i < now.nviolations; i++) {
        const struct dep_finding *f = &now.violations[i];

        if (x->have_before && finding_in(&before, f))
            continue;
        if (!finding_in(x->final_deps, f)) {
            sl_push(&x->reasons, xasprintf("%s: policy (%s): %s %s [fixed later in the range]",
                                           f->where, f->rule, f->name, f->message));
            continue;
        }
        x->bits |= EXIT_DEPRECATION;
        sl_push(&x->reasons,
                xasprintf("%s: policy (%s): %s %s", f->where, f->rule, f->name, f->message));
        json_array_append_new(v, json_pack("{s:s,s:s,s:s,s:s}", "rule", f->rule, "name", f->name,
                                           "where", f->where, "message", f->message));
    }
    json_object_set_new(x->json, "violations", v);
    dep_report_free(&now);
    if (x->have_before)
        dep_report_free(&before);
}

static const struct gate_env *range_gate(struct range_ctx *r)
{
    if (!r->have_gate) {
        gate_env_load(&r->gate, r->head_snap, &r->policy);
        r->have_gate = 1;
    }
    return &r->gate;
}

/*
 * Whether c (a commit of the range) is commit id or one of its ancestors:
 * the walk from id that stops at the range's base holds every such commit.
 */
static int ancestor_or_self(struct range_ctx *r, const git_commit *c, const git_oid *id)
{
    struct ancestry *a = NULL;

    for (size_t i = 0; i < 2 && !a; i++)
        if (r->anc[i].ready && git_oid_equal(&r->anc[i].of, id))
            a = &r->anc[i];
    if (!a) {
        git_revwalk *walk;
        git_oid oid;

        a = r->anc[0].ready ? &r->anc[1] : &r->anc[0];
        oidset_free(&a->set);
        a->ready = 1;
        git_oid_cpy(&a->of, id);
        if (git_revwalk_new(&walk, r->repo) || git_revwalk_push(walk, id))
            fatal("cannot walk the history from %s", git_oid_tostr_s(id));
        if (r->base)
            git_revwalk_hide(walk, git_commit_id(r->base));
        while (git_revwalk_next(&oid, walk) == 0)
            oidset_add(&a->set, &oid);
        git_revwalk_free(walk);
    }
    return oidset_has(&a->set, git_commit_id(c));
}

/* Whether the policy's governed_after names c or a descendant of c. */
static int predates_rules(struct range_ctx *r, const git_commit *c)
{
    git_oid after;

    if (!gate_governed_after(&r->policy, r->repo, &after))
        return 0;
    return ancestor_or_self(r, c, &after);
}

static void governance_fail(struct change_ctx *x, json_t *g, const char *msg)
{
    x->bits |= EXIT_GOVERNANCE;
    sl_push(&x->reasons, xasprintf("governance: %s", msg));
    json_object_set_new(g, "may_go_in", json_false());
    json_object_set_new(g, "why_not", json_pack("[s]", msg));
}

/*
 * The commit that starts signed governance: it adds signed_from naming its
 * own first parent, the value head's policy has. Trust has to start
 * somewhere; check names it so that reviewers look at it.
 */
static int is_bootstrap(struct range_ctx *r, const git_commit *c, const git_commit *parent)
{
    struct snapshot ps, cs;
    struct policy pp, cp;
    git_oid head_sf, id;
    int yes = 0;

    if (!parent || !gate_signed_from(&r->policy, r->repo, &head_sf) ||
        !git_oid_equal(&head_sf, git_commit_id(parent)))
        return 0;
    snapshot_commit(&ps, r->repo, parent);
    snapshot_commit(&cs, r->repo, c);
    policy_load(&pp, &ps);
    policy_load(&cp, &cs);
    yes = !policy_get(&pp, "signed_from") && gate_signed_from(&cp, r->repo, &id) &&
          git_oid_equal(&id, &head_sf);
    policy_free(&pp);
    policy_free(&cp);
    snapshot_free(&ps);
    snapshot_free(&cs);
    return yes;
}

/*
 * Whether a change to the rules files by c is governed: not when c is
 * history (an ancestor of governed_after or of signed_from) or the
 * bootstrap; otherwise it is, whatever the policy says now -- removing
 * signed_from is itself a change to the rules.
 */
static const char *rules_exempt(struct range_ctx *r, const git_commit *c, const git_commit *parent)
{
    git_oid id;

    if (!parent)
        return "the root commit: there are no rules before it";
    if (gate_governed_after(&r->policy, r->repo, &id) && ancestor_or_self(r, c, &id))
        return "predates the rules (governed_after)";
    if (gate_signed_from(&r->policy, r->repo, &id) && ancestor_or_self(r, c, &id))
        return "predates signed governance (signed_from)";
    if (is_bootstrap(r, c, parent))
        return "starts signed governance: adds signed_from naming its parent (review it)";
    return NULL;
}

static void copy_list(struct strlist *to, const struct strlist *from)
{
    for (size_t i = 0; i < from->n; i++)
        sl_push(to, xstrdup(from->v[i]));
}

/* Governance: the change's Change-Id, its record and the rules at head. */
static void verdict_governance(struct change_ctx *x)
{
    struct strlist files = {0}, rules = {0};
    struct gov_state st;
    struct gov_summary sum;
    const struct gov_change *ch = NULL;
    struct gov_change rch = {0};
    struct gate_env before_env;
    struct policy before_pol;
    struct snapshot before;
    const struct gate_env *env;
    char *id = NULL;
    const char *exempt = NULL;
    json_t *g;
    int has, governed_rules = 0;

    commit_public_files(x->repo, x->commit, &files);
    commit_rules_files(x->repo, x->commit, &rules);
    if (rules.n) {
        exempt = rules_exempt(x->range, x->commit, x->parent);
        governed_rules = !exempt;
        if (exempt)
            sl_push(&x->reasons, xasprintf("governance: change to the rules (%s) not governed: %s",
                                           rules.v[0], exempt));
    }
    has = files.n || governed_rules;
    sl_free(&files);
    if (!has) {
        sl_free(&rules);
        return;
    }
    if (!governed_rules && predates_rules(x->range, x->commit)) {
        sl_push(&x->reasons,
                xasprintf("governance: not governed: predates the rules "
                          "(governed_after = %.12s in %s)",
                          policy_get(&x->range->policy, "governed_after"), POLICY_PATH));
        json_object_set_new(x->json, "governance", json_pack("{s:b}", "governed", 0));
        return;
    }
    g = json_object();
    json_object_set_new(x->json, "governance", g);
    has = commit_change_id(x->commit, &id);
    if (has <= 0) {
        char *msg = has < 0 ? xasprintf("malformed Change-Id \"%s\" (want I and 40 lower-case "
                                        "hex digits)",
                                        id)
                            : governed_rules
                                ? xasprintf("no Change-Id: trailer on a change to the rules "
                                            "(%s; keel-release hooks install adds one)",
                                            rules.v[0])
                                : xasprintf("no Change-Id: trailer on a change to %s/ "
                                            "(keel-release hooks install adds one)",
                                            PUBLIC_DIR);

        governance_fail(x, g, msg);
        free(msg);
        free(id);
        sl_free(&rules);
        return;
    }
    for (size_t i = 0; i < x->range->changes.n; i++)
        if (!strcmp(x->range->changes.v[i].id, id))
            ch = &x->range->changes.v[i];
    free(id);
    if (!ch)
        fatal("internal: change not indexed");
    env = range_gate(x->range);
    if (governed_rules) {
        /*
         * Under the rules as they were before this commit: MAINTAINERS, keys
         * and policy of its parent, so that nobody acks their own promotion.
         */
        snapshot_commit(&before, x->repo, x->parent);
        policy_load(&before_pol, &before);
        gate_env_load(&before_env, &before, &before_pol);
        env = &before_env;
        rch.id = xstrdup(ch->id);
        copy_list(&rch.authors, &ch->authors);
        copy_list(&rch.author_emails, &ch->author_emails);
        copy_list(&rch.files, &ch->files);
        copy_list(&rch.trailer_acks, &ch->trailer_acks);
        copy_list(&rch.trailer_reviews, &ch->trailer_reviews);
        copy_list(&rch.trailer_ack_keys, &ch->trailer_ack_keys);
        copy_list(&rch.trailer_review_keys, &ch->trailer_review_keys);
        ch = &rch;
        sl_push(&x->reasons, xasprintf("governance: changes the rules (%s): judged under the "
                                       "rules of its parent %.12s",
                                       rules.v[0], git_oid_tostr_s(git_commit_id(x->parent))));
    }
    gate_evaluate(env, x->range->head_snap, ch, &st);
    gov_summarize(&st, &sum);
    gate_lines(&st, &sum, &x->reasons);
    {
        json_t *gj = gate_json(&st, &sum);

        json_object_update(g, gj);
        json_decref(gj);
    }
    if (!sum.may_go_in)
        x->bits |= EXIT_GOVERNANCE;
    gov_summary_free(&sum);
    gov_free(&st);
    if (governed_rules) {
        gate_env_free(&before_env);
        policy_free(&before_pol);
        snapshot_free(&before);
        gov_change_free(&rch);
    }
    sl_free(&rules);
}

typedef void (*verdict_source)(struct change_ctx *x);

static const verdict_source verdict_sources[] = {
    verdict_abi,
    verdict_deprecations,
    verdict_governance,
};

static int tree_changed(const git_commit *a, const git_commit *b, const char *path)
{
    git_oid x, y;
    int ha = a ? repo_tree_id((git_commit *)a, path, &x) == 0 : 0;
    int hb = repo_tree_id((git_commit *)b, path, &y) == 0;

    if (ha != hb)
        return 1;
    return ha && !git_oid_equal(&x, &y);
}

/* c's first parent, or NULL for a root commit (free it with git_commit_free). */
static git_commit *first_parent(const git_commit *c)
{
    git_commit *parent = NULL;

    if (git_commit_parentcount(c) > 0)
        git_commit_parent(&parent, c, 0);
    return parent;
}

static const char *verdict_text(int bits)
{
    if (bits & ~(EXIT_COMPATIBLE | EXIT_PARTIAL))
        return "FAIL";
    if (bits & EXIT_PARTIAL)
        return "incomplete (headers not compared)";
    return bits ? "ok (compatible)" : "ok";
}

static void check_one(struct range_ctx *r, const git_commit *c, int *bits, json_t *list, FILE *out,
                      int json)
{
    git_repository *repo = r->repo;
    struct abi_cache *cache = &r->cache;
    struct change_ctx x = {.repo = repo, .commit = c, .policy = &r->policy, .range = r};
    struct snapshot s, ps;
    git_commit *parent = first_parent(c);
    char id[12];

    x.parent = parent;
    snapshot_commit(&s, repo, c);
    project_load(&x.now, &s, cached_abi(cache, &s, c, 0));
    project_validate_tags(&x.now, NULL);
    if (parent && repo_tree_id(parent, PUBLIC_DIR, &(git_oid){0}) == 0) {
        snapshot_commit(&ps, repo, parent);
        project_load(&x.before, &ps, cached_abi(cache, &ps, parent, 0));
        x.have_before = 1;
        snapshot_free(&ps);
    }
    x.final = r->final;
    x.final_deps = &r->final_deps;
    x.json = json_object();
    git_oid_tostr(id, sizeof(id), git_commit_id(c));
    json_object_set_new(x.json, "commit", json_string(git_oid_tostr_s(git_commit_id(c))));
    json_object_set_new(x.json, "subject", json_text(git_commit_summary((git_commit *)c)));
    for (size_t i = 0; i < sizeof(verdict_sources) / sizeof(verdict_sources[0]); i++)
        verdict_sources[i](&x);
    json_object_set_new(x.json, "bits", json_integer(x.bits));
    json_object_set_new(x.json, "verdict", json_string(verdict_text(x.bits)));
    if (out && !json) {
        fprintf(out, "%s %s: %s\n", id, git_commit_summary((git_commit *)c), verdict_text(x.bits));
        /* Escaped: a reason holding a newline cannot print a verdict line of its own. */
        for (size_t i = 0; i < x.reasons.n; i++) {
            char *esc = text_escape(x.reasons.v[i]);

            fprintf(out, "    %s\n", esc);
            free(esc);
        }
    }
    json_array_append_new(list, x.json);
    *bits |= x.bits;
    sl_free(&x.reasons);
    project_free(&x.now);
    if (x.have_before)
        project_free(&x.before);
    snapshot_free(&s);
    git_commit_free(parent);
}

/* Groups the range's public commits by Change-Id, before any verdict. */
/* The commits of BASE..HEAD (all of HEAD's history without BASE), oldest first. */
static git_revwalk *walk_range(git_repository *repo, const git_commit *base,
                               const git_commit *head)
{
    git_revwalk *walk;

    if (git_revwalk_new(&walk, repo))
        fatal("cannot walk the history");
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push(walk, git_commit_id(head));
    if (base)
        git_revwalk_hide(walk, git_commit_id(base));
    return walk;
}

static void index_changes(struct range_ctx *r, const git_commit *base, const git_commit *head)
{
    git_revwalk *walk;
    git_oid id;

    walk = walk_range(r->repo, base, head);
    while (git_revwalk_next(&id, walk) == 0) {
        git_commit *c;
        char *cid = NULL;

        if (git_commit_lookup(&c, r->repo, &id))
            fatal("cannot read commit");
        if (commit_change_id(c, &cid) == 1) {
            struct gov_change *ch = NULL;

            for (size_t i = 0; i < r->changes.n && !ch; i++)
                if (!strcmp(r->changes.v[i].id, cid))
                    ch = &r->changes.v[i];
            if (!ch) {
                r->changes.v = xrealloc(r->changes.v, (r->changes.n + 1) * sizeof(*ch));
                ch = &r->changes.v[r->changes.n++];
                memset(ch, 0, sizeof(*ch));
                ch->id = xstrdup(cid);
            }
            change_add_commit(ch, r->repo, c);
        }
        free(cid);
        git_commit_free(c);
    }
    git_revwalk_free(walk);
}

/*
 * The names of the records that differ between parent and c: a tree diff,
 * not every record read twice, so that the cost of a commit does not grow
 * with the number of records in the repository.
 */
static void changed_records(git_repository *repo, git_commit *parent, git_commit *c,
                            struct strlist *out)
{
    git_tree *a, *b;
    git_diff *d;
    git_diff_options o;
    char *spec[] = {RECORD_DIR "/"};

    git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
    o.pathspec.strings = spec;
    o.pathspec.count = 1;
    if (git_commit_tree(&a, parent) || git_commit_tree(&b, c) ||
        git_diff_tree_to_tree(&d, repo, a, b, &o))
        fatal("cannot diff %s/", RECORD_DIR);
    for (size_t i = 0; i < git_diff_num_deltas(d); i++) {
        const char *p = git_diff_get_delta(d, i)->old_file.path;

        /* Only what the parent had can have been edited or deleted. */
        if (git_diff_get_delta(d, i)->status != GIT_DELTA_ADDED &&
            !strncmp(p, RECORD_DIR "/", sizeof(RECORD_DIR)) && !strchr(p + sizeof(RECORD_DIR), '/'))
            sl_push(out, xstrdup(p + sizeof(RECORD_DIR)));
    }
    git_diff_free(d);
    git_tree_free(a);
    git_tree_free(b);
}

/* Records are append-only: what a commit's parent had must stay as it was. */
static void check_append_only(struct range_ctx *r, git_commit *parent, git_commit *c)
{
    struct strlist names = {0};
    char id[13];

    git_oid_tostr(id, sizeof(id), git_commit_id(c));
    changed_records(r->repo, parent, c, &names);
    for (size_t i = 0; i < names.n; i++) {
        char *path = xasprintf("%s/%s", RECORD_DIR, names.v[i]);
        char *old = repo_read(r->repo, parent, path, NULL);
        char *now = repo_read(r->repo, c, path, NULL);
        struct record ro, rn;
        char *e1, *e2;

        if (!change_id_valid(names.v[i]) || !old || (now && !strcmp(old, now))) {
            free(old);
            free(now);
            free(path);
            continue;
        }
        if (!now) {
            sl_push(&r->record_problems,
                    xasprintf("%s: deleted by commit %s (records are append-only)", path, id));
            free(old);
            free(path);
            continue;
        }
        e1 = record_parse(&ro, names.v[i], old, path);
        e2 = record_parse(&rn, names.v[i], now, path);
        for (size_t k = 0; !e1 && !e2 && k < ro.n; k++) {
            const char *how = NULL;

            if (k >= rn.n)
                how = "deleted";
            else if (strcmp(ro.v[k].text, rn.v[k].text) ||
                     strcmp(ro.v[k].chain ? ro.v[k].chain : "", rn.v[k].chain ? rn.v[k].chain : "") ||
                     strcmp(ro.v[k].signature ? ro.v[k].signature : "",
                            rn.v[k].signature ? rn.v[k].signature : ""))
                how = "changed";
            if (how) {
                sl_push(&r->record_problems,
                        xasprintf("%s: entry %zu %s by commit %s (records are append-only)", path,
                                  k + 1, how, id));
                break;
            }
        }
        if (!e1)
            record_free(&ro);
        if (!e2)
            record_free(&rn);
        free(e1);
        free(e2);
        free(old);
        free(now);
        free(path);
    }
    sl_free(&names);
}

/* Whether check_range() judges c: it has public/ and changes what a verdict reads. */
static int examined_commit(git_commit *c, const git_commit *parent)
{
    int touches = tree_changed(parent, c, PUBLIC_DIR) || tree_changed(parent, c, HYPERCALL_TABLE) ||
                  tree_changed(parent, c, IMPL_DIR);

    for (size_t k = 0; k < NRULES_FILES; k++)
        touches |= tree_changed(parent, c, rules_files[k]);
    return touches && repo_tree_id(c, PUBLIC_DIR, &(git_oid){0}) == 0;
}

/* Notes c's ABI as needed: once per cache key, and only when the store lacks it. */
static void want_abi(git_repository *repo, git_commit *c, struct oidset *seen, git_oid **v,
                     size_t *n)
{
    struct snapshot s;
    struct extract_opts o;
    git_oid id, key;

    snapshot_commit(&s, repo, c);
    abi_key(&s, c, &id, &key);
    if (!oidset_has(seen, &key)) {
        oidset_add(seen, &key);
        extract_opts_default(&o);
        /* A malformed abi.conf is reported by the verdicts, in order: not from here. */
        if (!abi_conf_snapshot_try(&o, &s) && !abi_store_has(repo, &id, &o)) {
            *v = xrealloc(*v, (*n + 1) * sizeof(**v));
            git_oid_cpy(&(*v)[(*n)++], git_commit_id(c));
        }
        abi_conf_free(&o);
    }
    snapshot_free(&s);
}

/*
 * The ABIs the range's verdicts will read (head's, each examined commit's
 * and its first parent's) that the store does not hold yet are extracted
 * first, by a worker per CPU (abi_prefetch.c). The verdicts then read them
 * from the store, in order, as on any later run.
 */
static void prefetch_abis(git_repository *repo, const git_commit *base, const git_commit *head)
{
    struct oidset seen = {0};
    git_oid *v = NULL, id;
    size_t n = 0;
    git_revwalk *walk = walk_range(repo, base, head);

    want_abi(repo, (git_commit *)head, &seen, &v, &n);
    while (git_revwalk_next(&id, walk) == 0) {
        git_commit *c, *parent;

        if (git_commit_lookup(&c, repo, &id))
            fatal("cannot read commit");
        parent = first_parent(c);
        if (examined_commit(c, parent)) {
            want_abi(repo, c, &seen, &v, &n);
            if (parent && repo_tree_id(parent, PUBLIC_DIR, &(git_oid){0}) == 0)
                want_abi(repo, parent, &seen, &v, &n);
        }
        git_commit_free(parent);
        git_commit_free(c);
    }
    git_revwalk_free(walk);
    abi_prefetch(repo, v, n);
    free(v);
    oidset_free(&seen);
}

void check_refuse_shallow(git_repository *repo)
{
    /*
     * A shallow clone lacks the commits that carry Change-Ids, records and
     * the rules, and its boundary commits look like roots: what is missing
     * cannot be judged, so nothing is.
     */
    if (git_repository_is_shallow(repo) == 1)
        fatal("history is incomplete (a shallow clone): git fetch --unshallow");
}

int check_range(git_repository *repo, const git_commit *base, const git_commit *head, int json,
                FILE *out)
{
    git_revwalk *walk;
    git_oid id;
    struct range_ctx r = {.repo = repo, .cache = {.repo = repo}, .base = base};
    struct snapshot hs;
    int bits = 0;
    size_t examined = 0;
    json_t *list = json_array();

    check_refuse_shallow(repo);
    /* The range's net effect decides which per-change findings still count. */
    snapshot_commit(&hs, repo, head);
    r.head_snap = &hs;
    policy_load(&r.policy, &hs);
    {
        /* Bad governance keys are bad input even when no change needs them. */
        struct gov_params gp;
        git_oid after;

        gate_params(&r.policy, &gp);
        gate_governed_after(&r.policy, repo, &after);
    }
    index_changes(&r, base, head);
    if (repo_tree_id((git_commit *)head, PUBLIC_DIR, &id))
        fatal("%s: no %s/ directory", hs.label, PUBLIC_DIR);
    prefetch_abis(repo, base, head);
    project_load(&r.head, &hs, cached_abi(&r.cache, &hs, head, 1));
    project_validate_tags(&r.head, NULL);
    r.final =
        r.head.baseline ? abi_diff(r.head.baseline, r.head.abi) : abi_diff(r.head.abi, r.head.abi);
    project_deprecations(&r.head, r.policy.deprecation_window, &r.final_deps);
    walk = walk_range(repo, base, head);
    while (git_revwalk_next(&id, walk) == 0) {
        git_commit *c, *parent;

        if (git_commit_lookup(&c, repo, &id))
            fatal("cannot read commit");
        parent = first_parent(c);
        /*
         * Against every parent: a merge that keeps one side's record drops
         * what the other side appended ("git merge -s ours").
         */
        for (unsigned p = 0; p < git_commit_parentcount(c); p++) {
            git_commit *pc;

            if (git_commit_parent(&pc, c, p))
                fatal("cannot read a commit's parent");
            if (tree_changed(pc, c, RECORD_DIR))
                check_append_only(&r, pc, c);
            git_commit_free(pc);
        }
        if (examined_commit(c, parent)) {
            check_one(&r, c, &bits, list, out, json);
            examined++;
        }
        git_commit_free(parent);
        git_commit_free(c);
    }
    git_revwalk_free(walk);
    if (r.record_problems.n)
        bits |= EXIT_GOVERNANCE;
    if (out && json) {
        json_t *o = json_object();
        char *text;

        json_object_set_new(o, "base",
                            base ? json_string(git_oid_tostr_s(git_commit_id(base))) : json_null());
        json_object_set_new(o, "head", json_string(git_oid_tostr_s(git_commit_id(head))));
        json_object_set(o, "changes", list);
        json_object_set_new(o, "exit", json_integer(bits));
        {
            json_t *rp = json_array();

            for (size_t i = 0; i < r.record_problems.n; i++)
                json_array_append_new(rp, json_string(r.record_problems.v[i]));
            json_object_set_new(o, "record_problems", rp);
        }
        text = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);
        fprintf(out, "%s\n", text);
        free(text);
        json_decref(o);
    } else if (out) {
        for (size_t i = 0; i < r.record_problems.n; i++) {
            char *esc = text_escape(r.record_problems.v[i]);

            fprintf(out, "governance: record problem: %s\n", esc);
            free(esc);
        }
        fprintf(out, "check: %zu change(s) examined, exit status %d\n", examined, bits);
    }
    json_decref(list);
    diff_free(r.final);
    dep_report_free(&r.final_deps);
    project_free(&r.head);
    for (size_t i = 0; i < ABI_CACHE_SLOTS; i++)
        abi_free(r.cache.slot[i].abi);
    policy_free(&r.policy);
    if (r.have_gate)
        gate_env_free(&r.gate);
    for (size_t i = 0; i < r.changes.n; i++)
        gov_change_free(&r.changes.v[i]);
    free(r.changes.v);
    sl_free(&r.record_problems);
    for (size_t i = 0; i < r.ndeps; i++)
        dep_report_free(&r.deps[i].r);
    free(r.deps);
    oidset_free(&r.anc[0].set);
    oidset_free(&r.anc[1].set);
    snapshot_free(&hs);
    return bits;
}

/* The newest commit reachable from head whose release/abi/X.Y.json differs from its parent's. */
static git_commit *last_change_of(git_repository *repo, const git_commit *head, const char *path)
{
    git_revwalk *walk;
    git_oid id;
    git_commit *found = NULL;

    git_revwalk_new(&walk, repo);
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    git_revwalk_push(walk, git_commit_id(head));
    while (!found && git_revwalk_next(&id, walk) == 0) {
        git_commit *c, *parent;

        git_commit_lookup(&c, repo, &id);
        parent = first_parent(c);
        if (tree_changed(parent, c, path))
            found = c;
        else
            git_commit_free(c);
        git_commit_free(parent);
    }
    git_revwalk_free(walk);
    return found;
}

git_commit *check_last_release_base(git_repository *repo, const git_commit *head, char *version,
                                    size_t len)
{
    struct snapshot s;
    struct version *rel;
    size_t n;
    char *tag, *path;
    git_commit *base = NULL;

    snapshot_commit(&s, repo, head);
    n = snapshot_releases(&s, &rel);
    snapshot_free(&s);
    if (!n) {
        free(rel);
        return NULL;
    }
    snprintf(version, len, "%d.%d", rel[n - 1].major, rel[n - 1].minor);
    tag = xasprintf("refs/tags/RELEASE-%s", version);
    path = xasprintf("%s/%s.json", BASELINE_DIR, version);
    if (repo_is_rev(repo, tag))
        base = repo_commit(repo, tag);
    else
        base = last_change_of(repo, head, path);
    free(tag);
    free(path);
    free(rel);
    return base;
}

/*
 * check reads governance records from the commits: an Ack recorded with
 * "review" but not committed reads as missing. Say which records those are.
 */
static void warn_uncommitted_records(git_repository *repo)
{
    git_status_options so;
    char *spec = xstrdup(RECORD_DIR "/*");
    git_status_list *st = NULL;

    if (git_repository_is_bare(repo) || git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION))
        goto out;
    so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    so.pathspec.strings = &spec;
    so.pathspec.count = 1;
    if (git_status_list_new(&st, repo, &so))
        goto out;
    for (size_t i = 0; i < git_status_list_entrycount(st); i++) {
        const git_status_entry *e = git_status_byindex(st, i);
        const git_diff_delta *dd = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;

        if (dd && dd->new_file.path)
            warn("%s: not committed: check reads governance records from commits; commit it "
                 "(git add %s && git commit)",
                 dd->new_file.path, dd->new_file.path);
    }
out:
    git_status_list_free(st);
    free(spec);
}

int cmd_check(int argc, char **argv)
{
    const char *range = NULL;
    int json = 0, last = 0, bits;
    git_repository *repo;
    git_commit *base = NULL, *head;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--strict"))
            strict_partial = 1;
        else if (!strcmp(argv[i], "--last-release"))
            last = 1;
        else if (argv[i][0] == '-' || range)
            usage_error("check: unexpected argument \"%s\"", argv[i]);
        else
            range = argv[i];
    }
    if (!!range == !!last)
        usage_error("check: want BASE..HEAD or --last-release");
    repo = repo_open();
    check_refuse_shallow(repo);
    if (last) {
        char version[32];

        head = repo_commit(repo, "HEAD");
        base = check_last_release_base(repo, head, version, sizeof(version));
        if (!base) {
            printf("check: no release baseline in %s/ yet: nothing to check against\n",
                   BASELINE_DIR);
            git_commit_free(head);
            git_repository_free(repo);
            return 0;
        }
        if (!json)
            printf("check: since release %s (%.10s)\n", version,
                   git_oid_tostr_s(git_commit_id(base)));
    } else {
        const char *dots = strstr(range, "..");
        char *b;

        if (!dots || dots == range)
            usage_error("check: \"%s\" is not BASE..HEAD", range);
        b = xstrndup(range, (size_t)(dots - range));
        base = repo_commit(repo, b);
        head = repo_commit(repo, dots[2] ? dots + 2 : "HEAD");
        free(b);
    }
    bits = check_range(repo, base, head, json, stdout);
    warn_uncommitted_records(repo);
    git_commit_free(base);
    git_commit_free(head);
    git_repository_free(repo);
    return bits;
}

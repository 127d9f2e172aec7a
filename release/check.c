/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check.c - "check BASE..HEAD": per-change verdicts and exit-status bits.
 *
 * Each change is judged by verdict sources, one after the other, each adding
 * reasons and exit bits: the ABI against the last release, then the
 * deprecation rules. The governance gate (issue 6) is meant to be one more
 * entry in verdict_sources[], setting EXIT_GOVERNANCE.
 */
#include "check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diff.h"
#include "policy.h"
#include "project.h"

/* ABIs by the id of the public/ tree they came from: a range often repeats one. */
struct abi_cache {
    git_oid *ids;
    struct abi **abis;
    size_t n;
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
};

static struct abi *cached_abi(struct abi_cache *c, const struct snapshot *s, const git_commit *cm)
{
    git_oid id;
    struct header_set *hs;
    struct extract_opts o;
    struct abi *abi;

    if (repo_tree_id((git_commit *)cm, PUBLIC_DIR, &id))
        fatal("%s: no %s/ directory", s->label, PUBLIC_DIR);
    for (size_t i = 0; i < c->n; i++)
        if (git_oid_equal(&c->ids[i], &id))
            return c->abis[i];
    hs = snapshot_headers(s);
    extract_opts_default(&o);
    abi = extract_abi(hs, &o, NULL, NULL);
    headers_free(hs);
    c->ids = xrealloc(c->ids, (c->n + 1) * sizeof(*c->ids));
    c->abis = xrealloc(c->abis, (c->n + 1) * sizeof(*c->abis));
    git_oid_cpy(&c->ids[c->n], &id);
    c->abis[c->n++] = abi;
    return abi;
}

static int in_abi(const struct abi *abi, const char *name)
{
    return abi && abi_find_name(abi, name) != NULL;
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

        if (sev == SEV_INFO)
            continue;
        if (!in_abi(base, old)) {
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
            if (c->cls == CH_REMOVED) {
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

            if (it && !it->derived && !it->tags.present) {
                sl_push(&x->reasons, xasprintf("%s/%s:%u: policy: %s added without an @abi "
                                               "since= tag",
                                               d->root, c->file, c->line, c->name));
                x->bits |= EXIT_DEPRECATION;
            }
        }
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

/* The deprecation rules: violations this change brought in. */
static void verdict_deprecations(struct change_ctx *x)
{
    struct dep_report now, before = {0};
    json_t *v = json_array();

    project_deprecations(&x->now, x->policy->deprecation_window, &now);
    if (x->have_before)
        project_deprecations(&x->before, x->policy->deprecation_window, &before);
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
        json_array_append_new(v, json_pack("{s:s,s:s,s:s,s:s}", "rule", f->rule, "name",
                                           f->name, "where", f->where, "message", f->message));
    }
    json_object_set_new(x->json, "violations", v);
    dep_report_free(&now);
    if (x->have_before)
        dep_report_free(&before);
}

typedef void (*verdict_source)(struct change_ctx *x);

static const verdict_source verdict_sources[] = {
    verdict_abi,
    verdict_deprecations,
    /* issue 6: governance (Change-Id, Acks, Nacks, referees) goes here. */
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

static const char *verdict_text(int bits)
{
    if (bits & ~EXIT_COMPATIBLE)
        return "FAIL";
    return bits ? "ok (compatible)" : "ok";
}

struct range_ctx {
    git_repository *repo;
    struct abi_cache cache;
    struct policy policy;
    struct project_state head;
    struct diff *final;
    struct dep_report final_deps;
};

static void check_one(struct range_ctx *r, const git_commit *c, int *bits, json_t *list,
                      FILE *out, int json)
{
    git_repository *repo = r->repo;
    struct abi_cache *cache = &r->cache;
    struct change_ctx x = {.repo = repo, .commit = c, .policy = &r->policy};
    struct snapshot s, ps;
    git_commit *parent = NULL;
    char id[12];

    if (git_commit_parentcount(c) > 0)
        git_commit_parent(&parent, c, 0);
    snapshot_commit(&s, repo, c);
    project_load(&x.now, &s, cached_abi(cache, &s, c));
    project_validate_tags(&x.now, NULL);
    if (parent && repo_tree_id(parent, PUBLIC_DIR, &(git_oid){0}) == 0) {
        snapshot_commit(&ps, repo, parent);
        project_load(&x.before, &ps, cached_abi(cache, &ps, parent));
        x.have_before = 1;
        snapshot_free(&ps);
    }
    x.final = r->final;
    x.final_deps = &r->final_deps;
    x.json = json_object();
    git_oid_tostr(id, sizeof(id), git_commit_id(c));
    json_object_set_new(x.json, "commit", json_string(git_oid_tostr_s(git_commit_id(c))));
    json_object_set_new(x.json, "subject", json_string(git_commit_summary((git_commit *)c)));
    for (size_t i = 0; i < sizeof(verdict_sources) / sizeof(verdict_sources[0]); i++)
        verdict_sources[i](&x);
    json_object_set_new(x.json, "bits", json_integer(x.bits));
    json_object_set_new(x.json, "verdict", json_string(verdict_text(x.bits)));
    if (out && !json) {
        fprintf(out, "%s %s: %s\n", id, git_commit_summary((git_commit *)c), verdict_text(x.bits));
        for (size_t i = 0; i < x.reasons.n; i++)
            fprintf(out, "    %s\n", x.reasons.v[i]);
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

int check_range(git_repository *repo, const git_commit *base, const git_commit *head, int json,
                FILE *out)
{
    git_revwalk *walk;
    git_oid id;
    struct range_ctx r = {.repo = repo};
    struct snapshot hs;
    int bits = 0;
    size_t examined = 0;
    json_t *list = json_array();

    /* The range's net effect decides which per-change findings still count. */
    snapshot_commit(&hs, repo, head);
    policy_load(&r.policy, &hs);
    if (repo_tree_id((git_commit *)head, PUBLIC_DIR, &id))
        fatal("%s: no %s/ directory", hs.label, PUBLIC_DIR);
    project_load(&r.head, &hs, cached_abi(&r.cache, &hs, head));
    project_validate_tags(&r.head, NULL);
    r.final = r.head.baseline ? abi_diff(r.head.baseline, r.head.abi)
                              : abi_diff(r.head.abi, r.head.abi);
    project_deprecations(&r.head, r.policy.deprecation_window, &r.final_deps);
    if (git_revwalk_new(&walk, repo))
        fatal("cannot walk the history");
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push(walk, git_commit_id(head));
    if (base)
        git_revwalk_hide(walk, git_commit_id(base));
    while (git_revwalk_next(&id, walk) == 0) {
        git_commit *c, *parent = NULL;
        int touches;

        if (git_commit_lookup(&c, repo, &id))
            fatal("cannot read commit");
        if (git_commit_parentcount(c) > 0)
            git_commit_parent(&parent, c, 0);
        touches = tree_changed(parent, c, PUBLIC_DIR) || tree_changed(parent, c, HYPERCALL_TABLE) ||
                  tree_changed(parent, c, IMPL_DIR);
        if (touches && repo_tree_id(c, PUBLIC_DIR, &(git_oid){0}) == 0) {
            check_one(&r, c, &bits, list, out, json);
            examined++;
        }
        git_commit_free(parent);
        git_commit_free(c);
    }
    git_revwalk_free(walk);
    if (out && json) {
        json_t *o = json_object();
        char *text;

        json_object_set_new(o, "base", base ? json_string(git_oid_tostr_s(git_commit_id(base)))
                                            : json_null());
        json_object_set_new(o, "head", json_string(git_oid_tostr_s(git_commit_id(head))));
        json_object_set(o, "changes", list);
        json_object_set_new(o, "exit", json_integer(bits));
        text = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);
        fprintf(out, "%s\n", text);
        free(text);
        json_decref(o);
    } else if (out) {
        fprintf(out, "check: %zu change(s) examined, exit status %d\n", examined, bits);
    }
    json_decref(list);
    diff_free(r.final);
    dep_report_free(&r.final_deps);
    project_free(&r.head);
    for (size_t i = 0; i < r.cache.n; i++)
        abi_free(r.cache.abis[i]);
    free(r.cache.abis);
    free(r.cache.ids);
    policy_free(&r.policy);
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
        git_commit *c, *parent = NULL;

        git_commit_lookup(&c, repo, &id);
        if (git_commit_parentcount(c) > 0)
            git_commit_parent(&parent, c, 0);
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

int cmd_check(int argc, char **argv)
{
    const char *range = NULL;
    int json = 0, last = 0, bits;
    git_repository *repo;
    git_commit *base = NULL, *head;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
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
    git_commit_free(base);
    git_commit_free(head);
    git_repository_free(repo);
    return bits;
}

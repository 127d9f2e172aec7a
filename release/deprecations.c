/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * deprecations.c - deprecation windows and removal rules.
 *
 * The window counts releases: an item deprecated in release D must still be
 * in the headers of D and of the releases after it until `window` releases
 * carried it deprecated; the baselines in release/abi/ say which releases
 * exist. Removing an item from the headers never allows removing its
 * implementation, so deprecated hypercalls and sub-ops are looked up in the
 * hypercall table and in xen/common/.
 */
#include "deprecations.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* Sub-op families whose implementations are switch cases or table entries. */
static const char *const subop_prefixes[] = {
    "XENVER_", "VERSION_", "SCHEDOP_", "CONSOLEIO_", "SHUTDOWN_", "XEN_SYSCTL_", "LIVEPATCH_ACTION_",
};

struct version deprecation_end(struct version d, int window)
{
    d.minor += window;
    return d;
}

static int is_ident(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static const char *skip_ws_back(const char *start, const char *p)
{
    while (p > start && isspace((unsigned char)p[-1]))
        p--;
    return p;
}

static const char *skip_ws(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

int impl_mentions(const char *text, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = strstr(text, name); p; p = strstr(p + 1, name)) {
        const char *before, *after = p + n;

        if ((p > text && is_ident(p[-1])) || is_ident(*after))
            continue;
        before = skip_ws_back(text, p);
        after = skip_ws(after);
        /* "case NAME:" */
        if (before - text >= 4 && !strncmp(before - 4, "case", 4) &&
            (before - 4 == text || !is_ident(before[-5])) && *after == ':')
            return 1;
        /* "[NAME] =" */
        if (before > text && before[-1] == '[' && *after == ']' && *skip_ws(after + 1) == '=')
            return 1;
    }
    return 0;
}

int table_mentions(const char *text, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = strstr(text, name); p; p = strstr(p + 1, name)) {
        const char *before = skip_ws_back(text, p), *after = skip_ws(p + n);

        if ((p > text && is_ident(p[-1])) || is_ident(p[n]))
            continue;
        if (before - text >= 10 && !strncmp(before - 10, "HYPERCALL(", 10) && *after == ',')
            return 1;
    }
    return 0;
}

static const char *subop_prefix(const char *name)
{
    for (size_t i = 0; i < sizeof(subop_prefixes) / sizeof(subop_prefixes[0]); i++)
        if (starts_with(name, subop_prefixes[i]))
            return subop_prefixes[i];
    return NULL;
}

/* Some sub-op of the family is implemented: the family's code exists to check. */
static int family_present(const struct dep_input *in, const struct abi *abi, const char *prefix)
{
    for (size_t t = 0; t < abi->ntargets; t++)
        for (size_t i = 0; i < abi->targets[t].nitems; i++) {
            const char *n = abi->targets[t].items[i].name;

            if (!starts_with(n, prefix))
                continue;
            for (size_t k = 0; in->impl_sources && k < in->impl_sources->n; k++)
                if (impl_mentions(in->impl_sources->v[k], n))
                    return 1;
        }
    return 0;
}

static void add_violation(struct dep_report *r, const char *rule, const struct abi *abi,
                          const struct abi_item *it, char *message)
{
    struct dep_finding *f;

    r->violations = xrealloc(r->violations, (r->nviolations + 1) * sizeof(*r->violations));
    f = &r->violations[r->nviolations++];
    f->rule = xstrdup(rule);
    f->name = xstrdup(it->name);
    f->where = abi->root[0] ? xasprintf("%s/%s:%u", abi->root, it->file, it->line)
                            : xasprintf("%s:%u", it->file, it->line);
    f->message = message;
}

/* The releases at or after d: how many releases carried the deprecation. */
static size_t releases_since(const struct dep_input *in, struct version d)
{
    size_t n = 0;

    for (size_t i = 0; i < in->nreleases; i++)
        if (version_cmp(in->releases[i], d) >= 0)
            n++;
    return n;
}

/* Every item name once, first target first: the rules are about names. */
static void each_item(const struct abi *abi, const struct abi_item ***out, size_t *n)
{
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    for (size_t t = 0; t < abi->ntargets; t++)
        for (size_t i = 0; i < abi->targets[t].nitems; i++) {
            const struct abi_item *it = &abi->targets[t].items[i];
            int seen = 0;

            /*
             * Taken already: a target's items are sorted (abi_finish()), so an
             * earlier target's is found by bisection, this target's is the one
             * just before it. Not a scan of the list: that made every check
             * quadratic in the number of items.
             */
            for (size_t k = 0; k < t && !seen; k++)
                seen = abi_find(&abi->targets[k], it) != NULL;
            if (!seen && i)
                seen = !abi_item_cmp(&abi->targets[t].items[i - 1], it);
            if (seen)
                continue;
            if (*n == cap) {
                cap = cap ? cap * 2 : 256;
                *out = xrealloc(*out, cap * sizeof(**out));
            }
            (*out)[(*n)++] = it;
        }
}

static int name_present(const struct abi *abi, const struct abi_item *like)
{
    for (size_t t = 0; t < abi->ntargets; t++)
        if (abi_find(&abi->targets[t], like))
            return 1;
    return 0;
}

static void list_deprecated(const struct dep_input *in, const struct abi_item *it,
                            struct dep_report *r)
{
    struct version d, end;
    json_t *o = json_object();
    char buf[32];
    const char *root = in->now->root;

    version_parse(it->tags.deprecated, &d);
    end = deprecation_end(d, in->window);
    snprintf(buf, sizeof(buf), "%d.%d", end.major, end.minor);
    json_object_set_new(o, "name", json_string(it->name));
    json_object_set_new(o, "kind", json_string(item_kind_name(it->kind)));
    json_object_set_new(o, "file", json_string(it->file));
    json_object_set_new(o, "line", json_integer(it->line));
    json_object_set_new(o, "deprecated", json_string(it->tags.deprecated));
    json_object_set_new(o, "earliest_removal", json_string(buf));
    json_object_set_new(o, "window_over",
                        json_boolean(releases_since(in, d) >= (size_t)in->window));
    if (it->tags.replacement[0])
        json_object_set_new(o, "replacement", json_string(it->tags.replacement));
    json_array_append_new(r->deprecated, o);
    sl_push(&r->lines, xasprintf("%s%s%s:%u: %s %s: deprecated in %s, may leave the headers "
                                 "from %s, replacement %s",
                                 root, root[0] ? "/" : "", it->file, it->line,
                                 item_kind_name(it->kind), it->name, it->tags.deprecated, buf,
                                 it->tags.replacement[0] ? it->tags.replacement : "none"));
}

static void check_present_item(const struct dep_input *in, const struct abi_item *it,
                               struct dep_report *r)
{
    const char *prefix;

    if (it->tags.removed[0])
        add_violation(r, "removed-tag-on-defined-item", in->now, it,
                      xasprintf("tagged removed=%s but still defined", it->tags.removed));
    if (!it->tags.deprecated[0])
        return;
    list_deprecated(in, it, r);
    if (it->tags.replacement[0] && !abi_find_name(in->now, it->tags.replacement))
        add_violation(r, "replacement-missing", in->now, it,
                      xasprintf("replacement %s does not exist", it->tags.replacement));
    if (it->kind != ITEM_MACRO)
        return;
    if (starts_with(it->name, "__HYPERVISOR_")) {
        if (in->hypercall_table && !table_mentions(in->hypercall_table, it->name))
            add_violation(r, "implementation-gone", in->now, it,
                          xasprintf("deprecated hypercall missing from the hypercall table "
                                    "(%s): old guests still call it",
                                    "xen/include/xen/hypercall-defs.h"));
        return;
    }
    prefix = subop_prefix(it->name);
    if (!prefix)
        return;
    if (!family_present(in, in->now, prefix)) {
        char *note = xasprintf("%s: not checked: no %s* sub-op is implemented in xen/common/ "
                               "yet",
                               it->name, prefix);

        if (!sl_contains(&r->notes, note))
            sl_push(&r->notes, note);
        else
            free(note);
        return;
    }
    for (size_t k = 0; k < in->impl_sources->n; k++)
        if (impl_mentions(in->impl_sources->v[k], it->name))
            return;
    add_violation(r, "implementation-gone", in->now, it,
                  xasprintf("deprecated sub-op has no \"case %s:\" or \"[%s] =\" in "
                            "xen/common/: old guests still use it",
                            it->name, it->name));
}

static void check_removed_item(const struct dep_input *in, const struct diff *renames,
                               const struct abi_item *old_it, struct dep_report *r)
{
    struct version d, end;
    const struct change *c = diff_find(renames, old_it->name, NULL);

    if (c && c->cls == CH_RENAMED)
        return;
    if (!old_it->tags.deprecated[0]) {
        add_violation(r, "removed-never-deprecated", in->baseline, old_it,
                      xasprintf("removed from the headers but never deprecated in a release"));
        return;
    }
    version_parse(old_it->tags.deprecated, &d);
    end = deprecation_end(d, in->window);
    if (releases_since(in, d) < (size_t)in->window)
        add_violation(r, "removed-before-window", in->baseline, old_it,
                      xasprintf("removed before its deprecation window ended (deprecated in "
                                "%s, window %d releases: may leave from %d.%d)",
                                old_it->tags.deprecated, in->window, end.major, end.minor));
}

void deprecations_evaluate(const struct dep_input *in, struct dep_report *r)
{
    const struct abi_item **items;
    size_t n;

    memset(r, 0, sizeof(*r));
    r->deprecated = json_array();
    each_item(in->now, &items, &n);
    for (size_t i = 0; i < n; i++)
        check_present_item(in, items[i], r);
    free(items);
    if (!in->hypercall_table)
        sl_push(&r->notes, xstrdup("hypercall table " "xen/include/xen/hypercall-defs.h"
                                   " absent: deprecated hypercalls not checked"));
    if (in->baseline) {
        struct diff *d = NULL;

        each_item(in->baseline, &items, &n);
        for (size_t i = 0; i < n; i++) {
            if (name_present(in->now, items[i]))
                continue;
            /* The renames, only when something is gone: most trees remove nothing. */
            if (!d)
                d = abi_diff(in->baseline, in->now);
            check_removed_item(in, d, items[i], r);
        }
        free(items);
        diff_free(d);
    }
}

void dep_report_free(struct dep_report *r)
{
    json_decref(r->deprecated);
    for (size_t i = 0; i < r->nviolations; i++) {
        free(r->violations[i].rule);
        free(r->violations[i].name);
        free(r->violations[i].where);
        free(r->violations[i].message);
    }
    free(r->violations);
    sl_free(&r->notes);
    sl_free(&r->lines);
    memset(r, 0, sizeof(*r));
}

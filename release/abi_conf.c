/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_conf.c - per-target header sets and preludes (see abi_conf.h).
 */
#include "abi_conf.h"
#include "snapshot.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* "aarch64" -> the triple; "all" -> "" (every target); NULL when unknown. */
static const char *target_triple(const char *name)
{
    if (!strcmp(name, "all"))
        return "";
    if (!strcmp(name, "aarch64") || !strcmp(name, TRIPLE_AARCH64))
        return TRIPLE_AARCH64;
    if (!strcmp(name, "x86_64") || !strcmp(name, TRIPLE_X86_64))
        return TRIPLE_X86_64;
    return NULL;
}

static void add_rule(struct extract_opts *o, int include, const char *triple, const char *glob)
{
    struct header_rule *r;

    o->rules = xrealloc(o->rules, (o->nrules + 1) * sizeof(*o->rules));
    r = &o->rules[o->nrules++];
    r->include = include;
    r->triple = xstrdup(triple);
    r->glob = xstrdup(glob);
}

static void add_prelude(struct extract_opts *o, const char *header, const char *prelude)
{
    struct header_prelude *p;

    o->preludes = xrealloc(o->preludes, (o->npreludes + 1) * sizeof(*o->preludes));
    p = &o->preludes[o->npreludes++];
    p->header = xstrdup(header);
    p->prelude = xstrdup(prelude);
}

/* The first error in text, malloc'd, or NULL. */
static char *conf_parse(struct extract_opts *o, const char *text, const char *what)
{
    char *copy = xstrdup(text), *err = NULL;
    unsigned lineno = 0;

    for (char *p = copy, *eol; p; p = eol) {
        struct strlist w = {0};
        char *tok, *ts = NULL;

        eol = strchr(p, '\n');
        if (eol)
            *eol++ = '\0';
        lineno++;
        if (strchr(p, '#'))
            *strchr(p, '#') = '\0';
        for (tok = strtok_r(p, " \t\r", &ts); tok; tok = strtok_r(NULL, " \t\r", &ts))
            sl_push(&w, xstrdup(tok));
        if (!w.n)
            continue;
        if (w.n < 3) {
            err = xasprintf("%s:%u: want \"include|exclude TARGET GLOB...\" or \"prelude HEADER "
                            "PRELUDE...\"",
                            what, lineno);
            sl_free(&w);
            break;
        }
        if (!strcmp(w.v[0], "include") || !strcmp(w.v[0], "exclude")) {
            const char *triple = target_triple(w.v[1]);

            if (!triple) {
                err = xasprintf("%s:%u: unknown target \"%s\" (want aarch64, x86_64 or all)", what,
                                lineno, w.v[1]);
                sl_free(&w);
                break;
            }
            for (size_t i = 2; i < w.n; i++)
                add_rule(o, w.v[0][0] == 'i', triple, w.v[i]);
        } else if (!strcmp(w.v[0], "prelude")) {
            for (size_t i = 2; i < w.n; i++)
                add_prelude(o, w.v[1], w.v[i]);
        } else {
            err = xasprintf("%s:%u: unknown keyword \"%s\" (want include, exclude or prelude)",
                            what, lineno, w.v[0]);
            sl_free(&w);
            break;
        }
        sl_free(&w);
    }
    free(copy);
    return err;
}

void abi_conf_parse(struct extract_opts *o, const char *text, const char *what)
{
    char *err = conf_parse(o, text, what);

    if (err)
        fatal("%s", err);
}

void abi_conf_load(struct extract_opts *o, const char *path, int required)
{
    char *text = read_file(path, NULL);

    if (!text) {
        if (errno == ENOENT && !required)
            return;
        fatal("%s: cannot read: %s", path, strerror(errno));
    }
    abi_conf_parse(o, text, path);
    free(text);
}

void abi_conf_snapshot(struct extract_opts *o, const struct snapshot *s)
{
    char *text = snapshot_read(s, ABI_CONF, NULL);
    char *what;

    if (!text)
        return;
    what = xasprintf("%s (%s)", ABI_CONF, s->label);
    abi_conf_parse(o, text, what);
    free(what);
    free(text);
}

int abi_conf_snapshot_try(struct extract_opts *o, const struct snapshot *s)
{
    char *text = snapshot_read(s, ABI_CONF, NULL), *what, *err;
    int bad;

    if (!text)
        return 0;
    what = xasprintf("%s (%s)", ABI_CONF, s->label);
    err = conf_parse(o, text, what);
    bad = err != NULL;
    free(what);
    free(text);
    free(err);
    return bad ? -1 : 0;
}

void abi_conf_option(struct extract_opts *o, const char *opt, const char *value)
{
    const char *colon = strchr(value, ':');
    char *left;

    if (!colon || colon == value || !colon[1])
        usage_error("--%s %s: want %s:%s", opt, value,
                    strcmp(opt, "prelude") ? "TARGET" : "HEADER",
                    strcmp(opt, "prelude") ? "GLOB" : "PRELUDE");
    left = xstrndup(value, (size_t)(colon - value));
    if (!strcmp(opt, "prelude")) {
        add_prelude(o, left, colon + 1);
    } else {
        const char *triple = target_triple(left);

        if (!triple)
            usage_error("--%s %s: unknown target \"%s\" (want aarch64, x86_64 or all)", opt,
                        value, left);
        add_rule(o, !strcmp(opt, "include"), triple, colon + 1);
    }
    free(left);
}

static int rule_applies(const struct header_rule *r, const char *triple)
{
    return !r->triple[0] || !strcmp(r->triple, triple);
}

int abi_conf_wants(const struct extract_opts *o, const char *triple, const char *path)
{
    int have_include = 0, included = 0;

    for (size_t i = 0; i < o->nrules; i++) {
        const struct header_rule *r = &o->rules[i];

        if (!rule_applies(r, triple))
            continue;
        if (r->include) {
            have_include = 1;
            included |= fnmatch(r->glob, path, 0) == 0;
        } else if (fnmatch(r->glob, path, 0) == 0) {
            return 0;
        }
    }
    return !have_include || included;
}

void abi_conf_preludes(const struct extract_opts *o, const char *header, struct strlist *out)
{
    for (size_t i = 0; i < o->npreludes; i++)
        if (fnmatch(o->preludes[i].header, header, 0) == 0 &&
            strcmp(o->preludes[i].prelude, header) && !sl_contains(out, o->preludes[i].prelude))
            sl_push(out, xstrdup(o->preludes[i].prelude));
}

void abi_conf_key(const struct extract_opts *o, struct strbuf *sb)
{
    for (size_t i = 0; i < o->nrules; i++)
        sb_printf(sb, "%s %s %s\n", o->rules[i].include ? "include" : "exclude",
                  o->rules[i].triple[0] ? o->rules[i].triple : "all", o->rules[i].glob);
    for (size_t i = 0; i < o->npreludes; i++)
        sb_printf(sb, "prelude %s %s\n", o->preludes[i].header, o->preludes[i].prelude);
}

void abi_conf_free(struct extract_opts *o)
{
    for (size_t i = 0; i < o->nrules; i++) {
        free(o->rules[i].triple);
        free(o->rules[i].glob);
    }
    for (size_t i = 0; i < o->npreludes; i++) {
        free(o->preludes[i].header);
        free(o->preludes[i].prelude);
    }
    free(o->rules);
    free(o->preludes);
    o->rules = NULL;
    o->preludes = NULL;
    o->nrules = o->npreludes = 0;
}

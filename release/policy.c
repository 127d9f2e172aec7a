/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * policy.c - reading governance/policy.
 */
#include "policy.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "govfile.h"

static char *trim(char *s)
{
    char *e;

    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/*
 * Every key some part of keel-release reads: a misspelt key would otherwise
 * leave its rule at the default without a word.
 */
static int known_key(const char *key)
{
    static const char *const keys[] = {"deprecation_window", "referee_quorum", "governed_after",
                                       "signed_from"};

    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (!strcmp(key, keys[i]))
            return 1;
    return 0;
}

void policy_parse(struct policy *p, const char *text, const char *what)
{
    char *copy = xstrdup(text), *line = copy, *next;
    unsigned lineno = 0;
    const char *w;

    memset(p, 0, sizeof(*p));
    p->what = xstrdup(what);
    p->deprecation_window = DEFAULT_DEPRECATION_WINDOW;
    for (; line; line = next) {
        char *eq, *key, *val, *hash;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        line = trim(line);
        if (!*line)
            continue;
        eq = strchr(line, '=');
        if (!eq)
            fatal("%s:%u: want \"key = value\"", what, lineno);
        *eq = '\0';
        key = trim(line);
        val = trim(eq + 1);
        if (!*key || !*val)
            fatal("%s:%u: want \"key = value\"", what, lineno);
        for (const char *k = key; *k; k++)
            if (!isalnum((unsigned char)*k) && *k != '_')
                fatal("%s:%u: bad key \"%s\"", what, lineno, key);
        if (!known_key(key))
            fatal("%s:%u: unknown key \"%s\" (known: deprecation_window, referee_quorum, "
                  "governed_after, signed_from)",
                  what, lineno, key);
        if (policy_get(p, key))
            fatal("%s:%u: %s given twice", what, lineno, key);
        p->lines = xrealloc(p->lines, (p->keys.n + 1) * sizeof(*p->lines));
        p->lines[p->keys.n] = lineno;
        sl_push(&p->keys, xstrdup(key));
        sl_push(&p->values, xstrdup(val));
    }
    w = policy_get(p, "deprecation_window");
    if (w) {
        char *end;
        long n = strtol(w, &end, 10);

        if (*end || n < 0 || n > 100 || !isdigit((unsigned char)w[0]))
            fatal("%s:%u: deprecation_window = %s is not a number of releases (0..100)", what,
                  policy_line(p, "deprecation_window"), w);
        p->deprecation_window = (int)n;
    }
    free(copy);
}

void policy_load(struct policy *p, const struct snapshot *s)
{
    char *what = xasprintf("%s (%s)", POLICY_PATH, s->label);
    char *text = govfile_read_strict(s, POLICY_PATH, what);

    if (!text)
        fatal("%s: missing or unreadable", what);
    policy_parse(p, text, what);
    free(text);
    free(what);
}

const char *policy_get(const struct policy *p, const char *key)
{
    for (size_t i = 0; i < p->keys.n; i++)
        if (!strcmp(p->keys.v[i], key))
            return p->values.v[i];
    return NULL;
}

unsigned policy_line(const struct policy *p, const char *key)
{
    for (size_t i = 0; i < p->keys.n; i++)
        if (!strcmp(p->keys.v[i], key))
            return p->lines[i];
    return 0;
}

void policy_free(struct policy *p)
{
    sl_free(&p->keys);
    sl_free(&p->values);
    free(p->lines);
    free(p->what);
}

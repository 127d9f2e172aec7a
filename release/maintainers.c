/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * maintainers.c - parsing MAINTAINERS and matching paths against it.
 */
#include "maintainers.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* The tags of Xen's MAINTAINERS file this tool knows. */
static const char known_tags[] = "MRSFXLWTKV";

static const char *const statuses[] = {"Supported", "Maintained", "Odd Fixes",
                                       "Orphan",    "Obsolete",   "Deprecated"};

static void problem(struct maintainers *m, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct maintainers *m, unsigned line, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = xvasprintf(fmt, ap);
    va_end(ap);
    sl_push(&m->problems, xasprintf("%s:%u: %s", m->what, line, msg));
    free(msg);
}

int ident_parse(const char *ident, char **email)
{
    const char *lt = strchr(ident, '<'), *gt, *at;

    if (!lt || lt == ident || lt[-1] != ' ')
        return -1;
    for (const char *p = ident; p < lt - 1; p++)
        if (!isspace((unsigned char)*p))
            goto named;
    return -1;
named:
    gt = strchr(lt, '>');
    if (!gt || gt[1] != '\0')
        return -1;
    at = memchr(lt, '@', (size_t)(gt - lt));
    if (!at || at == lt + 1 || at + 1 == gt || memchr(at + 1, '@', (size_t)(gt - at - 1)))
        return -1;
    for (const char *p = lt + 1; p < gt; p++)
        if (isspace((unsigned char)*p) || *p == '<' || !isprint((unsigned char)*p))
            return -1;
    if (!memchr(at, '.', (size_t)(gt - at)))
        return -1;
    if (email) {
        *email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
        for (char *p = *email; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    return 0;
}

int email_in(const struct strlist *emails, const char *email)
{
    return sl_contains(emails, email);
}

static void add_pattern(struct mpattern **v, size_t *n, const char *text, unsigned line)
{
    struct mpattern *p;

    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    p = &(*v)[(*n)++];
    mpattern_init(p, text, line);
}

void mpattern_init(struct mpattern *p, const char *text, unsigned line)
{
    p->text = xstrdup(text);
    p->line = line;
    p->literal = strcspn(text, "*?[");
    p->recursive = ends_with(text, "/");
    p->glob = xstrndup(text, strlen(text) - (size_t)p->recursive);
}

void mpattern_free(struct mpattern *p)
{
    free(p->text);
    free(p->glob);
}

static void add_ident(struct maintainers *m, struct strlist *ids, struct strlist *emails,
                      unsigned **lines, const char *text, unsigned line, char tag)
{
    char *email = NULL;

    if (ident_parse(text, &email)) {
        problem(m, line, "%c: malformed address \"%s\" (want \"Name <user@host>\")", tag, text);
        return;
    }
    if (email_in(emails, email)) {
        problem(m, line, "%c: %s listed twice in this section", tag, email);
        free(email);
        return;
    }
    *lines = xrealloc(*lines, (ids->n + 1) * sizeof(**lines));
    (*lines)[ids->n] = line;
    sl_push(ids, xstrdup(text));
    sl_push(emails, email);
}

/*
 * Why a pattern is malformed, NULL when it is not: fnmatch() takes an
 * unclosed '[' as a literal character, so "public/[ab" would silently cover
 * nothing (POSIX.1-2017 XCU 2.13.1, bracket expressions).
 */
static const char *glob_error(const char *p)
{
    for (; *p; p++) {
        if (*p == '\\') {
            if (!p[1])
                return "a trailing backslash";
            p++;
        } else if (*p == '[') {
            const char *q = p + 1;

            if (*q == '!' || *q == '^')
                q++;
            if (*q == ']')
                q++; /* a leading ']' is a member, not the end */
            while (*q && *q != ']' && *q != '/')
                q++;
            if (*q != ']')
                return "an unclosed '['";
            p = q;
        }
    }
    return NULL;
}

static int pattern_listed(const struct mpattern *v, size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].text, text))
            return 1;
    return 0;
}

static void end_section(struct maintainers *m, struct msection *s)
{
    if (!s)
        return;
    if (!s->m.n)
        problem(m, s->line, "section \"%s\" has no M: (maintainer)", s->name);
    if (!s->nf)
        problem(m, s->line, "section \"%s\" has no F: (files)", s->name);
}

static int cmp_section_name(const void *a, const void *b)
{
    const struct msection *x = *(const struct msection *const *)a;
    const struct msection *y = *(const struct msection *const *)b;
    int c = strcmp(x->name, y->name);

    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sorted, not pairwise: a generated file has thousands of sections. */
static void duplicate_sections(struct maintainers *m)
{
    const struct msection **v = xcalloc(m->n, sizeof(*v));

    for (size_t i = 0; i < m->n; i++)
        v[i] = &m->s[i];
    qsort(v, m->n, sizeof(*v), cmp_section_name);
    for (size_t i = 1; i < m->n; i++)
        if (!strcmp(v[i]->name, v[i - 1]->name))
            problem(m, v[i]->line, "section \"%s\" given twice (first at line %u)", v[i]->name,
                    v[i - 1]->line);
    free(v);
}

void maintainers_parse(struct maintainers *m, const char *text, const char *what)
{
    char *copy = xstrdup(text), *line = copy, *next;
    unsigned lineno = 0;
    struct msection *cur = NULL;

    memset(m, 0, sizeof(*m));
    m->what = xstrdup(what);
    for (; line; line = next) {
        size_t len;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else if (!*line)
            break;
        lineno++;
        len = strlen(line);
        while (len && isspace((unsigned char)line[len - 1]))
            line[--len] = '\0';
        if (!len) {
            /* A blank line ends a section (the next non-blank one is a title). */
            if (cur)
                end_section(m, cur);
            cur = NULL;
            continue;
        }
        if (len >= 2 && isupper((unsigned char)line[0]) && line[1] == ':') {
            const char *val = line + 2;
            char tag = line[0];

            if (!cur) {
                problem(m, lineno, "%c: line outside a section (a title line comes first)", tag);
                continue;
            }
            if (!strchr(known_tags, tag)) {
                problem(m, lineno, "unknown tag \"%c:\"", tag);
                continue;
            }
            while (*val == ' ' || *val == '\t')
                val++;
            if (!*val) {
                problem(m, lineno, "%c: has no value", tag);
                continue;
            }
            switch (tag) {
            case 'M':
                add_ident(m, &cur->m, &cur->m_email, &cur->m_line, val, lineno, tag);
                break;
            case 'R':
                add_ident(m, &cur->r, &cur->r_email, &cur->r_line, val, lineno, tag);
                break;
            case 'S': {
                int ok = 0;

                for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
                    ok |= !strcmp(val, statuses[i]);
                if (!ok)
                    problem(m, lineno, "S: unknown status \"%s\"", val);
                else if (cur->status)
                    problem(m, lineno, "S: given twice in section \"%s\"", cur->name);
                else
                    cur->status = xstrdup(val);
                break;
            }
            case 'F':
            case 'X':
                if (val[0] == '/' || strstr(val, "..") || strchr(val, ' '))
                    problem(m, lineno, "%c: \"%s\" is not a path pattern relative to the root", tag,
                            val);
                else if (glob_error(val))
                    problem(m, lineno, "%c: \"%s\" is not a valid pattern: %s", tag, val,
                            glob_error(val));
                else if (pattern_listed(tag == 'F' ? cur->f : cur->x,
                                        tag == 'F' ? cur->nf : cur->nx, val))
                    problem(m, lineno, "%c: \"%s\" listed twice in this section", tag, val);
                else if (tag == 'F')
                    add_pattern(&cur->f, &cur->nf, val, lineno);
                else
                    add_pattern(&cur->x, &cur->nx, val, lineno);
                break;
            default: /* L: W: T: K: V: are kept as information only */
                break;
            }
            continue;
        }
        if (cur) {
            problem(m, lineno, "want \"T:<tab>value\" inside section \"%s\"", cur->name);
            continue;
        }
        /*
         * A line that is not a tag, after a blank line: the title of the next
         * section. Before the first section, free text (the file's preamble)
         * is allowed, as in Xen's file; a preamble paragraph is only a title
         * when tags follow it, so titles are taken lazily.
         */
        if (next && next[0] && isupper((unsigned char)next[0]) && next[1] == ':') {
            m->s = xrealloc(m->s, (m->n + 1) * sizeof(*m->s));
            cur = &m->s[m->n++];
            memset(cur, 0, sizeof(*cur));
            cur->name = xstrdup(line);
            cur->line = lineno;
        } else if (m->n) {
            problem(m, lineno,
                    "text between sections (a section title must be followed by "
                    "its tags)");
        }
    }
    end_section(m, cur);
    duplicate_sections(m);
    if (!m->n)
        problem(m, lineno ? lineno : 1, "no sections");
    else if (strcmp(m->s[m->n - 1].name, THE_REST))
        problem(m, m->s[m->n - 1].line, "the last section is \"%s\", want \"%s\"",
                m->s[m->n - 1].name, THE_REST);
    else {
        const struct msection *r = &m->s[m->n - 1];

        if (!pattern_listed(r->f, r->nf, "*") || !pattern_listed(r->f, r->nf, "*/"))
            problem(m, r->line, "%s must cover every file: want \"F: *\" and \"F: */\"", THE_REST);
    }
    free(copy);
}

void maintainers_parse_strict(struct maintainers *m, const char *text, const char *what)
{
    maintainers_parse(m, text, what);
    if (m->problems.n)
        fatal("%s%s", m->problems.v[0],
              m->problems.n > 1 ? " (and more: keel-release maintainers --self-test)" : "");
}

static void pattern_free(struct mpattern *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mpattern_free(&v[i]);
    free(v);
}

void maintainers_free(struct maintainers *m)
{
    for (size_t i = 0; i < m->n; i++) {
        struct msection *s = &m->s[i];

        free(s->name);
        free(s->status);
        sl_free(&s->m);
        sl_free(&s->r);
        sl_free(&s->m_email);
        sl_free(&s->r_email);
        free(s->m_line);
        free(s->r_line);
        pattern_free(s->f, s->nf);
        pattern_free(s->x, s->nx);
    }
    free(m->s);
    free(m->what);
    sl_free(&m->problems);
    memset(m, 0, sizeof(*m));
}

int mpattern_match(const struct mpattern *p, const char *path)
{
    /* Cheap rejection first: most of a big file's patterns fail here. */
    if (strncmp(p->text, path, p->literal))
        return 0;
    if (!p->recursive)
        return fnmatch(p->text, path, FNM_PATHNAME) == 0;
    /*
     * "dir/": with FNM_LEADING_DIR, "dir" (p->glob) matches the path or a
     * leading directory of it; a path matching "dir" itself is a file, not
     * something below the directory.
     */
    return fnmatch(p->glob, path, FNM_PATHNAME | FNM_LEADING_DIR) == 0 &&
           fnmatch(p->glob, path, FNM_PATHNAME) != 0;
}

/*
 * How specific the best F: of s matching path is; -1 when s does not cover
 * path. The file itself beats any pattern; otherwise more '/' (a deeper
 * pattern), then a longer literal prefix, then a one-level glob over a
 * recursive directory.
 */
static long section_score(const struct msection *s, const char *path)
{
    long best = -1;

    for (size_t i = 0; i < s->nx; i++)
        if (mpattern_match(&s->x[i], path))
            return -1;
    for (size_t i = 0; i < s->nf; i++) {
        const struct mpattern *p = &s->f[i];
        long score;

        if (!mpattern_match(p, path))
            continue;
        /* Deeper patterns first (as get_maintainer.pl), then longer literal prefixes. */
        score = 0;
        for (const char *c = p->text; *c; c++)
            score += *c == '/' ? 100000 : 0;
        score += (long)p->literal * 2;
        if (!p->text[p->literal] && !p->recursive)
            score = 1L << 30; /* the file itself */
        else if (!p->recursive)
            score += 1; /* a one-level glob is narrower than a recursive "dir/" */
        if (score > best)
            best = score;
    }
    return best;
}

size_t maintainers_lookup(const struct maintainers *m, const char *path, size_t *idx)
{
    long *score = xcalloc(m->n, sizeof(*score));
    size_t n = 0;

    for (size_t i = 0; i < m->n; i++) {
        score[i] = section_score(&m->s[i], path);
        if (score[i] >= 0) {
            /* Insertion by score, stable for equal scores (file order). */
            size_t j = n++;

            while (j > 0 && score[idx[j - 1]] < score[i]) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = i;
        }
    }
    free(score);
    return n;
}

const struct msection *maintainers_find(const struct maintainers *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->s[i].name, name))
            return &m->s[i];
    return NULL;
}

const struct msection *maintainers_the_rest(const struct maintainers *m)
{
    return maintainers_find(m, THE_REST);
}

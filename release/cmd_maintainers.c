/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_maintainers.c - "maintainers [--json] [--file PATH] FILE...": the
 * sections covering each file, most specific first, and who may Ack it;
 * "maintainers --self-test [--file PATH]": every problem of the file, and
 * F:/X: patterns that match nothing tracked in the repository.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "gitrepo.h"
#include "maintainers.h"
#include "textcheck.h"

static void load(struct maintainers *m, const char *file, int strict)
{
    size_t len = 0;
    char *text = read_file(file, &len), *bad;

    if (!text)
        fatal("%s: cannot read", file);
    if ((bad = text_check(text, len, file)))
        fatal("%s", bad);
    if (strict)
        maintainers_parse_strict(m, text, file);
    else
        maintainers_parse(m, text, file);
    free(text);
}

/* Every path tracked in the index of the repository holding the current directory. */
static void tracked_files(struct strlist *out)
{
    git_repository *repo = repo_open();
    git_index *idx;

    if (git_repository_index(&idx, repo))
        fatal("cannot read the git index");
    for (size_t i = 0; i < git_index_entrycount(idx); i++)
        sl_push(out, xstrdup(git_index_get_byindex(idx, i)->path));
    git_index_free(idx);
    git_repository_free(repo);
}

static void unmatched(struct maintainers *m, const struct mpattern *v, size_t n, char tag,
                      const struct strlist *files)
{
    for (size_t i = 0; i < n; i++) {
        int hit = 0;

        for (size_t f = 0; f < files->n && !hit; f++)
            hit = mpattern_match(&v[i], files->v[f]);
        if (!hit)
            sl_push(&m->problems, xasprintf("%s:%u: %c: \"%s\" matches no file in the tree",
                                            m->what, v[i].line, tag, v[i].text));
    }
}

static int self_test(const char *file, int json)
{
    struct maintainers m;
    struct strlist files = {0};
    size_t nf = 0;

    load(&m, file, 0);
    tracked_files(&files);
    for (size_t i = 0; i < m.n; i++) {
        unmatched(&m, m.s[i].f, m.s[i].nf, 'F', &files);
        unmatched(&m, m.s[i].x, m.s[i].nx, 'X', &files);
        nf += m.s[i].nf;
    }
    if (json) {
        json_t *o = json_object(), *p = json_array();
        char *t;

        for (size_t i = 0; i < m.problems.n; i++)
            json_array_append_new(p, json_string(m.problems.v[i]));
        json_object_set_new(o, "file", json_string(file));
        json_object_set_new(o, "sections", json_integer((json_int_t)m.n));
        json_object_set_new(o, "patterns", json_integer((json_int_t)nf));
        json_object_set_new(o, "tracked_files", json_integer((json_int_t)files.n));
        json_object_set_new(o, "problems", p);
        t = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);
        printf("%s\n", t);
        free(t);
        json_decref(o);
    } else {
        for (size_t i = 0; i < m.problems.n; i++)
            fprintf(stderr, "%s\n", m.problems.v[i]);
        printf("maintainers: %s: %zu section(s), %zu F: pattern(s), %zu tracked file(s): %zu "
               "problem(s)\n",
               file, m.n, nf, files.n, m.problems.n);
    }
    nf = m.problems.n;
    sl_free(&files);
    maintainers_free(&m);
    return nf ? EXIT_TOOL_ERROR : 0;
}

static void print_section(const struct msection *s)
{
    printf("    %s%s%s%s\n", s->name, s->status ? " (" : "", s->status ? s->status : "",
           s->status ? ")" : "");
    for (size_t k = 0; k < s->m.n; k++)
        printf("        M: %s\n", s->m.v[k]);
    for (size_t k = 0; k < s->r.n; k++)
        printf("        R: %s\n", s->r.v[k]);
}

int cmd_maintainers(int argc, char **argv)
{
    const char *file = MAINTAINERS_PATH;
    int json = 0, test = 0;
    struct strlist paths = {0};
    struct maintainers m;
    size_t *idx;
    json_t *out;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--self-test"))
            test = 1;
        else if (!strcmp(argv[i], "--file") && i + 1 < argc)
            file = argv[++i];
        else if (argv[i][0] == '-')
            usage_error("maintainers: unexpected argument \"%s\"", argv[i]);
        else
            sl_push(&paths,
                    xstrdup(argv[i][0] == '.' && argv[i][1] == '/' ? argv[i] + 2 : argv[i]));
    }
    if (test) {
        if (paths.n)
            usage_error("maintainers --self-test: takes no files");
        return self_test(file, json);
    }
    if (!paths.n)
        usage_error("maintainers: want FILE... or --self-test");
    load(&m, file, 1);
    idx = xcalloc(m.n, sizeof(*idx));
    out = json_array();
    for (size_t p = 0; p < paths.n; p++) {
        size_t n = maintainers_lookup(&m, paths.v[p], idx);
        json_t *secs = json_array(), *ack = json_array();
        struct strlist seen = {0};

        if (!json)
            printf("%s:\n", paths.v[p]);
        for (size_t i = 0; i < n; i++) {
            const struct msection *s = &m.s[idx[i]];
            json_t *mm = json_array(), *rr = json_array();

            for (size_t k = 0; k < s->m.n; k++) {
                json_array_append_new(mm, json_string(s->m.v[k]));
                /* Each name once, at its most specific section. */
                if (!sl_contains(&seen, s->m_email.v[k])) {
                    sl_push(&seen, xstrdup(s->m_email.v[k]));
                    json_array_append_new(ack, json_string(s->m.v[k]));
                }
            }
            for (size_t k = 0; k < s->r.n; k++)
                json_array_append_new(rr, json_string(s->r.v[k]));
            json_array_append_new(secs,
                                  json_pack("{s:s,s:s?,s:o,s:o}", "section", s->name, "status",
                                            s->status, "maintainers", mm, "reviewers", rr));
            if (!json)
                print_section(s);
        }
        if (!json)
            printf("    ack: from an M: of a section above (most specific first), not the "
                   "author\n");
        sl_free(&seen);
        json_array_append_new(
            out, json_pack("{s:s,s:o,s:o}", "file", paths.v[p], "sections", secs, "ack_from", ack));
    }
    if (json) {
        char *t = json_dumps(out, JSON_INDENT(1));

        printf("%s\n", t);
        free(t);
    }
    json_decref(out);
    free(idx);
    maintainers_free(&m);
    sl_free(&paths);
    return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_deprecations.c - "deprecations [--rev REV] [--json]".
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "policy.h"
#include "project.h"

/* "path:line: ..." lines in file order, then line order. */
static int cmp_place(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    const char *cx = strchr(x, ':'), *cy = strchr(y, ':');
    size_t lx = cx ? (size_t)(cx - x) : strlen(x), ly = cy ? (size_t)(cy - y) : strlen(y);
    int c = strncmp(x, y, lx < ly ? lx : ly);

    if (c || lx != ly)
        return c ? c : (lx < ly ? -1 : 1);
    if (!cx || !cy)
        return 0;
    return (int)(strtol(cx + 1, NULL, 10) - strtol(cy + 1, NULL, 10));
}

int cmd_deprecations(int argc, char **argv)
{
    const char *rev = NULL;
    int json = 0;
    git_repository *repo;
    struct snapshot s;
    struct policy pol;
    struct project_state p;
    struct dep_report r;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--rev") && i + 1 < argc)
            rev = argv[++i];
        else
            usage_error("deprecations: unexpected argument \"%s\"", argv[i]);
    }
    repo = repo_open();
    if (rev)
        snapshot_rev(&s, repo, rev);
    else
        snapshot_worktree(&s, repo);
    policy_load(&pol, &s);
    project_load(&p, &s, NULL);
    project_validate_tags(&p, NULL);
    project_deprecations(&p, pol.deprecation_window, &r);
    if (json) {
        json_t *o = json_object(), *v = json_array(), *notes = json_array();
        char *text;

        json_object_set_new(o, "window", json_integer(pol.deprecation_window));
        json_object_set(o, "deprecated", r.deprecated);
        for (size_t i = 0; i < r.nviolations; i++) {
            json_t *f = json_object();

            json_object_set_new(f, "rule", json_string(r.violations[i].rule));
            json_object_set_new(f, "name", json_string(r.violations[i].name));
            json_object_set_new(f, "where", json_string(r.violations[i].where));
            json_object_set_new(f, "message", json_string(r.violations[i].message));
            json_array_append_new(v, f);
        }
        json_object_set_new(o, "violations", v);
        for (size_t i = 0; i < r.notes.n; i++)
            json_array_append_new(notes, json_string(r.notes.v[i]));
        json_object_set_new(o, "notes", notes);
        text = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);
        puts(text);
        free(text);
        json_decref(o);
    } else {
        printf("deprecation window: %d releases (%s)\n", pol.deprecation_window, POLICY_PATH);
        if (r.lines.n)
            qsort(r.lines.v, r.lines.n, sizeof(*r.lines.v), cmp_place);
        for (size_t i = 0; i < r.lines.n; i++)
            printf("%s\n", r.lines.v[i]);
        for (size_t i = 0; i < r.nviolations; i++)
            printf("%s: violation (%s): %s %s\n", r.violations[i].where, r.violations[i].rule,
                   r.violations[i].name, r.violations[i].message);
        for (size_t i = 0; i < r.notes.n; i++)
            printf("note: %s\n", r.notes.v[i]);
        printf("%zu deprecated item(s), %zu violation(s)\n", json_array_size(r.deprecated),
               r.nviolations);
    }
    {
        int rc = r.nviolations ? EXIT_DEPRECATION : 0;

        dep_report_free(&r);
        project_free(&p);
        policy_free(&pol);
        snapshot_free(&s);
        git_repository_free(repo);
        return rc;
    }
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_abi.c - "abi dump" and "abi diff".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi_conf.h"
#include "abi_input.h"
#include "commands.h"
#include "gitrepo.h"

/* --config FILE; NULL: release/abi.conf when there is one. */
static const char *config_path;

/* Options shared by dump and diff; returns 1 if argv[*i] was one of them. */
static int extract_option(struct extract_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];

    if (!strcmp(a, "--config") || !strcmp(a, "--include") || !strcmp(a, "--exclude") ||
        !strcmp(a, "--prelude")) {
        if (*i + 1 >= argc)
            usage_error("%s needs a value", a);
        (*i)++;
        if (!strcmp(a, "--config"))
            config_path = argv[*i];
        else
            abi_conf_option(o, a + 2, argv[*i]);
        return 1;
    }
    if (!strcmp(a, "--target") || !strcmp(a, "-I") || !strcmp(a, "-D")) {
        if (*i + 1 >= argc)
            usage_error("%s needs a value", a);
        (*i)++;
        if (!strcmp(a, "--target"))
            extract_opts_targets(o, argv[*i]);
        else if (!strcmp(a, "-I"))
            sl_push(&o->include_dirs, xstrdup(argv[*i]));
        else
            sl_push(&o->defines, xstrdup(argv[*i]));
        return 1;
    }
    if (!strcmp(a, "--keep-going")) {
        o->keep_going = 1;
        return 1;
    }
    if (!strcmp(a, "--strict")) {
        strict_partial = 1;
        return 1;
    }
    if (starts_with(a, "--target=")) {
        extract_opts_targets(o, a + 9);
        return 1;
    }
    if (starts_with(a, "-I") && a[2]) {
        sl_push(&o->include_dirs, xstrdup(a + 2));
        return 1;
    }
    if (starts_with(a, "-D") && a[2]) {
        sl_push(&o->defines, xstrdup(a + 2));
        return 1;
    }
    return 0;
}

static const char *need_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        usage_error("%s needs a value", argv[*i]);
    return argv[++*i];
}

int cmd_abi_dump(int argc, char **argv)
{
    struct extract_opts o;
    const char *rev = NULL, *dir = NULL, *out = NULL;
    struct header_set *hs;
    struct abi *abi;
    char *json;
    int rc;

    extract_opts_default(&o);
    for (int i = 0; i < argc; i++) {
        if (extract_option(&o, argc, argv, &i))
            continue;
        if (!strcmp(argv[i], "--rev"))
            rev = need_value(argc, argv, &i);
        else if (!strcmp(argv[i], "--dir"))
            dir = need_value(argc, argv, &i);
        else if (!strcmp(argv[i], "-o"))
            out = need_value(argc, argv, &i);
        else
            usage_error("abi dump: unexpected argument \"%s\"", argv[i]);
    }
    if (rev && dir)
        usage_error("abi dump: --rev and --dir exclude each other");
    abi_conf_load(&o, config_path ? config_path : ABI_CONF, config_path != NULL);
    if (rev) {
        git_repository *repo = repo_open();
        git_commit *c = repo_commit(repo, rev);

        hs = repo_headers(repo, c, PUBLIC_DIR);
        if (!hs->n)
            fatal("%s: no headers under %s/", rev, PUBLIC_DIR);
        git_commit_free(c);
        git_repository_free(repo);
    } else {
        hs = headers_from_dir(dir ? dir : PUBLIC_DIR);
    }
    abi = extract_abi(hs, &o, NULL, NULL);
    json = abi_to_json(abi);
    if (out)
        write_file_atomic(out, json, strlen(json));
    else
        fputs(json, stdout);
    free(json);
    /* The headers that parse are written; the skipped ones are listed in it. */
    rc = abi_nskipped(abi) ? EXIT_PARTIAL : 0;
    if (rc)
        warn("%zu header(s) skipped for some target: see \"skipped\" in the dump",
             abi_nskipped(abi));
    abi_free(abi);
    headers_free(hs);
    sl_free(&o.include_dirs);
    sl_free(&o.defines);
    abi_conf_free(&o);
    return rc;
}

int cmd_abi_diff(int argc, char **argv)
{
    struct extract_opts o;
    const char *specs[2] = {NULL, NULL};
    int json = 0, nspec = 0, bits;
    struct abi_input a, b;
    struct diff *d;

    extract_opts_default(&o);
    for (int i = 0; i < argc; i++) {
        if (extract_option(&o, argc, argv, &i))
            continue;
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            usage_error("abi diff: unknown option \"%s\"", argv[i]);
        else if (nspec < 2)
            specs[nspec++] = argv[i];
        else
            usage_error("abi diff: more than two ABIs given");
    }
    if (nspec != 2)
        usage_error("abi diff: want OLD and NEW");
    abi_conf_load(&o, config_path ? config_path : ABI_CONF, config_path != NULL);
    abi_input_open(&a, specs[0]);
    abi_input_open(&b, specs[1]);
    d = abi_input_diff(&a, &b, &o);
    if (json) {
        json_t *j = diff_to_json(d);
        char *text;

        json_object_set_new(j, "old", json_string(specs[0]));
        json_object_set_new(j, "new", json_string(specs[1]));
        text = json_dumps(j, JSON_INDENT(1) | JSON_SORT_KEYS);
        puts(text);
        free(text);
        json_decref(j);
    } else {
        diff_print(stdout, d);
    }
    bits = diff_exit_bits(d);
    diff_free(d);
    abi_input_close(&a);
    abi_input_close(&b);
    sl_free(&o.include_dirs);
    sl_free(&o.defines);
    abi_conf_free(&o);
    return bits;
}

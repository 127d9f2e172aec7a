/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks.c - "hooks install [--force]": a commit-msg hook that gives every new
 * commit a "Change-Id: I<40 hex>" trailer (Gerrit's convention), so that the
 * decisions recorded for a change follow it through rebases and amends.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "gitrepo.h"

static const char hook_text[] =
    "#!/bin/sh\n"
    "# keel-release commit-msg hook (keel-release hooks install): adds a\n"
    "# \"Change-Id: I<40 hex>\" trailer unless the message already has one.\n"
    "msg=\"$1\"\n"
    "if git interpret-trailers --parse <\"$msg\" | grep -qi '^Change-Id:'; then\n"
    "    exit 0\n"
    "fi\n"
    "# An empty message (only comments): let git abort the commit.\n"
    "if ! grep -qv '^[[:space:]]*\\(#.*\\)\\{0,1\\}$' \"$msg\"; then\n"
    "    exit 0\n"
    "fi\n"
    "id=I$({ git var GIT_AUTHOR_IDENT; git var GIT_COMMITTER_IDENT; cat \"$msg\";\n"
    "       date +%s%N; head -c 32 /dev/urandom; } 2>/dev/null | sha1sum | cut -c1-40)\n"
    "git interpret-trailers --in-place --trailer \"Change-Id: $id\" \"$msg\"\n";

int cmd_hooks(int argc, char **argv)
{
    int force = 0, json = 0;
    git_repository *repo;
    git_buf dir = {0};
    char *path, *old, *hooks = NULL;

    if (argc < 1 || strcmp(argv[0], "install"))
        usage_error("hooks: want \"install [--force] [--json]\"");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--force"))
            force = 1;
        else if (!strcmp(argv[i], "--json"))
            json = 1;
        else
            usage_error("hooks install: unexpected argument \"%s\"", argv[i]);
    }
    repo = repo_open();
    {
        /* core.hooksPath, when set, is where git looks (relative to the work tree). */
        git_config *cfg;

        if (git_repository_config_snapshot(&cfg, repo) == 0) {
            const char *hp;

            if (git_config_get_string(&hp, cfg, "core.hooksPath") == 0)
                hooks = hp[0] == '/' ? xstrdup(hp) : xasprintf("%s%s", repo_workdir(repo), hp);
            git_config_free(cfg);
        }
    }
    if (!hooks) {
        if (git_repository_item_path(&dir, repo, GIT_REPOSITORY_ITEM_HOOKS))
            fatal("cannot find the repository's hooks directory");
        hooks = xstrdup(dir.ptr);
    }
    mkdir(hooks, 0777);
    path = xasprintf("%s%scommit-msg", hooks, ends_with(hooks, "/") ? "" : "/");
    free(hooks);
    old = read_file(path, NULL);
    if (old && strcmp(old, hook_text) && !force)
        refuse("%s: a different commit-msg hook is installed (use --force to replace it)", path);
    write_file_atomic(path, hook_text, strlen(hook_text));
    if (chmod(path, 0755))
        fatal("%s: cannot make executable: %s", path, strerror(errno));
    if (json) {
        json_t *o = json_pack("{s:s}", "installed", path);
        char *t = json_dumps(o, JSON_SORT_KEYS);

        printf("%s\n", t);
        free(t);
        json_decref(o);
    } else {
        printf("installed %s\n", path);
    }
    free(old);
    free(path);
    git_buf_dispose(&dir);
    git_repository_free(repo);
    return 0;
}

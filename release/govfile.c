/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * govfile.c - governance files without symlinks, as clean text.
 */
#include "govfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "textcheck.h"

void govfile_no_symlink(const char *root, const char *path)
{
    char *p = xstrdup(path);

    for (char *s = p;; s++) {
        if (*s == '/' || !*s) {
            char saved = *s, *full;
            struct stat st;

            *s = '\0';
            full = xasprintf("%s%s", root, p);
            if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
                fatal("%s: a symbolic link: refused (governance files must be regular files in "
                      "the repository)",
                      p);
            free(full);
            *s = saved;
            if (!saved)
                break;
        }
    }
    free(p);
}

/* Symlinks in a commit's tree: each leading directory and the file itself. */
static void tree_no_symlink(git_commit *c, const char *path)
{
    git_tree *root;
    char *p = xstrdup(path);

    if (git_commit_tree(&root, c))
        fatal("cannot read a commit's tree");
    for (char *s = p;; s++) {
        if (*s == '/' || !*s) {
            char saved = *s;
            git_tree_entry *e;

            *s = '\0';
            if (git_tree_entry_bypath(&e, root, p) == 0) {
                int link = git_tree_entry_filemode(e) == GIT_FILEMODE_LINK;

                git_tree_entry_free(e);
                if (link)
                    fatal("%s: a symbolic link: refused (governance files must be regular "
                          "files in the repository)",
                          p);
            }
            *s = saved;
            if (!saved)
                break;
        }
    }
    free(p);
    git_tree_free(root);
}

static char *commit_read(const struct snapshot *s, const char *path, size_t *len)
{
    git_tree *root;
    git_tree_entry *e;
    git_blob *blob;
    char *text = NULL;

    if (git_commit_tree(&root, s->commit))
        fatal("cannot read a commit's tree");
    if (git_tree_entry_bypath(&e, root, path) == 0) {
        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
            git_blob_lookup(&blob, s->repo, git_tree_entry_id(e)) == 0) {
            /* Byte for byte: a NUL inside must be seen, not end the copy. */
            *len = (size_t)git_blob_rawsize(blob);
            text = xmalloc(*len + 1);
            memcpy(text, git_blob_rawcontent(blob), *len);
            text[*len] = '\0';
            git_blob_free(blob);
        }
        git_tree_entry_free(e);
    }
    git_tree_free(root);
    return text;
}

char *govfile_read(const struct snapshot *s, const char *path, const char *what, char **err)
{
    size_t len = 0;
    char *text;

    *err = NULL;
    if (s->commit) {
        tree_no_symlink(s->commit, path);
        text = commit_read(s, path, &len);
    } else {
        char *full = xasprintf("%s%s", s->base, path);

        govfile_no_symlink(s->base, path);
        text = read_file(full, &len);
        if (!text && errno != ENOENT && errno != ENOTDIR)
            fatal("%s: cannot read: %s", full, strerror(errno));
        free(full);
    }
    if (text)
        *err = text_check(text, len, what);
    return text;
}

char *govfile_read_strict(const struct snapshot *s, const char *path, const char *what)
{
    char *err, *text = govfile_read(s, path, what, &err);

    if (err)
        fatal("%s", err);
    return text;
}

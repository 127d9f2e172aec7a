/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_store.c - the on-disk ABI cache: GITDIR/keel-release/abi/TREE-KEY.json.
 *
 * A git tree id names the bytes of every header, so it and the extraction
 * options decide the ABI, as long as the extractor itself is the same: the
 * key also holds the size and modification time of this executable, so a
 * rebuilt keel-release never reads what an older one wrote. Files are
 * written through a temporary file and rename(), so a reader sees a whole
 * dump or none. Deleting the directory is always safe.
 */
#include "abi_store.h"
#include "abi_conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_DIR "keel-release/abi"

static char *store_key(const struct extract_opts *o)
{
    struct strbuf sb;
    struct stat st;
    git_oid id;
    char hex[GIT_OID_HEXSZ + 1];

    sb_init(&sb);
    sb_add(&sb, "", 0);
    sb_printf(&sb, "%s\n", ABI_FORMAT);
    if (stat("/proc/self/exe", &st) == 0)
        sb_printf(&sb, "exe %lld %lld.%09ld\n", (long long)st.st_size,
                  (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    for (size_t i = 0; i < o->ntriples; i++)
        sb_printf(&sb, "target %s\n", o->triples[i]);
    for (size_t i = 0; i < o->include_dirs.n; i++)
        sb_printf(&sb, "-I %s\n", o->include_dirs.v[i]);
    for (size_t i = 0; i < o->defines.n; i++)
        sb_printf(&sb, "-D %s\n", o->defines.v[i]);
    sb_printf(&sb, "keep-going %d\n", o->keep_going);
    abi_conf_key(o, &sb);
    if (git_odb_hash(&id, sb.buf, sb.len, GIT_OBJECT_BLOB))
        fatal("cannot hash the ABI cache key");
    git_oid_tostr(hex, sizeof(hex), &id);
    sb_free(&sb);
    return xstrndup(hex, 16);
}

static char *store_path(git_repository *repo, const git_oid *tree, const struct extract_opts *o)
{
    char *key = store_key(o), *tid = oid_str(tree);
    char *p = xasprintf("%s" STORE_DIR "/%s-%s.json", git_repository_path(repo), tid, key);

    free(key);
    free(tid);
    return p;
}

struct abi *abi_store_load(git_repository *repo, const git_oid *tree,
                           const struct extract_opts *o)
{
    char *path = store_path(repo, tree, o);
    char *text = read_file(path, NULL);
    struct abi *abi = NULL;

    if (text)
        abi = abi_from_json(text, path);
    free(text);
    free(path);
    return abi;
}

static void make_dirs(const char *path)
{
    char *p = xstrdup(path);

    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) && errno != EEXIST)
            break;
        *s = '/';
    }
    free(p);
}

void abi_store_save(git_repository *repo, const git_oid *tree, const struct extract_opts *o,
                    const struct abi *abi)
{
    char *path = store_path(repo, tree, o), *tmp, *json;
    FILE *f;

    make_dirs(path);
    json = abi_to_json(abi);
    tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    f = fopen(tmp, "wb");
    if (f) {
        int ok = fwrite(json, 1, strlen(json), f) == strlen(json);

        ok &= fclose(f) == 0;
        if (!ok || rename(tmp, path))
            unlink(tmp);
    }
    free(tmp);
    free(json);
    free(path);
}

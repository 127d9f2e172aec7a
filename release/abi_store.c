/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_store.c - the on-disk ABI cache: GITDIR/keel-release/abi/TREE-KEY.abi.
 *
 * A git tree id names the bytes of every header, so it and the extraction
 * options decide the ABI, as long as the extractor itself is the same: the
 * key also holds the size and modification time of this executable, so a
 * rebuilt keel-release never reads what an older one wrote. Files are
 * written through a temporary file and rename(), so a reader sees a whole
 * dump or none. Deleting the directory is always safe.
 *
 * The format is this tool's own, not the JSON of dump files: check reads one
 * ABI per public/ tree of the range (400 and more), and parsing JSON was
 * half of its time. It is the model field by field, every field (a stored
 * ABI is exactly the extracted one), little-endian integers and
 * length-prefixed strings. A file that does not read back whole and in order
 * (truncated, another format) is a miss: the tree is parsed again.
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
    char *p = xasprintf("%s" STORE_DIR "/%s-%s.abi", git_repository_path(repo), tid, key);

    free(key);
    free(tid);
    return p;
}

#define BIN_MAGIC "keel-abi-store 1\n"

/* ---- writing ---- */

static void put_u64(struct strbuf *sb, uint64_t v)
{
    uint8_t b[8];

    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    sb_add(sb, (const char *)b, sizeof(b));
}

/* A string: its length plus one (0 for NULL), then its bytes. */
static void put_str(struct strbuf *sb, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    put_u64(sb, s ? n + 1 : 0);
    if (s)
        sb_add(sb, s, n);
}

static void put_item(struct strbuf *sb, const struct abi_item *it)
{
    put_u64(sb, (uint64_t)it->kind);
    put_str(sb, it->name);
    put_str(sb, it->file);
    put_u64(sb, it->line);
    put_u64(sb, (uint64_t)it->derived);
    put_u64(sb, (uint64_t)it->tags.present);
    put_u64(sb, it->tags.line);
    put_str(sb, it->tags.since);
    put_str(sb, it->tags.deprecated);
    put_str(sb, it->tags.removed);
    put_str(sb, it->tags.replacement);
    put_u64(sb, it->value);
    put_u64(sb, (uint64_t)it->is_unsigned);
    put_str(sb, it->parent);
    put_str(sb, it->string);
    put_u64(sb, (uint64_t)it->size);
    put_u64(sb, (uint64_t)it->align);
    put_str(sb, it->type);
    put_str(sb, it->canonical);
    put_u64(sb, it->nmembers);
    for (size_t i = 0; i < it->nmembers; i++) {
        const struct abi_member *m = &it->members[i];

        put_str(sb, m->name);
        put_str(sb, m->type);
        put_str(sb, m->canonical);
        put_u64(sb, m->offset_bits);
        put_u64(sb, m->size);
        put_u64(sb, (uint64_t)(int64_t)m->bit_width);
    }
}

static void abi_to_bin(const struct abi *abi, struct strbuf *sb)
{
    sb_puts(sb, BIN_MAGIC);
    put_str(sb, abi->root);
    put_str(sb, abi->release);
    put_str(sb, abi->commit);
    put_u64(sb, abi->nfiles);
    for (size_t i = 0; i < abi->nfiles; i++) {
        put_str(sb, abi->files[i].path);
        put_str(sb, abi->files[i].hash);
    }
    put_u64(sb, abi->ntargets);
    for (size_t t = 0; t < abi->ntargets; t++) {
        const struct abi_target *tg = &abi->targets[t];

        put_str(sb, tg->triple);
        put_u64(sb, tg->nitems);
        for (size_t i = 0; i < tg->nitems; i++)
            put_item(sb, &tg->items[i]);
        put_u64(sb, tg->nskipped);
        for (size_t i = 0; i < tg->nskipped; i++) {
            put_str(sb, tg->skipped[i].file);
            put_str(sb, tg->skipped[i].at);
            put_str(sb, tg->skipped[i].reason);
            put_u64(sb, tg->skipped[i].lost.n);
            for (size_t k = 0; k < tg->skipped[i].lost.n; k++)
                put_str(sb, tg->skipped[i].lost.v[k]);
        }
    }
    sb_puts(sb, "end\n");
}

/* ---- reading: every step bounded; any surprise makes the file a miss ---- */

struct reader {
    const char *p, *end;
    int bad;
};

static uint64_t get_u64(struct reader *r)
{
    uint64_t v = 0;

    if (r->bad || r->end - r->p < 8) {
        r->bad = 1;
        return 0;
    }
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)(uint8_t)r->p[i] << (8 * i);
    r->p += 8;
    return v;
}

/* A count of things each at least min bytes long: never more than the rest can hold. */
static size_t get_count(struct reader *r, size_t min)
{
    uint64_t n = get_u64(r);

    if (r->bad || n > (uint64_t)(r->end - r->p) / min) {
        r->bad = 1;
        return 0;
    }
    return (size_t)n;
}

/* A malloc'd string or NULL; strings with a NUL inside are refused. */
static char *get_str(struct reader *r)
{
    uint64_t n = get_u64(r);
    char *s;

    if (r->bad || !n)
        return NULL;
    if (n - 1 > (uint64_t)(r->end - r->p) || memchr(r->p, 0, n - 1)) {
        r->bad = 1;
        return NULL;
    }
    s = xstrndup(r->p, n - 1);
    r->p += n - 1;
    return s;
}

static void get_fixed(struct reader *r, char *dst, size_t len)
{
    char *s = get_str(r);

    if (s && strlen(s) >= len)
        r->bad = 1;
    else if (s)
        memcpy(dst, s, strlen(s) + 1);
    free(s);
}

static void get_item(struct reader *r, struct abi_target *t)
{
    uint64_t kind = get_u64(r);
    char *name = get_str(r);
    struct abi_item *it;

    if (r->bad || kind > ITEM_TYPEDEF || !name) {
        r->bad = 1;
        free(name);
        return;
    }
    it = abi_add_item(t, (enum item_kind)kind, name);
    free(name);
    it->file = get_str(r);
    it->line = (unsigned)get_u64(r);
    it->derived = (int)get_u64(r);
    it->tags.present = (int)get_u64(r);
    it->tags.line = (unsigned)get_u64(r);
    get_fixed(r, it->tags.since, sizeof(it->tags.since));
    get_fixed(r, it->tags.deprecated, sizeof(it->tags.deprecated));
    get_fixed(r, it->tags.removed, sizeof(it->tags.removed));
    get_fixed(r, it->tags.replacement, sizeof(it->tags.replacement));
    it->value = get_u64(r);
    it->is_unsigned = (int)get_u64(r);
    it->parent = get_str(r);
    it->string = get_str(r);
    it->size = (int64_t)get_u64(r);
    it->align = (int64_t)get_u64(r);
    it->type = get_str(r);
    it->canonical = get_str(r);
    it->nmembers = get_count(r, 6 * 8);
    it->members = it->nmembers ? xcalloc(it->nmembers, sizeof(*it->members)) : NULL;
    for (size_t i = 0; i < it->nmembers; i++) {
        struct abi_member *m = &it->members[i];

        m->name = get_str(r);
        m->type = get_str(r);
        m->canonical = get_str(r);
        m->offset_bits = get_u64(r);
        m->size = get_u64(r);
        m->bit_width = (int)(int64_t)get_u64(r);
        /* The rest of the tool takes these three as always there. */
        if (!m->name || !m->type || !m->canonical)
            r->bad = 1;
    }
}

static struct abi *abi_from_bin(const char *data, size_t len)
{
    struct reader r = {data, data + len, 0};
    struct abi *abi;
    char *root;
    size_t n;

    if (len < sizeof(BIN_MAGIC) - 1 || memcmp(data, BIN_MAGIC, sizeof(BIN_MAGIC) - 1))
        return NULL;
    r.p += sizeof(BIN_MAGIC) - 1;
    root = get_str(&r);
    abi = abi_new(root);
    free(root);
    abi->release = get_str(&r);
    abi->commit = get_str(&r);
    n = get_count(&r, 16);
    for (size_t i = 0; i < n && !r.bad; i++) {
        char *path = get_str(&r), *hash = get_str(&r);

        if (!path || !hash || strlen(hash) >= sizeof(abi->files[0].hash))
            r.bad = 1;
        else
            abi_add_file(abi, path, hash);
        free(path);
        free(hash);
    }
    n = get_count(&r, 24);
    if (n > ABI_MAX_TARGETS)
        r.bad = 1;
    for (size_t t = 0; t < n && !r.bad; t++) {
        char *triple = get_str(&r);
        struct abi_target *tg;
        size_t ni, ns;

        if (!triple) {
            r.bad = 1;
            break;
        }
        tg = abi_add_target(abi, triple);
        free(triple);
        ni = get_count(&r, 20 * 8);
        if (ni) {
            tg->items = xmalloc(ni * sizeof(*tg->items));
            tg->cap = ni;
        }
        for (size_t i = 0; i < ni && !r.bad; i++) {
            get_item(&r, tg);
            /* Stored after abi_finish(): sorted, no duplicates, as abi_find() needs. */
            if (!r.bad && i && abi_item_cmp(&tg->items[i - 1], &tg->items[i]) >= 0)
                r.bad = 1;
        }
        ns = get_count(&r, 4 * 8);
        for (size_t i = 0; i < ns && !r.bad; i++) {
            char *file = get_str(&r), *at = get_str(&r), *reason = get_str(&r);
            size_t nl = get_count(&r, 8);

            if (!file || !at || !reason) {
                r.bad = 1;
            } else {
                struct abi_skip *k = abi_add_skip(tg, file, at, reason);

                for (size_t j = 0; j < nl && !r.bad; j++) {
                    char *s = get_str(&r);

                    if (s)
                        sl_push(&k->lost, s);
                    else
                        r.bad = 1;
                }
            }
            free(file);
            free(at);
            free(reason);
        }
    }
    if (r.bad || r.end - r.p != 4 || memcmp(r.p, "end\n", 4)) {
        abi_free(abi);
        return NULL;
    }
    return abi;
}

struct abi *abi_store_load(git_repository *repo, const git_oid *tree,
                           const struct extract_opts *o)
{
    char *path = store_path(repo, tree, o);
    size_t len = 0;
    char *text = read_file(path, &len);
    struct abi *abi = NULL;

    if (text)
        abi = abi_from_bin(text, len);
    free(text);
    free(path);
    return abi;
}

int abi_store_has(git_repository *repo, const git_oid *tree, const struct extract_opts *o)
{
    char *path = store_path(repo, tree, o);
    int has = access(path, R_OK) == 0;

    free(path);
    return has;
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
    char *path = store_path(repo, tree, o), *tmp;
    struct strbuf sb;
    FILE *f;

    make_dirs(path);
    sb_init(&sb);
    abi_to_bin(abi, &sb);
    tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    f = fopen(tmp, "wb");
    if (f) {
        int ok = fwrite(sb.buf, 1, sb.len, f) == sb.len;

        ok &= fclose(f) == 0;
        if (!ok || rename(tmp, path))
            unlink(tmp);
    }
    free(tmp);
    sb_free(&sb);
    free(path);
}

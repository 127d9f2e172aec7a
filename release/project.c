/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * project.c - loading a snapshot's ABI, releases and hypercall sources.
 */
#include "project.h"

#include "abi_conf.h"
#include "record.h"

#include <stdlib.h>
#include <string.h>

/*
 * Baselines by the bytes of their file: check loads a project at two
 * commits per change, and over a long range they all share one baseline.
 * Kept until exit (a handful at most: one per release).
 */
static struct {
    char key[CHAIN_HEX + 1];
    struct abi *abi;
} baselines[8];

static struct abi *shared_baseline(const struct snapshot *s, struct version v)
{
    char *path = xasprintf("%s/%d.%d.json", BASELINE_DIR, v.major, v.minor);
    char *text = snapshot_read(s, path, NULL), key[CHAIN_HEX + 1];
    size_t i;

    free(path);
    if (!text)
        return snapshot_baseline(s, v); /* says it is missing */
    sha256_hex(text, strlen(text), key);
    free(text);
    for (i = 0; i < sizeof(baselines) / sizeof(baselines[0]) && baselines[i].abi; i++)
        if (!strcmp(baselines[i].key, key))
            return baselines[i].abi;
    if (i == sizeof(baselines) / sizeof(baselines[0]))
        return NULL;
    memcpy(baselines[i].key, key, sizeof(key));
    baselines[i].abi = snapshot_baseline(s, v);
    return baselines[i].abi;
}

void project_load(struct project_state *p, const struct snapshot *s, struct abi *abi)
{
    struct strlist names = {0};

    memset(p, 0, sizeof(*p));
    if (abi) {
        p->abi = abi;
    } else {
        struct extract_opts o;
        struct header_set *hs = snapshot_headers(s);

        extract_opts_default(&o);
        abi_conf_snapshot(&o, s);
        p->abi = extract_abi(hs, &o, NULL, NULL);
        abi_conf_free(&o);
        p->owns_abi = 1;
        headers_free(hs);
    }
    p->nreleases = snapshot_releases(s, &p->releases);
    if (p->nreleases) {
        p->baseline = shared_baseline(s, p->releases[p->nreleases - 1]);
        if (!p->baseline) {
            p->baseline = snapshot_baseline(s, p->releases[p->nreleases - 1]);
            p->owns_baseline = 1;
        }
    }
    p->table = snapshot_read(s, HYPERCALL_TABLE, NULL);
    snapshot_list(s, IMPL_DIR, &names);
    for (size_t i = 0; i < names.n; i++) {
        char *path, *text;

        if (!ends_with(names.v[i], ".c"))
            continue;
        path = xasprintf("%s/%s", IMPL_DIR, names.v[i]);
        text = snapshot_read(s, path, NULL);
        if (text)
            sl_push(&p->impl, text);
        free(path);
    }
    sl_free(&names);
}

void project_validate_tags(const struct project_state *p, const struct version *next)
{
    const struct abi *abi = p->abi;

    for (size_t t = 0; t < abi->ntargets; t++)
        for (size_t i = 0; i < abi->targets[t].nitems; i++) {
            const struct abi_item *it = &abi->targets[t].items[i];
            const char *root = abi->root;
            char *why;

            if (!it->tags.present) {
                if (next && !it->derived)
                    fatal("%s%s%s:%u: %s %s has no @abi since= tag", root, root[0] ? "/" : "",
                          it->file, it->line, item_kind_name(it->kind), it->name);
                continue;
            }
            why = tags_check_versions(&it->tags, p->releases, p->nreleases, next);
            if (why)
                fatal("%s%s%s:%u: %s (known releases: %zu%s)", root, root[0] ? "/" : "",
                      it->file, it->tags.line, why, p->nreleases,
                      next ? ", plus the one being cut" : "");
        }
}

void project_deprecations(const struct project_state *p, int window, struct dep_report *r)
{
    struct dep_input in = {
        .now = p->abi,
        .baseline = p->baseline,
        .releases = p->releases,
        .nreleases = p->nreleases,
        .window = window,
        .hypercall_table = p->table,
        .impl_sources = &p->impl,
    };

    deprecations_evaluate(&in, r);
}

void project_free(struct project_state *p)
{
    if (p->owns_abi)
        abi_free(p->abi);
    if (p->owns_baseline)
        abi_free(p->baseline);
    free(p->releases);
    free(p->table);
    sl_free(&p->impl);
    memset(p, 0, sizeof(*p));
}

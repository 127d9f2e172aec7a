/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * extract.h - the ABI of a header set, read with libclang for each target.
 */
#ifndef KEEL_RELEASE_EXTRACT_H
#define KEEL_RELEASE_EXTRACT_H

#include "abi.h"
#include "headers.h"
#include "util.h"

#define TRIPLE_AARCH64 "aarch64-linux-gnu"
#define TRIPLE_X86_64 "x86_64-linux-gnu"

/* Compile (include) or do not compile (exclude) the headers glob matches on a target. */
struct header_rule {
    int include;
    char *triple; /* "" for every target */
    char *glob;
};

/* header (a glob) is compiled after prelude, a header of the set. */
struct header_prelude {
    char *header;
    char *prelude;
};

struct extract_opts {
    const char *triples[ABI_MAX_TARGETS];
    size_t ntriples;
    struct strlist include_dirs; /* -I, on disk */
    struct strlist defines;      /* -D NAME[=VALUE] */
    /*
     * A root header clang rejects is skipped (abi_target.skipped, a warning)
     * instead of being fatal. Foreign header sets; also any set that carries
     * no @abi tag at all, which cannot be one of ours.
     */
    int keep_going;
    /* abi_conf.h: release/abi.conf, --include/--exclude/--prelude */
    struct header_rule *rules;
    size_t nrules;
    struct header_prelude *preludes;
    size_t npreludes;
};

/* Both targets, no extra flags. */
void extract_opts_default(struct extract_opts *o);
/* "aarch64", "x86_64", "all" or a full triple; fatal usage error otherwise. */
void extract_opts_targets(struct extract_opts *o, const char *which);

/*
 * Parses the set once per target and returns its ABI. With roots non-NULL
 * only those root headers are parsed (the pre-check of abi diff), and only
 * the macros of the files in closure are evaluated.
 */
struct abi *extract_abi(const struct header_set *hs, const struct extract_opts *o,
                        const struct strlist *roots, const struct strlist *closure);

#endif

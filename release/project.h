/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * project.h - everything the rules need about one snapshot of the project:
 * its ABI, its releases and last baseline, and its hypercall sources.
 */
#ifndef KEEL_RELEASE_PROJECT_H
#define KEEL_RELEASE_PROJECT_H

#include "deprecations.h"
#include "extract.h"
#include "snapshot.h"

struct project_state {
    struct abi *abi;
    int owns_abi;
    struct version *releases;
    size_t nreleases;
    struct abi *baseline; /* the last release's, or NULL before the first release */
    int owns_baseline;    /* else shared by every project of this run (project.c) */
    char *table;          /* hypercall-defs.h, NULL if absent */
    struct strlist impl;  /* texts of the .c files in xen/common/ */
};

/* Loads a snapshot; abi may be given (cached) or NULL to extract it. */
void project_load(struct project_state *p, const struct snapshot *s, struct abi *abi);
/*
 * Validates every item's tag versions against the releases: each is a release
 * or, when next is NULL, later than the last one; when next is given it is
 * the release being cut and every item must carry since=. Fatal, naming the
 * item's file:line, on the first problem.
 */
void project_validate_tags(const struct project_state *p, const struct version *next);
void project_deprecations(const struct project_state *p, int window, struct dep_report *r);
void project_free(struct project_state *p);

#endif

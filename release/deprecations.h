/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * deprecations.h - deprecation windows and the rules around removing items.
 */
#ifndef KEEL_RELEASE_DEPRECATIONS_H
#define KEEL_RELEASE_DEPRECATIONS_H

#include <jansson.h>

#include "abi.h"
#include "util.h"

/* What the rules look at; every pointer but now may be NULL. */
struct dep_input {
    const struct abi *now;       /* the headers examined */
    const struct abi *baseline;  /* the last release's baseline */
    const struct version *releases; /* releases with a baseline, ascending */
    size_t nreleases;
    int window;                  /* governance/policy deprecation_window */
    const char *hypercall_table; /* text of hypercall-defs.h, NULL if absent */
    const struct strlist *impl_sources; /* texts of the .c files in xen/common/ */
};

struct dep_finding {
    char *rule; /* "removed-before-window", ... */
    char *name;
    char *where; /* "public/version.h:35" */
    char *message;
};

struct dep_report {
    json_t *deprecated; /* one object per deprecated item */
    struct dep_finding *violations;
    size_t nviolations;
    struct strlist notes; /* checks that could not run, and why */
    struct strlist lines; /* the human listing of deprecated items */
};

void deprecations_evaluate(const struct dep_input *in, struct dep_report *out);
/* "X.Y" of the release from which an item deprecated in d may leave the headers. */
struct version deprecation_end(struct version d, int window);
/* A sub-op name is implemented: "case NAME:" or "[NAME] =" in a source text. */
int impl_mentions(const char *text, const char *name);
/* Names a hypercall table line HYPERCALL(NAME, ...) carries. */
int table_mentions(const char *text, const char *name);
void dep_report_free(struct dep_report *r);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gate.h - the governance verdict of one change at one snapshot: MAINTAINERS,
 * the policy's rule parameters and the change's record, read from the same
 * revision (or work tree), evaluated, and reported as text or JSON. Shared by
 * "check" and "review status".
 */
#ifndef KEEL_RELEASE_GATE_H
#define KEEL_RELEASE_GATE_H

#include <jansson.h>
#include <stdio.h>

#include "governance.h"
#include "policy.h"
#include "snapshot.h"

struct gate_env {
    struct maintainers m;
    struct gov_params params;
    struct signers signers;    /* governance/allowed_signers (empty when absent) */
    git_repository *repo;      /* for signed_from */
    git_commit *signed_from;   /* policy signed_from: records as of this commit are history */
};

/*
 * Reads MAINTAINERS (strict: any problem is fatal), governance/allowed_signers
 * and the policy's rule keys.
 */
void gate_env_load(struct gate_env *g, const struct snapshot *s, const struct policy *p);
void gate_env_free(struct gate_env *g);
/* The rule parameters from the policy (referee_quorum); fatal when malformed. */
void gate_params(const struct policy *p, struct gov_params *out);
/*
 * The policy's governed_after (this commit and its ancestors predate the
 * rules): 1 with *out set, 0 when absent; fatal when it names no commit.
 */
int gate_governed_after(const struct policy *p, git_repository *repo, git_oid *out);
/* The same for signed_from. */
int gate_signed_from(const struct policy *p, git_repository *repo, git_oid *out);

/* The record's path and text at s (NULL text when there is none yet). */
char *gate_record_path(const char *change_id);
/*
 * How many leading entries of r (at path) were already in the change's record
 * at the policy's signed_from commit (the same chain values): unsigned history.
 */
size_t gate_history(const struct gate_env *g, const char *path, const struct record *r);
/* Reads and replays the change's record at s into st. */
void gate_evaluate(const struct gate_env *g, const struct snapshot *s, const struct gov_change *ch,
                   struct gov_state *st);

/* Report lines (no indentation), and the JSON object, for one change. */
void gate_lines(const struct gov_state *st, const struct gov_summary *sum, struct strlist *out);
/* s as a JSON string: escaped (textcheck.h) when it is not valid UTF-8, never NULL. */
json_t *json_text(const char *s);
json_t *gate_json(const struct gov_state *st, const struct gov_summary *sum);

#endif

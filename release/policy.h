/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * policy.h - governance/policy: "key = value" lines, '#' comments. Part 1
 * reads deprecation_window; the governance rules (part 2) read their own
 * keys from the same file. A key no part reads is refused with file:line.
 */
#ifndef KEEL_RELEASE_POLICY_H
#define KEEL_RELEASE_POLICY_H

#include "snapshot.h"

#define DEFAULT_DEPRECATION_WINDOW 2

struct policy {
    int deprecation_window; /* releases a deprecated item stays in the headers */
    struct strlist keys, values;
    unsigned *lines; /* of each key, for messages */
    char *what;      /* the file, for messages */
};

/*
 * Parses policy text; what names the file in messages. A line that is not
 * "key = value", a repeated key or a bad deprecation_window is fatal.
 */
void policy_parse(struct policy *p, const char *text, const char *what);
/* Reads governance/policy from a snapshot; a missing file is fatal. */
void policy_load(struct policy *p, const struct snapshot *s);
const char *policy_get(const struct policy *p, const char *key);
/* The line a key is on (0 when absent). */
unsigned policy_line(const struct policy *p, const char *key);
void policy_free(struct policy *p);

#endif

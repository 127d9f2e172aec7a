/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * maintainers.h - the MAINTAINERS file (Xen/Linux format) and who covers a
 * path. A section is a title line followed by "T:<tab>value" lines; M: and
 * R: are "Name <email>" identities, F: and X: path patterns (fnmatch with
 * FNM_PATHNAME, so '*' stays within one directory; a trailing '/' covers
 * everything below). X: is checked before F:. The last section, THE REST,
 * covers every file ("F: *" and "F: *" followed by a slash) and its
 * maintainers are the referees.
 */
#ifndef KEEL_RELEASE_MAINTAINERS_H
#define KEEL_RELEASE_MAINTAINERS_H

#include <stddef.h>

#include "util.h"

#define MAINTAINERS_PATH "MAINTAINERS"
#define THE_REST "THE REST"

struct mpattern {
    char *text;
    char *glob; /* text without the trailing '/' of a recursive pattern */
    unsigned line;
    size_t literal; /* length of the prefix before the first wildcard */
    int recursive;  /* ended in '/' */
};

struct msection {
    char *name;
    unsigned line;
    char *status;
    struct strlist m, r;             /* identities, as written */
    struct strlist m_email, r_email; /* their addresses, lower case */
    unsigned *m_line, *r_line;
    struct mpattern *f, *x;
    size_t nf, nx;
};

struct maintainers {
    char *what; /* file name for messages */
    struct msection *s;
    size_t n;
    struct strlist problems; /* "file:line: message", found while parsing */
};

/* Parses text; problems are collected in m->problems, never fatal. */
void maintainers_parse(struct maintainers *m, const char *text, const char *what);
/* Parses and makes any problem fatal (first one named). */
void maintainers_parse_strict(struct maintainers *m, const char *text, const char *what);
void maintainers_free(struct maintainers *m);

void mpattern_init(struct mpattern *p, const char *text, unsigned line);
void mpattern_free(struct mpattern *p);
/* Whether pattern p (of F: or X:) matches path. */
int mpattern_match(const struct mpattern *p, const char *path);
/*
 * The sections covering path, most specific first (the file named exactly,
 * then the deepest matching F: pattern, then the longest literal prefix).
 * Fills idx (room for m->n) and returns the count.
 */
size_t maintainers_lookup(const struct maintainers *m, const char *path, size_t *idx);
const struct msection *maintainers_the_rest(const struct maintainers *m);
const struct msection *maintainers_find(const struct maintainers *m, const char *name);

/*
 * "Name <user@host>": on success returns 0 and, when email is not NULL,
 * stores the address in lower case (owned).
 */
int ident_parse(const char *ident, char **email);
/* Whether s lists email (lower case). */
int email_in(const struct strlist *emails, const char *email);

#endif

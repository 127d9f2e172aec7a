/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * textcheck.h - the governance files (MAINTAINERS, governance/policy,
 * governance/allowed_signers, records) are UTF-8 text lines. A NUL byte
 * would silently end the C string the parsers see, a CR or another control
 * character can make one line print as two, and invalid UTF-8 cannot be put
 * in JSON: each is refused with the file and line, never truncated.
 */
#ifndef KEEL_RELEASE_TEXTCHECK_H
#define KEEL_RELEASE_TEXTCHECK_H

#include <stddef.h>

/*
 * NULL when the len bytes of text are clean UTF-8 lines (tab allowed),
 * else an allocated "what:line: message".
 */
char *text_check(const char *text, size_t len, const char *what);
/* The same for a piece of a file whose first line is line (whole lines only). */
char *text_check_at(const char *text, size_t len, const char *what, unsigned line);
/* The same check for one value given on the command line (no newline either). */
char *value_check(const char *value, const char *what);
/* Whether s is valid UTF-8 (no NUL inside: s is a C string). */
int utf8_valid(const char *s);
/*
 * s for display: control characters and invalid bytes as \xNN, a backslash
 * doubled, so a value can never imitate a line of tool output.
 */
char *text_escape(const char *s);

#endif

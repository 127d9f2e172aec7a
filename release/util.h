/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.h - error reporting, memory, strings and release numbers shared by
 * every keel-release sub-command.
 */
#ifndef KEEL_RELEASE_UTIL_H
#define KEEL_RELEASE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit status bits (DESIGN section 3b). */
#define EXIT_TOOL_ERROR 1
#define EXIT_USAGE 2
#define EXIT_COMPATIBLE 4
#define EXIT_INCOMPATIBLE 8
#define EXIT_DEPRECATION 16
#define EXIT_GOVERNANCE 32
/*
 * Not a bit: review refused an entry (the rules or its signature do not
 * allow it) or hooks install a hook. Distinct from a tool error (1) and a
 * usage error (2), which cannot both happen.
 */
#define EXIT_REFUSED 3
/*
 * Internal only, never an exit status: some foreign headers were skipped
 * (clang rejected them for a target). DESIGN fixes the exit bits, so
 * exit_status() turns this into nothing (a warning was printed and the JSON
 * lists the skipped headers) or, with --strict, into EXIT_TOOL_ERROR.
 */
#define EXIT_PARTIAL 64

/* Set by --strict (abi dump, abi diff, check). */
extern int strict_partial;

/* The exit status for a command's verdict bits. */
int exit_status(int bits);

/*
 * Bad input ends the program with one line naming the place and status 1.
 * Output files are only ever written by rename at the very end, so exiting
 * from anywhere leaves nothing half-written.
 */
__attribute__((noreturn, format(printf, 1, 2))) void fatal(const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2))) void usage_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void warn(const char *fmt, ...);
/* The command refuses to do what it was asked: one line, status EXIT_REFUSED. */
__attribute__((noreturn, format(printf, 1, 2))) void refuse(const char *fmt, ...);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
__attribute__((format(printf, 1, 0))) char *xvasprintf(const char *fmt, va_list ap);
__attribute__((format(printf, 1, 2))) char *xasprintf(const char *fmt, ...);

/* A growable string. */
struct strbuf {
    char *buf;
    size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
__attribute__((format(printf, 2, 3))) void sb_printf(struct strbuf *sb, const char *fmt, ...);
void sb_free(struct strbuf *sb);

/* A growable array of owned strings. */
struct strlist {
    char **v;
    size_t n, cap;
};
void sl_push(struct strlist *sl, char *owned);
int sl_contains(const struct strlist *sl, const char *s);
void sl_sort(struct strlist *sl);
void sl_free(struct strlist *sl);

int starts_with(const char *s, const char *prefix);
int ends_with(const char *s, const char *suffix);

/* Read a whole file; NULL (errno set) if it cannot be read. */
char *read_file(const char *path, size_t *len);
/* Write data to path through a temporary file and rename(); fatal on error. */
void write_file_atomic(const char *path, const char *data, size_t len);
/* mkdir -p: path and its missing parents; fatal when one cannot be made. */
void mkdir_p(const char *path);

/* A release number "X.Y". */
struct version {
    int major, minor;
};
/* 0 on success, -1 if s is not "X.Y" with decimal X and Y. */
int version_parse(const char *s, struct version *v);
int version_cmp(struct version a, struct version b);

#endif

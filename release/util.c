/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.c - error reporting, memory, strings and release numbers.
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

static void vreport(const char *fmt, va_list ap)
{
    fputs("keel-release: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void fatal(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(EXIT_TOOL_ERROR);
}

void refuse(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(EXIT_REFUSED);
}

void usage_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    fputs("keel-release: run 'keel-release help' for usage\n", stderr);
    exit(EXIT_USAGE);
}

int strict_partial;

int exit_status(int bits)
{
    if (!(bits & EXIT_PARTIAL))
        return bits;
    bits &= ~EXIT_PARTIAL;
    return strict_partial ? bits | EXIT_TOOL_ERROR : bits;
}

void warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("keel-release: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        fatal("out of memory");
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        fatal("out of memory");
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        fatal("out of memory");
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;

    if (vasprintf(&s, fmt, ap) < 0)
        fatal("out of memory");
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void sb_init(struct strbuf *sb)
{
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
    if (sb->len + n + 1 > sb->cap) {
        sb->cap = (sb->len + n + 1) * 2;
        sb->buf = xrealloc(sb->buf, sb->cap);
    }
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_puts(sb, s);
    free(s);
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb_init(sb);
}

void sl_push(struct strlist *sl, char *owned)
{
    if (sl->n == sl->cap) {
        sl->cap = sl->cap ? sl->cap * 2 : 16;
        sl->v = xrealloc(sl->v, sl->cap * sizeof(*sl->v));
    }
    sl->v[sl->n++] = owned;
}

int sl_contains(const struct strlist *sl, const char *s)
{
    for (size_t i = 0; i < sl->n; i++)
        if (!strcmp(sl->v[i], s))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void sl_sort(struct strlist *sl)
{
    if (sl->n)
        qsort(sl->v, sl->n, sizeof(*sl->v), cmp_str);
}

void sl_free(struct strlist *sl)
{
    for (size_t i = 0; i < sl->n; i++)
        free(sl->v[i]);
    free(sl->v);
    sl->v = NULL;
    sl->n = sl->cap = 0;
}

int starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);

    return ls >= lx && !strcmp(s + ls - lx, suffix);
}

#define HUGE_PAGE ((uintptr_t)2 << 20)

char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct strbuf sb;
    struct stat st;
    ssize_t n;

    if (fd < 0)
        return NULL;
    sb_init(&sb);
    /* Sized once and read in place: a 20 MB record is neither copied nor grown. */
    sb.cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
                 ? (size_t)st.st_size + 1
                 : 65536;
    sb.buf = xmalloc(sb.cap);
    if (sb.cap >= ((size_t)4 << 20)) {
        /*
         * A long record (20 MB at 40 000 entries): in 2 MiB pages, faulted in
         * a few times instead of once per 4 KiB page, which took longer
         * than the reading itself.
         */
        uintptr_t a = ((uintptr_t)sb.buf + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
        uintptr_t e = ((uintptr_t)sb.buf + sb.cap) & ~(uintptr_t)(HUGE_PAGE - 1);

        if (e > a)
            madvise((void *)a, e - a, MADV_HUGEPAGE);
    }
    for (;;) {
        char more[4096];

        if (sb.len + 1 < sb.cap)
            n = read(fd, sb.buf + sb.len, sb.cap - sb.len - 1);
        else /* full: whatever follows (a file that grew) is appended */
            n = read(fd, more, sizeof(more));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (sb.len + 1 < sb.cap)
            sb.len += (size_t)n;
        else
            sb_add(&sb, more, (size_t)n);
    }
    if (n < 0) {
        int e = errno;

        close(fd);
        sb_free(&sb);
        errno = e;
        return NULL;
    }
    close(fd);
    sb.buf[sb.len] = '\0';
    if (len)
        *len = sb.len;
    return sb.buf;
}

void write_file_atomic(const char *path, const char *data, size_t len)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");

    if (!f)
        fatal("%s: cannot create: %s", tmp, strerror(errno));
    if (fwrite(data, 1, len, f) != len || fflush(f) || fsync(fileno(f))) {
        int e = errno;

        fclose(f);
        unlink(tmp);
        fatal("%s: cannot write: %s", tmp, strerror(e));
    }
    if (fclose(f) || rename(tmp, path)) {
        int e = errno;

        unlink(tmp);
        fatal("%s: cannot write: %s", path, strerror(e));
    }
    free(tmp);
}

void mkdir_p(const char *path)
{
    char *p = xstrdup(path);

    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) && errno != EEXIST)
            fatal("%s: cannot create: %s", p, strerror(errno));
        *s = '/';
    }
    if (mkdir(p, 0777) && errno != EEXIST)
        fatal("%s: cannot create: %s", p, strerror(errno));
    free(p);
}

int version_parse(const char *s, struct version *v)
{
    char *end;
    long major, minor;

    if (!isdigit((unsigned char)s[0]))
        return -1;
    major = strtol(s, &end, 10);
    if (*end != '.' || !isdigit((unsigned char)end[1]))
        return -1;
    minor = strtol(end + 1, &end, 10);
    if (*end || major > 9999 || minor > 9999)
        return -1;
    v->major = (int)major;
    v->minor = (int)minor;
    return 0;
}

int version_cmp(struct version a, struct version b)
{
    if (a.major != b.major)
        return a.major < b.major ? -1 : 1;
    if (a.minor != b.minor)
        return a.minor < b.minor ? -1 : 1;
    return 0;
}

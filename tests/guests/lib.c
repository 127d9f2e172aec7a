// SPDX-License-Identifier: GPL-2.0-only
/* Freestanding helpers shared by every test guest: strings, printf, TAP. */
#include "guest.h"

unsigned int tap_count, tap_failed;

void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;

    while (n--)
        *p++ = (unsigned char)c;
    return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    while (n--)
        *dp++ = *sp++;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

static void put(char *buf, size_t size, size_t *pos, char c)
{
    if (*pos + 1 < size)
        buf[*pos] = c;
    (*pos)++;
}

/* %d %u %x %lx %ld %lu %s %c %p %%, with an optional field width and '0'. */
int gvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    size_t pos = 0;

    for (; *fmt; fmt++) {
        char tmp[24];
        unsigned long long v;
        int width = 0, len = 0, neg = 0, base = 10, lng = 0;
        char pad = ' ';
        const char *s;

        if (*fmt != '%') {
            put(buf, size, &pos, *fmt);
            continue;
        }
        fmt++;
        if (*fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        switch (*fmt) {
        case 's':
            s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            for (len = (int)strlen(s); width > len; width--)
                put(buf, size, &pos, ' ');
            while (*s)
                put(buf, size, &pos, *s++);
            continue;
        case 'c':
            put(buf, size, &pos, (char)va_arg(ap, int));
            continue;
        case '%':
            put(buf, size, &pos, '%');
            continue;
        case 'd': {
            long long sv = lng ? va_arg(ap, long) : va_arg(ap, int);

            neg = sv < 0;
            v = neg ? -(unsigned long long)sv : (unsigned long long)sv;
            break;
        }
        case 'p':
            v = (unsigned long)va_arg(ap, void *);
            base = 16;
            put(buf, size, &pos, '0');
            put(buf, size, &pos, 'x');
            break;
        case 'x':
            base = 16;
            /* fall through */
        case 'u':
            v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            break;
        default:
            put(buf, size, &pos, '?');
            continue;
        }
        do {
            tmp[len++] = "0123456789abcdef"[v % base];
            v /= base;
        } while (v);
        if (neg)
            tmp[len++] = '-';
        for (; width > len; width--)
            put(buf, size, &pos, pad);
        while (len)
            put(buf, size, &pos, tmp[--len]);
    }
    if (size)
        buf[pos < size ? pos : size - 1] = '\0';
    return (int)pos;
}

int gsnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = gvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void gprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = gvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    HYPERVISOR_console_io(CONSOLEIO_write, (unsigned long)n, buf);
}

void guest_shutdown(unsigned int reason)
{
    struct sched_shutdown s = {reason};

    HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
    guest_poweroff();
}

void tap_ok(int pass, const char *fmt, ...)
{
    char desc[160];
    va_list ap;

    va_start(ap, fmt);
    gvsnprintf(desc, sizeof(desc), fmt, ap);
    va_end(ap);
    tap_count++;
    if (!pass)
        tap_failed++;
    gprintf("%sok %u - %s\n", pass ? "" : "not ", tap_count, desc);
}

void tap_plan_end(void)
{
    gprintf("1..%u\n", tap_count);
}

char *strstr_simple(const char *h, const char *n)
{
    size_t len = strlen(n);

    for (; *h; h++)
        if (!strncmp(h, n, len))
            return (char *)h;
    return NULL;
}

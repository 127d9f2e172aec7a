// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test guest's small libc: output through the emulated COM1 (polling
 * its line status register like a driver for real hardware would), a
 * printf subset and TAP helpers.
 */
#include "guest.h"

#define COM1 0x3f8

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

const char *strstr(const char *h, const char *n)
{
    size_t ln = strlen(n);

    for (; *h; h++)
        if (!memcmp(h, n, ln))
            return h;
    return ln ? NULL : h;
}

struct out {
    char *buf;
    size_t size, len;
};

static void emit(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void emit_num(struct out *o, unsigned long v, unsigned int base, int neg)
{
    char tmp[24];
    int i = 0;

    if (neg)
        emit(o, '-');
    do {
        tmp[i++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (i)
        emit(o, tmp[--i]);
}

/* %s %c %d %u %x with an optional l; enough for TAP lines. */
static int gvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = {buf, size, 0};

    for (; *fmt; fmt++) {
        int lng = 0;

        if (*fmt != '%') {
            emit(&o, *fmt);
            continue;
        }
        if (*++fmt == 'l') {
            lng = 1;
            fmt++;
        }
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);

            while (s && *s)
                emit(&o, *s++);
            break;
        }
        case 'c':
            emit(&o, (char)va_arg(ap, int));
            break;
        case 'd': {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);

            emit_num(&o, v < 0 ? -(unsigned long)v : (unsigned long)v, 10, v < 0);
            break;
        }
        case 'u':
            emit_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int), 10, 0);
            break;
        case 'x':
            emit_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int), 16, 0);
            break;
        default:
            emit(&o, '%');
            emit(&o, *fmt);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
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

static void com1_write(const char *s)
{
    for (; *s; s++) {
        while (!(inb(COM1 + 5) & 0x20)) /* LSR.THRE */
            ;
        outb(COM1, (uint8_t)*s);
    }
}

void gprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    gvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    com1_write(buf);
}

void ok(int cond, const char *fmt, ...)
{
    char buf[200];
    va_list ap;

    va_start(ap, fmt);
    gvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    tap_count++;
    if (!cond)
        tap_failed++;
    gprintf("%sok %u - %s\n", cond ? "" : "not ", tap_count, buf);
}

void tap_done(void)
{
    gprintf("1..%u\n", tap_count);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small vsnprintf: what printk and the console need, no floating point.
 * Output beyond the buffer is counted but not stored, as C99 specifies.
 */
#include <xen/lib.h>
#include <xen/string.h>

struct out {
    char *buf;
    size_t size;
    size_t len; /* characters the full output has so far */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };

static void put_number(struct out *o, unsigned long long v, bool neg, unsigned int base,
                       bool upper, int flags, int width, int prec)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, sign = 0, prefix = 0, zeros;

    if (v == 0 && prec != 0)
        tmp[n++] = '0';
    for (; v; v /= base)
        tmp[n++] = digits[v % base];
    if (neg || (flags & (F_PLUS | F_SPACE)))
        sign = 1;
    if ((flags & F_ALT) && base == 16 && n && !(n == 1 && tmp[0] == '0'))
        prefix = 2;
    zeros = prec > n ? prec - n : 0;
    if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0)
        zeros = MAX(zeros, width - n - sign - prefix);
    if (!(flags & F_LEFT))
        put_repeat(o, ' ', width - n - sign - prefix - zeros);
    if (sign)
        put(o, neg ? '-' : (flags & F_PLUS) ? '+' : ' ');
    if (prefix) {
        put(o, '0');
        put(o, upper ? 'X' : 'x');
    }
    put_repeat(o, '0', zeros);
    while (n)
        put(o, tmp[--n]);
    /* Left-justified padding is added by the caller, which knows the start. */
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = {buf, size, 0};

    for (; *fmt; fmt++) {
        int flags = 0, width = -1, prec = -1, lmod = 0;
        size_t start;

        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        for (;;) {
            char f = *++fmt;

            if (f == '-')
                flags |= F_LEFT;
            else if (f == '0')
                flags |= F_ZERO;
            else if (f == '+')
                flags |= F_PLUS;
            else if (f == ' ')
                flags |= F_SPACE;
            else if (f == '#')
                flags |= F_ALT;
            else
                break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                flags |= F_LEFT;
                width = -width;
            }
            fmt++;
        } else {
            for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
                width = width * 10 + (*fmt - '0');
        }
        if (*fmt == '.') {
            fmt++;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
                    prec = prec * 10 + (*fmt - '0');
            }
        }
        /* lmod: -2 hh, -1 h, 0 int, 1 long, 2 long long, 3 size_t */
        if (*fmt == 'h') {
            lmod = -1;
            if (*++fmt == 'h') {
                lmod = -2;
                fmt++;
            }
        } else if (*fmt == 'l') {
            lmod = 1;
            if (*++fmt == 'l') {
                lmod = 2;
                fmt++;
            }
        } else if (*fmt == 'z') {
            lmod = 3;
            fmt++;
        }

        start = o.len;
        switch (*fmt) {
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            /*
             * One va_arg per argument width (each costs some forty bytes of
             * AArch64 code): long, long long and size_t are all 64 bits
             * in the LP64 ABIs Keel and its tests build for.
             */
            unsigned long long v = lmod == 2 ? va_arg(ap, unsigned long long)
                                   : lmod >= 1 ? va_arg(ap, unsigned long)
                                               : va_arg(ap, unsigned int);
            bool is_signed = *fmt == 'd' || *fmt == 'i';
            unsigned int base = *fmt == 'o' ? 8 : *fmt == 'x' || *fmt == 'X' ? 16 : 10;
            long long sv;

            BUILD_BUG_ON(sizeof(size_t) != sizeof(unsigned long) || sizeof(long) != 8);
            if (lmod == -1)
                v = (unsigned short)v;
            else if (lmod == -2)
                v = (unsigned char)v;
            if (!is_signed) {
                put_number(&o, v, false, base, *fmt == 'X', flags & ~(F_PLUS | F_SPACE), width,
                           prec);
                break;
            }
            sv = lmod == -1 ? (short)v
                 : lmod == -2 ? (signed char)v /* NOLINT(bugprone-signed-char-misuse): %hhd */
                 : lmod == 0 ? (int)v
                             : (long long)v;
            put_number(&o, sv < 0 ? 0ULL - (unsigned long long)sv : (unsigned long long)sv,
                       sv < 0, 10, false, flags, width, prec);
            break;
        }
        case 'p':
            put_number(&o, (unsigned long long)(uintptr_t)va_arg(ap, void *), false, 16, false,
                       F_ALT, width, prec);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            size_t n;

            if (!s)
                s = "(null)";
            n = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
            if (!(flags & F_LEFT))
                put_repeat(&o, ' ', width - (int)n);
            while (n--)
                put(&o, *s++);
            break;
        }
        case 'c':
            if (!(flags & F_LEFT))
                put_repeat(&o, ' ', width - 1);
            put(&o, (char)va_arg(ap, int));
            break;
        case '%':
            put(&o, '%');
            break;
        case '\0':
            fmt--; /* a lone '%' at the end: stop at the terminator */
            break;
        default: /* unknown conversion: print it as written */
            put(&o, '%');
            put(&o, *fmt);
            break;
        }
        if ((flags & F_LEFT) && *fmt != '%')
            put_repeat(&o, ' ', width - (int)(o.len - start));
    }
    if (o.size)
        o.buf[o.len < o.size ? o.len : o.size - 1] = '\0';
    return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

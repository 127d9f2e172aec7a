/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * textcheck.c - refusing NUL, CR, control characters and invalid UTF-8.
 */
#include "textcheck.h"

#include <stdint.h>
#include <string.h>

#include "util.h"

/*
 * Length of the UTF-8 sequence at p (at most n bytes), 0 when invalid:
 * overlong forms, surrogates and values above U+10FFFF are refused
 * (RFC 3629 section 4, the syntax of UTF8-octets).
 */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min, v;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, min = 0x80, v = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, min = 0x800, v = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, min = 0x10000, v = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    return len;
}

int utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);

    for (size_t i = 0; i < n;) {
        size_t l = utf8_len(p + i, n - i);

        if (!l)
            return 0;
        i += l;
    }
    return 1;
}

static const char *bad_byte(unsigned char c, int newline_ok)
{
    if (c == 0)
        return "a NUL byte";
    if (c == '\r')
        return "a carriage return (CR)";
    if (c == '\n')
        return newline_ok ? NULL : "a newline";
    if (c == '\t')
        return NULL;
    if (c < 0x20 || c == 0x7f)
        return "a control character";
    return NULL;
}

char *text_check(const char *text, size_t len, const char *what)
{
    return text_check_at(text, len, what, 1);
}

char *text_check_at(const char *text, size_t len, const char *what, unsigned line)
{
    const unsigned char *p = (const unsigned char *)text;

    for (size_t i = 0; i < len;) {
        const char *bad;
        size_t l;

        /*
         * Printable ASCII, nearly every byte of a record: nothing to decide.
         * Eight bytes at a time while none is below 0x20 or above 0x7e
         * (the word tests of "Bit Twiddling Hacks", hasless and hasmore).
         */
        while (len - i >= 8) {
            uint64_t w;

            memcpy(&w, p + i, 8);
            if ((((w - 0x2020202020202020ull) & ~w) | (w + 0x0101010101010101ull) | w) &
                0x8080808080808080ull)
                break;
            i += 8;
        }
        while (i < len && p[i] >= 0x20 && p[i] < 0x7f)
            i++;
        if (i == len)
            break;
        bad = bad_byte(p[i], 1);
        if (bad)
            return xasprintf("%s:%u: %s (byte 0x%02x): not a text line", what, line, bad, p[i]);
        l = utf8_len(p + i, len - i);
        if (!l)
            return xasprintf("%s:%u: invalid UTF-8 (byte 0x%02x)", what, line, p[i]);
        line += p[i] == '\n';
        i += l;
    }
    return NULL;
}

char *value_check(const char *value, const char *what)
{
    const unsigned char *p = (const unsigned char *)value;
    size_t n = strlen(value);

    for (size_t i = 0; i < n;) {
        const char *bad = bad_byte(p[i], 0);
        size_t l;

        if (bad)
            return xasprintf("%s holds %s (byte 0x%02x)", what, bad, p[i]);
        l = utf8_len(p + i, n - i);
        if (!l)
            return xasprintf("%s is not valid UTF-8 (byte 0x%02x)", what, p[i]);
        i += l;
    }
    return NULL;
}

char *text_escape(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    struct strbuf sb;

    sb_init(&sb);
    sb_add(&sb, "", 0);
    for (size_t i = 0; i < n;) {
        size_t l = p[i] < 0x80 ? 1 : utf8_len(p + i, n - i);

        if (p[i] == '\\') {
            sb_puts(&sb, "\\\\");
            i++;
        } else if (!l || p[i] < 0x20 || p[i] == 0x7f) {
            sb_printf(&sb, "\\x%02x", p[i]);
            i++;
        } else {
            sb_add(&sb, s + i, l);
            i += l;
        }
    }
    return sb.buf;
}

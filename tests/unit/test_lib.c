/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's libc subset: kvsnprintf and the string functions. */
#include <stdarg.h>
#include <string.h>

#include <xen/lib.h>

#include "helpers.h"

/* xen/common/lib/string.c built under these names (string_rename.h). */
void *keel_memcpy(void *dst, const void *src, size_t n);
void *keel_memmove(void *dst, const void *src, size_t n);
void *keel_memset(void *s, int c, size_t n);
int keel_memcmp(const void *a, const void *b, size_t n);
void *keel_memchr(const void *s, int c, size_t n);
size_t keel_strlen(const char *s);
size_t keel_strnlen(const char *s, size_t max);
int keel_strcmp(const char *a, const char *b);
int keel_strncmp(const char *a, const char *b, size_t n);
char *keel_strchr(const char *s, int c);
char *keel_strrchr(const char *s, int c);
unsigned long keel_strtoul(const char *s, char **end, int base);
/* strlcpy keeps its name: the host C library (glibc 2.36) has none. */
size_t strlcpy(char *dst, const char *src, size_t size);

static char out[128];

/* For formats the compiler's format check rightly rejects: no attribute here. */
static int raw_format(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(out, sizeof(out), fmt, ap);
    va_end(ap);
    return n;
}

#define FMT(expect, ...)                                                                           \
    do {                                                                                           \
        int n_ = ksnprintf(out, sizeof(out), __VA_ARGS__);                                         \
        CU_ASSERT_STRING_EQUAL(out, expect);                                                       \
        CU_ASSERT_EQUAL(n_, (int)strlen(expect));                                                  \
    } while (0)

static void test_integers(void)
{
    FMT("0 -1 42", "%d %i %u", 0, -1, 42U);
    FMT("-2147483648", "%d", (int)0x80000000);
    FMT("4294967295", "%u", 0xffffffffU);
    FMT("ff FF 0xff 17", "%x %X %#x %o", 255U, 255U, 255U, 15U);
    FMT("00042|42   |   42|+7| 7", "%05d|%-5d|%5d|%+d|% d", 42, 42, 42, 7, 7);
    FMT("-0042", "%05d", -42);
    FMT("0007", "%.4d", 7);
    FMT("18446744073709551615 -9223372036854775808", "%llu %lld", ~0ULL, (long long)(1ULL << 63));
    FMT("123 fffffffffffffffe", "%zu %lx", (size_t)123, ~1UL);
    FMT("65535 255", "%hu %hhu", 0x1ffffU, 0x1ffU);
    FMT("-1 -1", "%hd %hhd", 0xffff, 0xff);
    FMT("0x1234", "%p", (void *)0x1234);
    FMT("   7", "%*d", 4, 7);
    FMT("7   |", "%*d|", -4, 7);
    FMT("", "%.0d", 0);
    FMT("0", "%#x", 0U);
}

static void test_strings_and_chars(void)
{
    FMT("abc|  abc|abc  |ab", "%s|%5s|%-5s|%.2s", "abc", "abc", "abc", "abc");
    CU_ASSERT_EQUAL(raw_format("%s", (char *)NULL), 6);
    CU_ASSERT_STRING_EQUAL(out, "(null)");
    FMT("x|  y|z  |%", "%c|%3c|%-3c|%%", 'x', 'y', 'z');
    CU_ASSERT_EQUAL(raw_format("%q"), 2);
    CU_ASSERT_STRING_EQUAL(out, "%q");
    CU_ASSERT_EQUAL(raw_format("end%"), 3);
    CU_ASSERT_STRING_EQUAL(out, "end");
    FMT("ab", "%.*s", 2, "abcdef");
}

static void test_truncation(void)
{
    char small[5];

    CU_ASSERT_EQUAL(ksnprintf(small, sizeof(small), "%s", "abcdefgh"), 8);
    CU_ASSERT_STRING_EQUAL(small, "abcd");
    CU_ASSERT_EQUAL(ksnprintf(small, sizeof(small), "%d", 123456), 6);
    CU_ASSERT_STRING_EQUAL(small, "1234");
    small[0] = 'q';
    CU_ASSERT_EQUAL(ksnprintf(small, 0, "abc"), 3);
    CU_ASSERT_EQUAL(small[0], 'q');
}

static void test_mem(void)
{
    char b[16] = "0123456789";

    CU_ASSERT_PTR_EQUAL(keel_memmove(b + 2, b, 5), b + 2);
    CU_ASSERT_EQUAL(memcmp(b, "0101234789", 10), 0);
    keel_memmove(b, b + 2, 5);
    CU_ASSERT_EQUAL(memcmp(b, "0123434789", 10), 0);
    keel_memmove(b, b, 3);
    keel_memmove(b, b + 1, 0);
    keel_memcpy(b, "abc", 3);
    CU_ASSERT_EQUAL(memcmp(b, "abc3434789", 10), 0);
    keel_memset(b, 'z', 2);
    CU_ASSERT_EQUAL(b[1], 'z');
    CU_ASSERT_EQUAL(keel_memcmp("ab", "ab", 2), 0);
    CU_ASSERT(keel_memcmp("ab", "ac", 2) < 0);
    CU_ASSERT(keel_memcmp("\xff", "\x01", 1) > 0);
    CU_ASSERT_PTR_EQUAL(keel_memchr(b, '7', 10), b + 7);
    CU_ASSERT_PTR_NULL(keel_memchr(b, '7', 7));
}

static void test_str(void)
{
    char d[8];
    char *end;

    CU_ASSERT_EQUAL(keel_strlen(""), 0);
    CU_ASSERT_EQUAL(keel_strlen("abc"), 3);
    CU_ASSERT_EQUAL(keel_strnlen("abcdef", 3), 3);
    CU_ASSERT_EQUAL(keel_strnlen("ab", 3), 2);
    CU_ASSERT_EQUAL(keel_strcmp("abc", "abc"), 0);
    CU_ASSERT(keel_strcmp("abc", "abd") < 0);
    CU_ASSERT(keel_strcmp("abcd", "abc") > 0);
    CU_ASSERT_EQUAL(keel_strncmp("abcX", "abcY", 3), 0);
    CU_ASSERT(keel_strncmp("abcX", "abcY", 4) < 0);
    CU_ASSERT_EQUAL(keel_strncmp("ab", "ab", 10), 0);
    CU_ASSERT_STRING_EQUAL(keel_strchr("a/b/c", '/'), "/b/c");
    CU_ASSERT_STRING_EQUAL(keel_strrchr("a/b/c", '/'), "/c");
    CU_ASSERT_PTR_NULL(keel_strchr("abc", 'z'));
    CU_ASSERT_PTR_NULL(keel_strrchr("abc", 'z'));
    CU_ASSERT_EQUAL(*keel_strchr("abc", '\0'), '\0');
    CU_ASSERT_EQUAL(strlcpy(d, "0123456789", sizeof(d)), 10);
    CU_ASSERT_STRING_EQUAL(d, "0123456");
    CU_ASSERT_EQUAL(strlcpy(d, "ab", sizeof(d)), 2);
    CU_ASSERT_STRING_EQUAL(d, "ab");
    CU_ASSERT_EQUAL(strlcpy(d, "xyz", 0), 3);
    CU_ASSERT_STRING_EQUAL(d, "ab");
    CU_ASSERT_EQUAL(keel_strtoul("  1234xyz", &end, 10), 1234);
    CU_ASSERT_STRING_EQUAL(end, "xyz");
    CU_ASSERT_EQUAL(keel_strtoul("0x1fG", &end, 0), 0x1f);
    CU_ASSERT_EQUAL(*end, 'G');
    CU_ASSERT_EQUAL(keel_strtoul("0755", NULL, 0), 0755);
    CU_ASSERT_EQUAL(keel_strtoul("ff", NULL, 16), 255);
    CU_ASSERT_EQUAL(keel_strtoul("0x", &end, 16), 0);
    CU_ASSERT_STRING_EQUAL(end, "x");
    CU_ASSERT_EQUAL(keel_strtoul("Zz", NULL, 36), 35 * 36 + 35);
}

/* Every alignment of source and destination, every length up to 3 words. */
static void test_mem_alignments(void)
{
    static unsigned char src[64], dst[64], want[64];
    size_t so, d_off, n, i;

    for (i = 0; i < sizeof(src); i++)
        src[i] = (unsigned char)(i * 13 + 1);
    for (so = 0; so < 8; so++) {
        for (d_off = 0; d_off < 8; d_off++) {
            for (n = 0; n <= 24; n++) {
                memset(dst, 0xee, sizeof(dst));
                memset(want, 0xee, sizeof(want));
                memcpy(want + d_off, src + so, n);
                CU_ASSERT_PTR_EQUAL(keel_memcpy(dst + d_off, src + so, n), dst + d_off);
                CU_ASSERT_EQUAL_FATAL(memcmp(dst, want, sizeof(dst)), 0);
                memset(want + d_off, 0x5c, n);
                CU_ASSERT_PTR_EQUAL(keel_memset(dst + d_off, 0x15c, n), dst + d_off);
                CU_ASSERT_EQUAL_FATAL(memcmp(dst, want, sizeof(dst)), 0);
            }
        }
    }
}

int register_lib_tests(void)
{
    CU_pSuite s = CU_add_suite("lib", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_integers);
    ADD_TEST(s, test_strings_and_chars);
    ADD_TEST(s, test_truncation);
    ADD_TEST(s, test_mem);
    ADD_TEST(s, test_mem_alignments);
    ADD_TEST(s, test_str);
    return 0;
}

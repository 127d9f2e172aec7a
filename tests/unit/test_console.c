/* SPDX-License-Identifier: GPL-2.0-only */
/* console_io (18) and the console's line handling. */
#include <string.h>

#include <public/xen.h>
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>

#include "helpers.h"

#define BUF 0x3000

static long cio(unsigned int cmd, unsigned int count, uint64_t buf)
{
    return hcall(__HYPERVISOR_console_io, cmd, count, buf, 0, 0);
}

static long guest_write(struct domain *d, const char *s)
{
    memcpy(gmem(d, BUF), s, strlen(s));
    return cio(CONSOLEIO_write, (unsigned int)strlen(s), gva(BUF));
}

static void test_write_lines(void)
{
    test_reset();
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "hello\nwor"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) hello\n");
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "ld\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) hello\n(d1) world\n");
    run_as(dom_plain);
    CU_ASSERT_EQUAL(guest_write(dom_plain, "two\n"), 0);
    CU_ASSERT(console_has("(d2) two\n"));
}

static void test_interleaved_domains_keep_lines_whole(void)
{
    test_reset();
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "first half "), 0);
    run_as(dom_plain);
    CU_ASSERT_EQUAL(guest_write(dom_plain, "other\n"), 0);
    run_as(dom_ctl);
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "second half\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d2) other\n(d1) first half second half\n");
}

static void test_long_line_is_split(void)
{
    char line[300];

    test_reset();
    memset(line, 'z', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\0';
    CU_ASSERT_EQUAL(guest_write(dom_ctl, line), 0);
    /* 299 bytes: two full 128-byte lines flushed, 43 bytes still pending. */
    CU_ASSERT_EQUAL(fake_console_len, 2 * (5 + 128 + 1));
    CU_ASSERT_EQUAL(dom_ctl->con_len, 299 - 256);
    console_guest_flush(dom_ctl);
    CU_ASSERT_EQUAL(fake_console_len, 2 * (5 + 128 + 1) + 5 + 43 + 1);
}

static void test_control_chars_dropped(void)
{
    test_reset();
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "a\x1b[2Jb\r\tc\x7f\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) a[2Jb\tc\n");
}

static void test_write_errors(void)
{
    test_reset();
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, 0, 0), 0);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, 5, 0), -XEN_EFAULT);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, 16, gva(TEST_RAM_BYTES - 8)), -XEN_EFAULT);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, CONSOLE_IO_MAX + 1, gva(BUF)), -XEN_E2BIG);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, 0xffffffffU, gva(BUF)), -XEN_E2BIG);
    CU_ASSERT_EQUAL(cio(7, 1, gva(BUF)), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(fake_console_len, 0);
}

static void test_write_max(void)
{
    test_reset();
    memset(gmem(dom_ctl, BUF), 'm', CONSOLE_IO_MAX);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, CONSOLE_IO_MAX, gva(BUF)), 0);
    CU_ASSERT_EQUAL(fake_console_len, (CONSOLE_IO_MAX / 128) * (5 + 128 + 1));
}

static void test_write_faults_midway(void)
{
    test_reset();
    /* The second page does not translate: the first chunks print, then -EFAULT. */
    memset(gmem(dom_ctl, BUF), 'q', 4096);
    fake_unmapped_page = (gva(BUF) >> 12) + 1;
    CU_ASSERT_EQUAL(cio(CONSOLEIO_write, 4096 + 10, gva(BUF)), -XEN_EFAULT);
}

static void feed(const char *s)
{
    for (; *s; s++)
        console_rx_char(*s);
}

static void test_read(void)
{
    test_reset();
    feed("abc");
    memset(gmem(dom_ctl, BUF), 0, 16);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, 2, gva(BUF)), 2);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), "ab", 2), 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[2], 0);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, 16, gva(BUF)), 1);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[0], 'c');
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, 16, gva(BUF)), 0);
}

static void test_read_denied_and_faults(void)
{
    test_reset();
    feed("xy");
    run_as(dom_plain);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, 2, gva(BUF)), -XEN_EPERM);
    run_as(dom_ctl);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, 2, 0), -XEN_EFAULT);
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, CONSOLE_IO_MAX + 1, gva(BUF)), -XEN_E2BIG);
    /* A failed read loses no input. */
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, 2, gva(BUF)), 2);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, BUF), "xy", 2), 0);
}

static void test_read_ring_overflow(void)
{
    unsigned int i;

    test_reset();
    for (i = 0; i < CONSOLE_RX_RING + 10; i++)
        console_rx_char((char)('0' + i % 10));
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, CONSOLE_RX_RING * 2, gva(BUF)), CONSOLE_RX_RING);
    /* The 10 oldest bytes gave way: the first one left is byte 10, a '0'. */
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[0], '0');
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[CONSOLE_RX_RING - 1], '0' + (CONSOLE_RX_RING + 9) % 10);
}

static void test_printk_prefix(void)
{
    test_reset();
    printk("one\ntwo ");
    printk("%d\n", 3);
    CU_ASSERT_STRING_EQUAL(fake_console, "(XEN) one\n(XEN) two 3\n");
    /* A guest line never lands in the middle of a hypervisor line. */
    printk("partial");
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "g\n"), 0);
    CU_ASSERT(console_has("(XEN) partial\n(d1) g\n"));
}

int register_console_tests(void)
{
    CU_pSuite s = CU_add_suite("console_io", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_write_lines);
    ADD_TEST(s, test_interleaved_domains_keep_lines_whole);
    ADD_TEST(s, test_long_line_is_split);
    ADD_TEST(s, test_control_chars_dropped);
    ADD_TEST(s, test_write_errors);
    ADD_TEST(s, test_write_max);
    ADD_TEST(s, test_write_faults_midway);
    ADD_TEST(s, test_read);
    ADD_TEST(s, test_read_denied_and_faults);
    ADD_TEST(s, test_read_ring_overflow);
    ADD_TEST(s, test_printk_prefix);
    return 0;
}

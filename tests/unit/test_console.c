/* SPDX-License-Identifier: GPL-2.0-only */
/* console_io (18) and the console's line handling. */
#include <stdio.h>
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

static void feed(const char *s)
{
    for (; *s; s++)
        console_rx_char(*s);
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

static void test_prompt_shown_when_its_writer_waits(void)
{
    unsigned int blocks;

    test_reset();
    console_input_focus_default(); /* as at boot */
    blocks = dom_ctl->arch.blocks;
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "login: "), 0);
    CU_ASSERT_EQUAL(fake_console_len, 0); /* it may go on: not yet */
    vcpu_idle(&dom_ctl->vcpu[0]);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) login: ");
    vcpu_idle(&dom_ctl->vcpu[0]); /* nothing new: nothing again */
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) login: ");
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "ro"), 0);
    vcpu_idle(&dom_ctl->vcpu[0]);
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "ot\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) login: root\n");
    CU_ASSERT_EQUAL(dom_ctl->arch.blocks, blocks + 3); /* and it did wait each time */
}

static void test_shown_line_cut_by_others_goes_on_on_a_line_of_its_own(void)
{
    test_reset();
    console_input_focus_default(); /* as at boot */
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "# "), 0);
    vcpu_idle(&dom_ctl->vcpu[0]);
    run_as(dom_plain);
    CU_ASSERT_EQUAL(guest_write(dom_plain, "other\n"), 0);
    run_as(dom_ctl);
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "ls"), 0);
    vcpu_idle(&dom_ctl->vcpu[0]);
    printk("note\n");
    CU_ASSERT_EQUAL(guest_write(dom_ctl, " /\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) # \n(d2) other\n(d1) ls\n(XEN) note\n(d1)  /\n");
    /* Shown whole but for its newline, then cut: nothing is printed twice. */
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "all of it"), 0);
    vcpu_idle(&dom_ctl->vcpu[0]);
    printk("cut\n");
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "\nnext\n"), 0);
    CU_ASSERT(console_has("(d1)  /\n(d1) all of it\n(XEN) cut\n(d1) next\n"));
}

static void test_line_waits_unless_focused_and_its_writer_waits(void)
{
    test_reset();
    console_input_focus_default(); /* as at boot */
    dom_plain->console.takes_input = true;
    run_as(dom_plain);
    CU_ASSERT_EQUAL(guest_write(dom_plain, "half"), 0);
    vcpu_idle(&dom_plain->vcpu[0]); /* the focus is the control domain's */
    CU_ASSERT_EQUAL(fake_console_len, 0);
    feed("\x01\x01\x01");
    CU_ASSERT_PTR_EQUAL(console_input_focus(), dom_plain);
    fake_console_clear();
    vcpu_idle(&dom_plain->vcpu[1]); /* not the vCPU that wrote it */
    CU_ASSERT_EQUAL(fake_console_len, 0);
    vcpu_idle(&dom_plain->vcpu[0]);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d2) half");
    console_guest_flush(dom_plain);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d2) half\n");
    dom_plain->console.takes_input = false;
    run_as(dom_ctl);
}

static void test_prompt_of_the_next_taker_once_the_focused_domain_ended(void)
{
    test_reset();
    console_input_focus_default(); /* the control domain's */
    dom_plain->console.takes_input = true;
    dom_ctl->state = DOMAIN_SHUTDOWN; /* it ends: the focus moves on when next asked */
    run_as(dom_plain);
    CU_ASSERT_EQUAL(guest_write(dom_plain, "$ "), 0);
    vcpu_idle(&dom_plain->vcpu[0]);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d2) $ ");
    console_guest_flush(dom_plain);
    dom_ctl->state = DOMAIN_RUNNING;
    dom_plain->console.takes_input = false;
    run_as(dom_ctl);
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
    CU_ASSERT_EQUAL(dom_ctl->console.len, 299 - 256);
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

static void test_read_buffer_keeps_a_long_line(void)
{
    unsigned int i;
    long got = 0, n;

    test_reset();
    /* A 4,000-byte pasted line: all of it waits for the guest. */
    for (i = 0; i < 4000; i++)
        console_rx_char((char)('a' + i % 26));
    CU_ASSERT_EQUAL(console_input_pending(dom_ctl), 4000);
    while ((n = cio(CONSOLEIO_read, 1000, gva(BUF + (uint64_t)got))) > 0)
        got += n;
    CU_ASSERT_EQUAL(got, 4000);
    for (i = 0; i < 4000; i++)
        if (gmem(dom_ctl, BUF)[i] != 'a' + i % 26)
            break;
    CU_ASSERT_EQUAL(i, 4000);
    CU_ASSERT_FALSE(console_input_overrun(dom_ctl));
}

static void test_read_buffer_overrun(void)
{
    unsigned int i;

    test_reset();
    for (i = 0; i < CONSOLE_IN_SIZE + 10; i++)
        console_rx_char((char)('0' + i % 10));
    /* What did not fit is dropped, and the guest is told once. */
    CU_ASSERT_TRUE(console_input_overrun(dom_ctl));
    CU_ASSERT_FALSE(console_input_overrun(dom_ctl));
    CU_ASSERT_EQUAL(cio(CONSOLEIO_read, CONSOLE_IN_SIZE * 2, gva(BUF)), CONSOLE_IN_SIZE);
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[0], '0');
    CU_ASSERT_EQUAL(gmem(dom_ctl, BUF)[CONSOLE_IN_SIZE - 1], '0' + (CONSOLE_IN_SIZE - 1) % 10);
}

static void test_input_focus_switch(void)
{
    test_reset();
    dom_plain->console.takes_input = true;
    console_input_focus_default();
    CU_ASSERT_PTR_EQUAL(console_input_focus(), dom_ctl); /* the control domain first */
    feed("ab\x01\x01\x01" "cd");
    CU_ASSERT_PTR_EQUAL(console_input_focus(), dom_plain);
    CU_ASSERT_PTR_EQUAL(fake_console_focused, dom_plain);
    CU_ASSERT(console_has("(XEN) *** Serial input to d2 (plain) (type 'CTRL-a' three times to switch input)\n"));
    CU_ASSERT_EQUAL(console_input_pending(dom_ctl), 2);
    CU_ASSERT_EQUAL(console_input_pending(dom_plain), 2);
    CU_ASSERT_EQUAL(console_input_getc(dom_plain), 'c');
    /* One or two Ctrl-A followed by something else are input like any byte. */
    feed("\x01x\x01\x01y");
    CU_ASSERT_EQUAL(console_input_pending(dom_plain), 1 + 5);
    CU_ASSERT_EQUAL(console_input_getc(dom_plain), 'd');
    CU_ASSERT_EQUAL(console_input_getc(dom_plain), 1);
    CU_ASSERT_EQUAL(console_input_getc(dom_plain), 'x');
    /* Around the ring and back. */
    feed("\x01\x01\x01");
    CU_ASSERT_PTR_EQUAL(console_input_focus(), dom_ctl);
    /* A domain that takes no input is never focused. */
    dom_plain->console.takes_input = false;
    feed("\x01\x01\x01");
    CU_ASSERT_PTR_EQUAL(console_input_focus(), dom_ctl);
    CU_ASSERT(fake_console_inputs > 0);
}

static void flood(struct domain *d, unsigned int bytes)
{
    unsigned int i;

    run_as(d);
    for (i = 0; i < CONSOLE_IO_MAX; i++)
        gmem(d, BUF)[i] = i % 128 == 127 ? '\n' : 'f';
    for (; bytes; bytes -= MIN(bytes, (unsigned int)CONSOLE_IO_MAX))
        CU_ASSERT_EQUAL(cio(CONSOLEIO_write, MIN(bytes, (unsigned int)CONSOLE_IO_MAX), gva(BUF)), 0);
}

static void test_write_continues_in_slices(void)
{
    unsigned long restarts;

    test_reset();
    restarts = fake_hcall_restarts;
    flood(dom_ctl, CONSOLE_IO_MAX);
    /* 512 slices of 128 bytes: one entry and 511 re-entries. */
    CU_ASSERT_EQUAL(fake_hcall_restarts - restarts, 511);
    CU_ASSERT_EQUAL(fake_console_len, (CONSOLE_IO_MAX / 128) * (5 + 127 + 1));
}

static void test_output_rate_limit(void)
{
    size_t before;

    test_reset();
    fake_time_ns = 1000000000ULL; /* a clock that stands still unless moved */
    console_domain_init(dom_ctl);
    console_domain_init(dom_plain);
    /* 1 MiB from d1 at once: the burst goes out, the rest is dropped. */
    flood(dom_ctl, 16 * CONSOLE_IO_MAX);
    CU_ASSERT_EQUAL(fake_console_len, (CONSOLE_OUT_BURST / 128) * (5 + 127 + 1));
    /* The other domain's budget is its own. */
    before = fake_console_len;
    run_as(dom_plain);
    CU_ASSERT_EQUAL(guest_write(dom_plain, "still here\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console + before, "(d2) still here\n");
    /* One second later d1 may write 16 KiB again; it first hears what was lost. */
    fake_time_ns += 1000000000ULL;
    run_as(dom_ctl);
    before = fake_console_len;
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "back\n"), 0);
    CU_ASSERT_STRING_EQUAL(fake_console + before,
                           "(XEN) d1: 983040 bytes of console output dropped (rate limit)\n"
                           "(d1) back\n");
}

static void test_cut_line_is_not_glued_to_the_next(void)
{
    static char big[CONSOLE_OUT_BURST + 64];

    test_reset();
    fake_time_ns = 1000000000ULL;
    console_domain_init(dom_ctl);
    /*
     * "a\n", then x's: the budget ends 126 bytes into a line (511 lines of
     * 128 went out) whose last 64 bytes are dropped.
     */
    memset(big, 'x', sizeof(big));
    big[0] = 'a';
    big[1] = '\n';
    console_guest_write(dom_ctl, big, sizeof(big));
    fake_console_clear();
    fake_time_ns += 1000000000ULL;
    CU_ASSERT_EQUAL(guest_write(dom_ctl, "ok 1 - next line\n"), 0);
    CU_ASSERT(console_has("(d1) ok 1 - next line\n"));
    CU_ASSERT(console_has("(XEN) d1: 190 bytes of console output dropped (rate limit)\n"));
}

static void test_dropped_said_once_a_second(void)
{
    unsigned int i, said = 0;
    const char *p;

    test_reset();
    fake_time_ns = 1000000000ULL;
    console_domain_init(dom_ctl);
    flood(dom_ctl, 2 * CONSOLE_IO_MAX); /* the burst goes out, the rest is dropped */
    fake_console_clear();
    /*
     * It keeps flooding, 10 ms apart, for 0.5 s: each time a little gets
     * through as the budget refills, but what was dropped is said once.
     */
    for (i = 0; i < 50; i++) {
        fake_time_ns += 10000000ULL;
        flood(dom_ctl, CONSOLE_IO_MAX);
    }
    for (p = fake_console; (p = strstr(p, "bytes of console output dropped")); p++)
        said++;
    CU_ASSERT_EQUAL(said, 1);
    CU_ASSERT(console_has("(d1) fff"));
}

static void test_guest_caused_lines_limited(void)
{
    unsigned int i;

    test_reset();
    fake_time_ns = 5000000000ULL;
    console_domain_init(dom_plain);
    for (i = 0; i < CONSOLE_LOG_BURST + 7; i++)
        printk_guest(dom_plain, "d2: line %u\n", i);
    CU_ASSERT(console_has("(XEN) d2: line 19\n"));
    CU_ASSERT(!console_has("(XEN) d2: line 20\n"));
    fake_time_ns += 1000000000ULL;
    printk_guest(dom_plain, "d2: later\n");
    CU_ASSERT(console_has("(XEN) d2: 7 messages suppressed (rate limit)\n(XEN) d2: later\n"));
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
    ADD_TEST(s, test_prompt_shown_when_its_writer_waits);
    ADD_TEST(s, test_shown_line_cut_by_others_goes_on_on_a_line_of_its_own);
    ADD_TEST(s, test_line_waits_unless_focused_and_its_writer_waits);
    ADD_TEST(s, test_prompt_of_the_next_taker_once_the_focused_domain_ended);
    ADD_TEST(s, test_long_line_is_split);
    ADD_TEST(s, test_control_chars_dropped);
    ADD_TEST(s, test_write_errors);
    ADD_TEST(s, test_write_max);
    ADD_TEST(s, test_write_faults_midway);
    ADD_TEST(s, test_read);
    ADD_TEST(s, test_read_denied_and_faults);
    ADD_TEST(s, test_read_buffer_keeps_a_long_line);
    ADD_TEST(s, test_read_buffer_overrun);
    ADD_TEST(s, test_input_focus_switch);
    ADD_TEST(s, test_write_continues_in_slices);
    ADD_TEST(s, test_output_rate_limit);
    ADD_TEST(s, test_guest_caused_lines_limited);
    ADD_TEST(s, test_cut_line_is_not_glued_to_the_next);
    ADD_TEST(s, test_dropped_said_once_a_second);
    ADD_TEST(s, test_printk_prefix);
    return 0;
}

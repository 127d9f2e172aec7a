/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console's output: hypervisor messages ("(XEN) ..."), guests' output one
 * whole line at a time ("(dN) ..."), each domain within its own budget, and
 * console_io, the hypercall behind a guest's writes and the control
 * domain's reads of console input (console_input.c holds the input side).
 *
 * One exception to whole lines: the domain with the input focus, when the
 * vCPU that wrote an unfinished line waits for an interrupt or its UART
 * driver stops transmitting, has that start of a line shown at once (a
 * shell's prompt, "Password: "), as Xen writes its interactive domain's
 * output straight through. Whatever else is printed before the line ends
 * first ends the shown part with a newline, and the rest of the line comes
 * later on a line of its own ("(dN) rest"): no line in the log is ever two
 * guests' text glued together, and no text is printed twice. Each showing
 * needs new bytes from the guest, counted in its budget.
 */
#include <public/xen.h>
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/string.h>

/* Serialises everything written to the console device. */
static spinlock_t console_lock = SPINLOCK_INIT;
/* Whether the next hypervisor byte starts a line (console_lock). */
static bool at_line_start = true;
/* The domain whose shown, unfinished line the console's cursor ends (console_lock). */
static struct domain *open_line_of;

/* Caller holds console_lock: what comes next starts on a line of its own. */
static void end_partial_line(void)
{
    if (!at_line_start || open_line_of) {
        arch_console_write("\n", 1);
        at_line_start = true;
        open_line_of = NULL;
    }
}

/* Caller holds console_lock. */
static void print_locked(const char *buf, size_t len)
{
    const char *p, *end = buf + len;

    if (open_line_of)
        end_partial_line();

    for (p = buf; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl + 1 : end;

        if (at_line_start)
            arch_console_write("(XEN) ", 6);
        arch_console_write(p, (size_t)(stop - p));
        at_line_start = nl != NULL;
        p = stop;
    }
}

static size_t format(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = kvsnprintf(buf, size, fmt, ap);

    return n < 0 ? 0 : MIN((size_t)n, size - 1);
}

void printk(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = format(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    spin_lock(&console_lock);
    print_locked(buf, n);
    spin_unlock(&console_lock);
}

static void refuse(const char *pre, const char *node, const char *outcome, const char *fmt,
                   va_list ap)
{
    char reason[192];

    format(reason, sizeof(reason), fmt, ap);
    printk("%s%s: %s: %s\n", pre, node, reason, outcome);
}

void printk_refuse_guest(const char *node, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    refuse("", node, "guest not created", fmt, ap);
    va_end(ap);
}

void printk_refuse_pool(const char *node, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    refuse("chosen: ", node, "pool not created", fmt, ap);
    va_end(ap);
}

void console_domain_init(struct domain *d)
{
    struct guest_console *c = &d->console;
    uint64_t now = arch_time_ns();

    spin_lock(&console_lock);
    c->len = 0;
    c->shown = 0;
    ratelimit_init(&c->out_limit, CONSOLE_OUT_BURST, CONSOLE_OUT_PER_SEC, now);
    ratelimit_init(&c->log_limit, CONSOLE_LOG_BURST, CONSOLE_LOG_PER_SEC, now);
    c->dropped_said_ns = 0;
    spin_unlock(&console_lock);
    console_input_init(d);
}

/*
 * Caller holds console_lock: say once what d's budgets held back, except
 * the last `keep` bytes, which the write under way has just lost (they are
 * reported with the next one).
 */
static void report_refused(struct domain *d, uint64_t keep)
{
    char buf[96];
    uint64_t bytes = ratelimit_refused(&d->console.out_limit) - keep;
    uint64_t lines = ratelimit_refused(&d->console.log_limit);

    d->console.out_limit.refused = keep;
    int n;

    if (bytes) {
        n = ksnprintf(buf, sizeof(buf), "d%u: %llu bytes of console output dropped (rate limit)\n",
                      d->domain_id, (unsigned long long)bytes);
        end_partial_line();
        print_locked(buf, (size_t)n);
    }
    if (lines) {
        n = ksnprintf(buf, sizeof(buf), "d%u: %llu messages suppressed (rate limit)\n",
                      d->domain_id, (unsigned long long)lines);
        end_partial_line();
        print_locked(buf, (size_t)n);
    }
}

void printk_guest(struct domain *d, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    size_t n;

    spin_lock(&console_lock);
    if (!ratelimit_take(&d->console.log_limit, 1, arch_time_ns())) {
        spin_unlock(&console_lock);
        return;
    }
    report_refused(d, 0);
    va_start(ap, fmt);
    n = format(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    print_locked(buf, n);
    spin_unlock(&console_lock);
}

/*
 * Caller holds console_lock: what of d's line is not on the console yet,
 * after its shown part if the console's cursor still ends that, else on a
 * line of its own. false: nothing was left (shown whole, and another's
 * output has ended its line).
 */
static bool show_guest_line(struct domain *d)
{
    struct guest_console *c = &d->console;
    char prefix[16];
    int n;

    if (open_line_of != d) {
        if (c->shown && c->len == c->shown)
            return false;
        end_partial_line();
        n = ksnprintf(prefix, sizeof(prefix), "(d%u) ", d->domain_id);
        arch_console_write(prefix, (size_t)n);
    }
    arch_console_write(c->line + c->shown, c->len - c->shown);
    return true;
}

/* Caller holds console_lock. */
static void flush_guest_line(struct domain *d)
{
    if (show_guest_line(d))
        arch_console_write("\n", 1);
    open_line_of = NULL;
    d->console.len = 0;
    d->console.shown = 0;
}

void console_guest_idle(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct guest_console *c = &d->console;

    /*
     * Unlocked: the common case, nothing unshown, costs two loads. The
     * focus before console_lock (set_focus() may print); asked, not just
     * read, so that it moves on from a domain that has ended.
     */
    if (__atomic_load_n(&c->len, __ATOMIC_RELAXED) == __atomic_load_n(&c->shown, __ATOMIC_RELAXED) ||
        __atomic_load_n(&c->writer, __ATOMIC_RELAXED) != (int)v->vcpu_id || console_input_focus() != d)
        return;
    spin_lock(&console_lock);
    if (c->len > c->shown) {
        show_guest_line(d);
        open_line_of = d;
        __atomic_store_n(&c->shown, c->len, __ATOMIC_RELAXED);
    }
    spin_unlock(&console_lock);
}

static bool printable(unsigned char c)
{
    /* Tabs and everything from space up except DEL; UTF-8 bytes pass. */
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* The bytes of s that would reach the console: what the budget is spent on. */
static uint32_t output_bytes(const char *s, size_t len)
{
    uint32_t n = 0;

    for (; len; len--, s++)
        n += *s == '\n' || printable((unsigned char)*s);
    return n;
}

void console_guest_write(struct domain *d, const char *s, size_t len)
{
    struct guest_console *c = &d->console;
    const struct vcpu *w = current;
    uint32_t want = output_bytes(s, len), may, cut;
    uint64_t now;

    if (!want)
        return;
    spin_lock(&console_lock);
    /* Whose line it is: only that vCPU's waiting shows it (console_guest_idle()). */
    c->writer = w && w->domain == d ? (int)w->vcpu_id : -1;
    now = arch_time_ns();
    may = ratelimit_take(&c->out_limit, want, now);
    cut = want - may;
    /*
     * What was dropped is said at most once a second: a guest that keeps
     * flooding gets a trickle of its bytes through as the budget refills,
     * and a line per trickle would be a flood of its own.
     */
    if (may && c->out_limit.refused + c->log_limit.refused > cut &&
        now - c->dropped_said_ns >= 1000000000ULL) {
        report_refused(d, cut);
        c->dropped_said_ns = now;
    }
    for (; len && may; len--, s++) {
        unsigned char ch = (unsigned char)*s;

        if (ch == '\n') {
            flush_guest_line(d);
            may--;
            continue;
        }
        if (!printable(ch))
            continue;
        c->line[c->len++] = (char)ch;
        may--;
        if (c->len == sizeof(c->line))
            flush_guest_line(d);
    }
    /*
     * The rest of this write was dropped: so is the start of the line it
     * cut, or the guest's next line, once it may print again, would be
     * glued to a stranger's tail.
     */
    if (cut) {
        c->out_limit.refused += c->len - c->shown;
        if (open_line_of == d)
            end_partial_line();
        c->len = 0;
        c->shown = 0;
    }
    spin_unlock(&console_lock);
}

void console_guest_flush(struct domain *d)
{
    spin_lock(&console_lock);
    if (d->console.len)
        flush_guest_line(d);
    if (d->console.out_limit.refused + d->console.log_limit.refused)
        report_refused(d, 0);
    spin_unlock(&console_lock);
}

void console_reset(void)
{
    spin_lock(&console_lock);
    at_line_start = true;
    open_line_of = NULL;
    spin_unlock(&console_lock);
    console_input_reset();
}

/*
 * At most one slice per entry, then a continuation: the guest re-enters
 * CONSOLEIO_write with the rest, so that between slices the CPU takes its
 * interrupts (a live-patch rendezvous, timers) however long the write is.
 */
static long console_write_from_guest(struct domain *d, gvaddr_t buf, unsigned int count)
{
    char chunk[CONSOLE_WRITE_SLICE];
    unsigned int n = MIN(count, (unsigned int)sizeof(chunk));

    if (!count)
        return 0;
    if (copy_from_guest(chunk, buf, n))
        return -EFAULT;
    console_guest_write(d, chunk, n);
    if (count == n)
        return 0;
    return hypercall_create_continuation(CONSOLEIO_write, count - n, buf + n, 0, 0);
}

long do_console_io(unsigned int cmd, unsigned int count, gvaddr_t buf)
{
    struct domain *d = current->domain;

    switch (cmd) {
    case CONSOLEIO_write:
        if (count > CONSOLE_IO_MAX)
            return -E2BIG;
        return console_write_from_guest(d, buf, count);
    case CONSOLEIO_read:
        if (!d->is_control)
            return -EPERM;
        if (count > CONSOLE_IO_MAX)
            return -E2BIG;
        return console_input_read_to_guest(d, buf, count);
    default:
        return -ENOSYS;
    }
}

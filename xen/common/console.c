/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console: hypervisor messages ("(XEN) ..."), guests' output one whole
 * line at a time ("(dN) ..."), and console_io, the hypercall behind both a
 * guest's writes and the control domain's reads of console input.
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

/* Console input for CONSOLEIO_read; free-running indexes (rx_lock). */
static spinlock_t rx_lock = SPINLOCK_INIT;
static char rx_ring[CONSOLE_RX_RING];
static unsigned int rx_prod, rx_cons;

/* Bytes copied from a guest per step, so no lock is held for long. */
#define CONSOLE_CHUNK 128

static void end_partial_line(void)
{
    if (!at_line_start) {
        arch_console_write("\n", 1);
        at_line_start = true;
    }
}

void printk(const char *fmt, ...)
{
    char buf[256];
    const char *p, *end;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    end = buf + MIN((size_t)n, sizeof(buf) - 1);

    spin_lock(&console_lock);
    for (p = buf; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl + 1 : end;

        if (at_line_start)
            arch_console_write("(XEN) ", 6);
        arch_console_write(p, (size_t)(stop - p));
        at_line_start = nl != NULL;
        p = stop;
    }
    spin_unlock(&console_lock);
}

/* Caller holds console_lock. */
static void flush_guest_line(struct domain *d)
{
    char prefix[16];
    int n = ksnprintf(prefix, sizeof(prefix), "(d%u) ", d->domain_id);

    end_partial_line();
    arch_console_write(prefix, (size_t)n);
    arch_console_write(d->con_line, d->con_len);
    arch_console_write("\n", 1);
    d->con_len = 0;
}

static bool printable(unsigned char c)
{
    /* Tabs and everything from space up except DEL; UTF-8 bytes pass. */
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

void console_guest_write(struct domain *d, const char *s, size_t len)
{
    spin_lock(&console_lock);
    for (; len; len--, s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '\n') {
            flush_guest_line(d);
            continue;
        }
        if (!printable(c))
            continue;
        d->con_line[d->con_len++] = (char)c;
        if (d->con_len == sizeof(d->con_line))
            flush_guest_line(d);
    }
    spin_unlock(&console_lock);
}

void console_guest_flush(struct domain *d)
{
    spin_lock(&console_lock);
    if (d->con_len)
        flush_guest_line(d);
    spin_unlock(&console_lock);
}

void console_rx_char(char c)
{
    spin_lock(&rx_lock);
    if (rx_prod - rx_cons == CONSOLE_RX_RING)
        rx_cons++; /* full: the oldest byte gives way */
    rx_ring[rx_prod++ % CONSOLE_RX_RING] = c;
    spin_unlock(&rx_lock);
}

void console_reset(void)
{
    spin_lock(&rx_lock);
    rx_prod = rx_cons = 0;
    spin_unlock(&rx_lock);
    spin_lock(&console_lock);
    at_line_start = true;
    spin_unlock(&console_lock);
}

static long console_write_from_guest(struct domain *d, gvaddr_t buf, unsigned int count)
{
    char chunk[CONSOLE_CHUNK];

    while (count) {
        unsigned int n = MIN(count, (unsigned int)sizeof(chunk));

        if (copy_from_guest(chunk, buf, n))
            return -EFAULT;
        console_guest_write(d, chunk, n);
        buf += n;
        count -= n;
    }
    return 0;
}

static long console_read_to_guest(gvaddr_t buf, unsigned int count)
{
    char data[CONSOLE_RX_RING];
    unsigned int n, i;
    long rc;

    /*
     * The bytes leave the ring only once they reached the guest, so a bad
     * buffer loses no input.
     */
    spin_lock(&rx_lock);
    n = MIN(count, rx_prod - rx_cons);
    for (i = 0; i < n; i++)
        data[i] = rx_ring[(rx_cons + i) % CONSOLE_RX_RING];
    rc = copy_to_guest(buf, data, n);
    if (!rc)
        rx_cons += n;
    spin_unlock(&rx_lock);
    return rc ? rc : (long)n;
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
        return console_read_to_guest(buf, count);
    default:
        return -ENOSYS;
    }
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console input: every byte received on the hypervisor's UART goes to the
 * domain with the input focus, into that domain's own buffer, where its
 * guest reads it (CONSOLEIO_read for the control domain, the emulated
 * UART's receive FIFO otherwise: the arch is told when bytes arrive). The
 * buffer holds CONSOLE_IN_SIZE bytes, far more than a UART FIFO, so a pasted
 * line is not lost while the guest drains it; only when the buffer is full
 * is a byte dropped and the overrun reported to the guest.
 *
 * As on Xen, three Ctrl-A in a row move the focus to the next domain that
 * takes input; a single or double Ctrl-A followed by something else is
 * passed on.
 */
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define SWITCH_CHAR 0x01 /* Ctrl-A */
#define SWITCH_COUNT 3

/* Focus and the Ctrl-A count: touched only by the receive path (focus_lock). */
static spinlock_t focus_lock = SPINLOCK_INIT;
static domid_t focus;
static unsigned int switch_seen;

static bool wants_input(const struct domain *d)
{
    return d && d->state == DOMAIN_RUNNING && d->console.takes_input;
}

/* The first domain after `after` (cyclically) that takes input; 0: none. */
static domid_t next_taker(domid_t after)
{
    unsigned int i;

    for (i = 1; i <= CONFIG_MAX_DOMAINS; i++) {
        domid_t id = (domid_t)((after + i - 1) % CONFIG_MAX_DOMAINS + 1);

        if (wants_input(domain_by_id(id)))
            return id;
    }
    return 0;
}

static domid_t default_taker(void)
{
    domid_t id;

    for (id = 1; id <= CONFIG_MAX_DOMAINS; id++) {
        struct domain *d = domain_by_id(id);

        if (wants_input(d) && d->is_control)
            return id;
    }
    return next_taker(0);
}

/* Caller holds focus_lock. */
static void set_focus(domid_t id, bool announce)
{
    struct domain *d = id ? domain_by_id(id) : NULL;

    focus = id;
    if (announce && d)
        printk("*** Serial input to d%u (%s) (type 'CTRL-a' three times to switch input)\n",
               d->domain_id, d->name);
    arch_console_focus(d);
}

void console_input_focus_default(void)
{
    spin_lock(&focus_lock);
    set_focus(default_taker(), false);
    spin_unlock(&focus_lock);
}

/* Caller holds focus_lock: the focused domain, moving on if it has ended. */
static struct domain *focus_locked(void)
{
    struct domain *d = focus ? domain_by_id(focus) : NULL;

    if (!wants_input(d)) {
        set_focus(default_taker(), false);
        d = focus ? domain_by_id(focus) : NULL;
    }
    return d;
}

struct domain *console_input_focus(void)
{
    struct domain *d;

    spin_lock(&focus_lock);
    d = focus_locked();
    spin_unlock(&focus_lock);
    return d;
}

/* Caller holds focus_lock. */
static void deliver(char c)
{
    struct domain *d = focus_locked();
    struct guest_console *con;

    if (!d)
        return;
    con = &d->console;
    spin_lock(&con->in_lock);
    if (con->in_prod - con->in_cons == CONSOLE_IN_SIZE)
        con->in_overrun = true;
    else
        con->in[con->in_prod++ % CONSOLE_IN_SIZE] = c;
    spin_unlock(&con->in_lock);
    arch_console_input(d);
}

void console_rx_char(char c)
{
    spin_lock(&focus_lock);
    if (c == SWITCH_CHAR) {
        if (++switch_seen == SWITCH_COUNT) {
            switch_seen = 0;
            set_focus(next_taker(focus), true);
        }
        spin_unlock(&focus_lock);
        return;
    }
    for (; switch_seen; switch_seen--)
        deliver(SWITCH_CHAR);
    deliver(c);
    spin_unlock(&focus_lock);
}

void console_input_init(struct domain *d)
{
    struct guest_console *c = &d->console;

    spin_lock(&c->in_lock);
    c->in_prod = c->in_cons = 0;
    c->in_overrun = false;
    c->takes_input = d->is_control;
    spin_unlock(&c->in_lock);
}

unsigned int console_input_pending(struct domain *d)
{
    struct guest_console *c = &d->console;
    unsigned int n;

    spin_lock(&c->in_lock);
    n = c->in_prod - c->in_cons;
    spin_unlock(&c->in_lock);
    return n;
}

int console_input_getc(struct domain *d)
{
    struct guest_console *c = &d->console;
    int ch = -1;

    spin_lock(&c->in_lock);
    if (c->in_prod != c->in_cons)
        ch = (unsigned char)c->in[c->in_cons++ % CONSOLE_IN_SIZE];
    spin_unlock(&c->in_lock);
    return ch;
}

bool console_input_overrun(struct domain *d)
{
    struct guest_console *c = &d->console;
    bool o;

    spin_lock(&c->in_lock);
    o = c->in_overrun;
    c->in_overrun = false;
    spin_unlock(&c->in_lock);
    return o;
}

long console_input_read_to_guest(struct domain *d, gvaddr_t buf, unsigned int count)
{
    struct guest_console *c = &d->console;
    char data[256];
    unsigned int n, i, done = 0;
    long rc = 0;

    /*
     * In pieces of a small stack buffer; bytes leave the buffer only once
     * they reached the guest, so a bad guest buffer loses no input.
     */
    while (done < count) {
        spin_lock(&c->in_lock);
        n = MIN(MIN(count - done, (unsigned int)sizeof(data)), c->in_prod - c->in_cons);
        for (i = 0; i < n; i++)
            data[i] = c->in[(c->in_cons + i) % CONSOLE_IN_SIZE];
        rc = n ? copy_to_guest(buf + done, data, n) : 0;
        if (!rc)
            c->in_cons += n;
        spin_unlock(&c->in_lock);
        if (rc || !n)
            break;
        done += n;
    }
    return rc && !done ? rc : (long)done;
}

void console_input_reset(void)
{
    spin_lock(&focus_lock);
    focus = 0;
    switch_seen = 0;
    spin_unlock(&focus_lock);
}

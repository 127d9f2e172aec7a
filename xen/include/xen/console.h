/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: its own messages, guests' output lines, and the
 * console input, which goes to one domain at a time (the input focus).
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/ratelimit.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct domain;
struct vcpu;

/* Largest count one console_io call accepts (larger: -E2BIG). */
#define CONSOLE_IO_MAX (64 * 1024)
/* Longest guest console line kept before it is flushed without a newline. */
#define GUEST_CONSOLE_LINE 128
/* Guest bytes one CONSOLEIO_write entry prints before it continues (re-enters). */
#define CONSOLE_WRITE_SLICE 128
/* Console input kept per domain until its guest reads it. */
#define CONSOLE_IN_SIZE 4096

/*
 * Output budget per domain, in bytes that reach the console: a burst of
 * 64 KiB, then 16 KiB/s — above what a 115200-baud UART carries (11.5 KB/s),
 * so a guest is only cut when it would hold the console for everyone. What
 * goes over is dropped and counted in one "(XEN)" line when output resumes.
 */
#define CONSOLE_OUT_BURST (64 * 1024)
#define CONSOLE_OUT_PER_SEC (16 * 1024)
/* Log lines a guest's actions may cause: a burst of 20, then 2 a second. */
#define CONSOLE_LOG_BURST 20
#define CONSOLE_LOG_PER_SEC 2

/* A domain's console state (struct domain's `console`). */
struct guest_console {
    /* Output not yet ended by a newline (console lock). */
    char line[GUEST_CONSOLE_LINE];
    unsigned int len;
    unsigned int shown;          /* of those, already on the console (console_guest_idle()) */
    int writer;                  /* the vCPU that wrote them (-1: none of d's) */
    struct ratelimit out_limit;  /* bytes (console lock) */
    struct ratelimit log_limit;  /* hypervisor lines about this domain (console lock) */
    uint64_t dropped_said_ns;    /* when the last "bytes dropped" line went out */

    /* Input for this domain: free-running indexes (in_lock). */
    spinlock_t in_lock;
    char in[CONSOLE_IN_SIZE];
    uint32_t in_prod, in_cons;
    bool in_overrun;             /* input was lost: the buffer was full */
    bool takes_input;            /* may have the focus (control domain, vUART) */
};

/* Set up d's console state (domain creation, before arch_domain_create()). */
void console_domain_init(struct domain *d);

/*
 * Append guest output to d's line buffer; each completed line is printed as
 * "(dN) text". Control characters other than tab are dropped so a guest
 * cannot drive the console's terminal. Bytes over d's output budget are
 * dropped and counted.
 */
void console_guest_write(struct domain *d, const char *s, size_t len);

/* Print what is left in d's line buffer (when the domain ends). */
void console_guest_flush(struct domain *d);

/*
 * v has nothing more to write for now: it waits for an interrupt
 * (vcpu_idle()), or its UART driver stopped transmitting (a vUART's
 * transmit interrupt masked). If v wrote an unfinished line not yet shown
 * and its domain has the input focus, the line so far is shown now (a
 * prompt waiting for input).
 */
void console_guest_idle(struct vcpu *v);

/*
 * printk() for a line a guest's action causes (a PSCI call, a fault, a
 * refused access): printed within d's log budget, otherwise counted and
 * summarised in one line once the budget allows again.
 */
void printk_guest(struct domain *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A byte received on the console (the UART's interrupt). Three Ctrl-A in a
 * row move the input focus to the next domain that takes input (as Xen);
 * anything else goes to the focused domain's input buffer.
 */
void console_rx_char(char c);

/* The domain that has the input focus, or NULL. */
struct domain *console_input_focus(void);

/* Give the focus to its default owner: the control domain, else the first
 * domain that takes input (boot, and when the focused domain ends). */
void console_input_focus_default(void);

/* Bytes waiting in d's input buffer. */
unsigned int console_input_pending(struct domain *d);

/* The next input byte for d, or -1 when there is none. */
int console_input_getc(struct domain *d);

/* Whether input for d was lost since the last call (and clear that). */
bool console_input_overrun(struct domain *d);

/* Forget console line state, focus and input (host unit tests). */
void console_reset(void);

/* Inside the console: console_input.c's part of domain set-up and console_io. */
void console_input_init(struct domain *d);
void console_input_reset(void);
long console_input_read_to_guest(struct domain *d, gvaddr_t buf, unsigned int count);

#endif /* XEN_CONSOLE_H */

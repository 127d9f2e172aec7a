/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: its own messages, guests' lines, input ring. */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

struct domain;

/* Largest count one console_io call accepts (larger: -E2BIG). */
#define CONSOLE_IO_MAX (64 * 1024)
/* Bytes of console input kept for CONSOLEIO_read (older bytes are dropped). */
#define CONSOLE_RX_RING 1024

/*
 * Append guest output to d's line buffer; each completed line is printed as
 * "(dN) text". Control characters other than tab are dropped so a guest
 * cannot drive the console's terminal.
 */
void console_guest_write(struct domain *d, const char *s, size_t len);

/* Print what is left in d's line buffer (when the domain ends). */
void console_guest_flush(struct domain *d);

/* A byte received on the console (called from the UART's interrupt). */
void console_rx_char(char c);

/* Drop pending input and line state (host unit tests). */
void console_reset(void);

#endif /* XEN_CONSOLE_H */

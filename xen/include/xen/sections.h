/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own text, as every arch's linker script (and, in the host
 * unit tests, the link command: tests/unit/suite.mk) names its bounds.
 */
#ifndef XEN_SECTIONS_H
#define XEN_SECTIONS_H

extern char _stext[], _etext[];

#endif /* XEN_SECTIONS_H */

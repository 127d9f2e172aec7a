/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest (hostile.c) and its arch parts
 * (arch/<arch>/hostile_arch.c): a category of hostile calls is counted,
 * its first few surprises are printed, and it ends as one TAP line.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include "guest.h"

struct hostile_cat {
    const char *name;
    unsigned int calls, bad;
};

/* hostile.c: the seeded PRNG and the argument generators. */
uint64_t hostile_rand(void);
uint64_t hostile_pointer(void);
uint64_t hostile_length(void);
/* A valid, possibly misaligned pointer into a scratch buffer of at least 64 KiB. */
uint64_t hostile_scratch(void);

/* A success (>= 0) or one of the Xen errno values the hypervisor returns. */
int hostile_xen_result(long r);

/* Count one call of c; !ok is a failure, described (the first few) by fmt. */
void hostile_count(struct hostile_cat *c, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The category's TAP line. */
void hostile_report(const struct hostile_cat *c, const char *what);

/* arch/<arch>/hostile_arch.c */
/* Addresses that are not this guest's RAM: hypervisor, devices, holes. */
const uint64_t *arch_hostile_addresses(unsigned int *n);
/* Categories that must overlap another guest's run: before everything else. */
void arch_hostile_early(void);
/* The arch's own hostile categories, each reported with hostile_report(). */
void arch_hostile_tests(void *boot_info, unsigned int iterations);
/* The last step: an access that must crash this guest and nothing else. */
void arch_hostile_final(void);

#endif /* HOSTILE_H */

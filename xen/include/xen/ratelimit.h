/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A token bucket: up to `burst` units at once, refilled at `per_sec` units
 * a second. Guests' console output (bytes) and the hypervisor's log lines
 * that a guest can trigger (lines) each have one per domain, so one guest
 * cannot flood the console and delay other guests' output or the
 * hypervisor's own.
 */
#ifndef XEN_RATELIMIT_H
#define XEN_RATELIMIT_H

#include <xen/types.h>

struct ratelimit {
    uint64_t last_ns;     /* when tokens were last added */
    uint32_t tokens;      /* units that may go now */
    uint32_t burst;       /* most tokens the bucket holds */
    uint32_t per_sec;     /* tokens added per second */
    uint64_t refused;     /* units refused since the last ratelimit_refused() */
};

/* A full bucket at now_ns. */
void ratelimit_init(struct ratelimit *r, uint32_t burst, uint32_t per_sec, uint64_t now_ns);

/*
 * Take up to `want` units at now_ns: returns how many may go (0..want);
 * the rest are counted as refused. Never blocks; cheap while tokens last
 * (the clock is read by the caller, the bucket is refilled only when short).
 */
uint32_t ratelimit_take(struct ratelimit *r, uint32_t want, uint64_t now_ns);

/* Units refused since the last call, and start counting again. */
uint64_t ratelimit_refused(struct ratelimit *r);

#endif /* XEN_RATELIMIT_H */

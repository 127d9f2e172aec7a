/* SPDX-License-Identifier: GPL-2.0-only */
/* Token buckets (see <xen/ratelimit.h>). Callers serialise access to one. */
#include <xen/lib.h>
#include <xen/ratelimit.h>

#define NS_PER_SEC 1000000000ULL

void ratelimit_init(struct ratelimit *r, uint32_t burst, uint32_t per_sec, uint64_t now_ns)
{
    r->last_ns = now_ns;
    r->tokens = burst;
    r->burst = burst;
    r->per_sec = per_sec;
    r->refused = 0;
}

static void refill(struct ratelimit *r, uint64_t now_ns)
{
    uint64_t elapsed, add;

    if (now_ns <= r->last_ns || !r->per_sec)
        return;
    elapsed = now_ns - r->last_ns;
    /* Past the time to fill the whole bucket the answer is "full": cap it so
     * that elapsed * per_sec cannot overflow. */
    if (elapsed / NS_PER_SEC >= (uint64_t)r->burst / r->per_sec + 1) {
        r->tokens = r->burst;
        r->last_ns = now_ns;
        return;
    }
    add = elapsed * r->per_sec / NS_PER_SEC;
    if (!add)
        return; /* keep last_ns: the fraction of a token is not lost */
    r->tokens = (uint32_t)MIN((uint64_t)r->burst, r->tokens + add);
    r->last_ns = now_ns;
}

uint32_t ratelimit_take(struct ratelimit *r, uint32_t want, uint64_t now_ns)
{
    uint32_t got;

    if (r->tokens < want)
        refill(r, now_ns);
    got = MIN(want, r->tokens);
    r->tokens -= got;
    r->refused += want - got;
    return got;
}

uint64_t ratelimit_refused(struct ratelimit *r)
{
    uint64_t n = r->refused;

    r->refused = 0;
    return n;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/* The per-domain MMIO region registry and dispatch (see <xen/mmio.h>). */
#include <xen/errno.h>
#include <xen/mmio.h>
#include <xen/sched.h>

int mmio_register(struct domain *d, uint64_t base, uint64_t size, mmio_handler_t handler)
{
    struct domain_mmio *m = &d->mmio;
    unsigned int i;

    if (!size || base + size < base || !handler)
        return -EINVAL;
    for (i = 0; i < m->nr; i++)
        if (base < m->region[i].base + m->region[i].size && m->region[i].base < base + size)
            return -EEXIST;
    if (m->nr == MMIO_MAX_REGIONS)
        return -ENOMEM;
    m->region[m->nr++] = (struct mmio_region){base, size, handler};
    return 0;
}

static const struct mmio_region *find(const struct domain *d, uint64_t gpa)
{
    unsigned int i;

    for (i = 0; i < d->mmio.nr; i++)
        if (gpa - d->mmio.region[i].base < d->mmio.region[i].size)
            return &d->mmio.region[i];
    return NULL;
}

static uint64_t size_mask(unsigned int size)
{
    return size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

/* A loaded item as the register receives it: truncated, sign- or zero-extended. */
static uint64_t load_extend(const struct mmio_access *a, uint64_t val)
{
    unsigned int bits = 8 * a->size;

    val &= size_mask(a->size);
    if (a->sign_extend && bits < 64 && ((val >> (bits - 1)) & 1))
        val |= ~0ULL << bits;
    if (!a->sixty_four)
        val &= 0xffffffffULL; /* a 32-bit register write clears the upper half */
    return val;
}

bool mmio_dispatch(struct vcpu *v, const struct mmio_access *a, uint64_t *val)
{
    const struct mmio_region *r;
    uint64_t item = 0;

    if (a->size != 1 && a->size != 2 && a->size != 4 && a->size != 8)
        return false;
    r = find(v->domain, a->gpa);
    if (!r || a->size > r->size || a->gpa - r->base > r->size - a->size)
        return false; /* no device, or an access that runs off its end */
    if (a->gpa & (a->size - 1)) {
        if (!a->write)
            *val = 0;
        return true;
    }
    if (a->write)
        item = *val & size_mask(a->size);
    if (!r->handler(v, a, a->gpa - r->base, &item))
        return false;
    if (!a->write)
        *val = load_extend(a, item);
    return true;
}

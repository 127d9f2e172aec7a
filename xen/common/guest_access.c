/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copies between the hypervisor and a guest's memory, one page at a time:
 * each page of the guest virtual range is translated by the arch (the
 * guest's own stage-1 translation) and must fall inside the domain's RAM.
 * Anything else is -EFAULT; the hypervisor itself never takes a fault.
 */
#include <xen/arch.h>
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/sched.h>
#include <xen/string.h>

/*
 * The hypervisor's pointer to [gpa, gpa + len) of d's RAM, or NULL if any
 * byte lies outside it. Written so that no sum can wrap.
 */
static uint8_t *guest_ram_ptr(const struct domain *d, gpaddr_t gpa, size_t len)
{
    if (gpa < d->ram_gpa)
        return NULL;
    if (gpa - d->ram_gpa > d->ram_size || len > d->ram_size - (gpa - d->ram_gpa))
        return NULL;
    return d->ram_hva + (gpa - d->ram_gpa);
}

/*
 * Walk [gva, gva + len) page by page; copy only when hyp is not NULL.
 * 0, or -EFAULT at the first page that does not translate to d's RAM.
 */
static int guest_walk(struct vcpu *v, gvaddr_t gva, uint8_t *hyp, size_t len, bool to_guest)
{
    while (len) {
        size_t chunk = MIN(len, PAGE_SIZE - (gva & (PAGE_SIZE - 1)));
        gpaddr_t gpa;
        uint8_t *p;

        if (arch_gva_to_gpa(v, gva, to_guest, &gpa))
            return -EFAULT;
        p = guest_ram_ptr(v->domain, gpa, chunk);
        if (!p)
            return -EFAULT;
        if (hyp && to_guest) {
            memcpy(p, hyp, chunk);
            arch_guest_ram_written(v, p, chunk);
        } else if (hyp) {
            arch_guest_ram_to_read(v, p, chunk);
            memcpy(hyp, p, chunk);
        }
        gva += chunk;
        if (hyp)
            hyp += chunk;
        len -= chunk;
    }
    return 0;
}

static int guest_copy(struct vcpu *v, gvaddr_t gva, uint8_t *hyp, size_t len, bool to_guest)
{
    if (len == 0)
        return 0;
    /* NULL is never a valid buffer, even where guest-physical 0 is RAM. */
    if (gva == 0 || gva + (len - 1) < gva)
        return -EFAULT;
    /*
     * A write is checked whole before any byte is written: a buffer that
     * runs off the end of RAM or into an unmapped page gets -EFAULT and
     * the guest's memory is left as it was (found by the hostile guest:
     * XENVER_capabilities to RAM end - 1 wrote one byte, then failed).
     */
    if (to_guest && guest_walk(v, gva, NULL, len, true))
        return -EFAULT;
    return guest_walk(v, gva, hyp, len, to_guest);
}

int copy_to_guest_vcpu(struct vcpu *v, gvaddr_t dst, const void *src, size_t len)
{
    return guest_copy(v, dst, (uint8_t *)src, len, true);
}

int copy_from_guest_vcpu(struct vcpu *v, void *dst, gvaddr_t src, size_t len)
{
    return guest_copy(v, src, dst, len, false);
}

int copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
    return copy_to_guest_vcpu(current, dst, src, len);
}

int copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
    return copy_from_guest_vcpu(current, dst, src, len);
}

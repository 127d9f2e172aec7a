/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host benchmark of the common hypercall path: hypercall_dispatch() of a null
 * xen_version(XENVER_version) and of version_op(VERSION_version) into a guest
 * buffer, against the fake arch, built -O2 without sanitizers. Prints figures;
 * asserts nothing. The real round trip (trap, dispatch, return to the guest)
 * is measured per architecture in instructions under QEMU -icount.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <public/version.h>
#include <public/xen.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

extern struct vcpu *fake_current;

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double per_call(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
                       long expect, unsigned long iters)
{
    unsigned long args[5] = {a0, a1, a2, 0, 0};
    double t0 = now_ns();
    unsigned long i;

    for (i = 0; i < iters; i++) {
        if (hypercall_dispatch(nr, args) != expect) {
            fprintf(stderr, "bench: hypercall %lu returned an unexpected value\n", nr);
            exit(1);
        }
    }
    return (now_ns() - t0) / (double)iters;
}

int main(void)
{
    struct domain_config cfg = {.name = "bench", .mem_kib = 64, .nr_vcpus = 1, .is_control = true};
    const unsigned long iters = 20000000;
    struct domain *d;
    int err;

    sched_init(0x1); /* the fake machine: one CPU for the one domain */
    d = domain_create(&cfg, &err);
    if (!d) {
        fprintf(stderr, "bench: cannot create the domain (error %d)\n", err);
        return 1;
    }
    fake_current = &d->vcpu[0];
    printf("bench: host dispatch, xen_version(XENVER_version): %.2f ns/call\n",
           per_call(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0x10000, iters));
    printf("bench: host dispatch, version_op(VERSION_version, buf, 8): %.2f ns/call\n",
           per_call(__HYPERVISOR_version_op, VERSION_version, d->ram_gpa + 64, 8, 8, iters));
    printf("bench: host dispatch, unknown hypercall: %.2f ns/call\n",
           per_call(40, 0, 0, 0, -XEN_ENOSYS, iters));
    return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake arch's hooks (see fake.h). */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xen/arch.h>
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/sched.h>

#include "fake.h"

struct vcpu *fake_current;

char fake_console[1 << 17];
size_t fake_console_len;
uint64_t fake_unmapped_page = UINT64_MAX;
uint64_t fake_readonly_page = UINT64_MAX;
int fake_domain_create_rc;
uint32_t fake_arch_bits;
const char *fake_capabilities = "fake-1.0-test";
jmp_buf fake_system_off_jmp;
int fake_system_off_armed;
unsigned int fake_system_off_calls;

void fake_console_clear(void)
{
    fake_console_len = 0;
    fake_console[0] = '\0';
}

int arch_gva_to_gpa(struct vcpu *v, gvaddr_t gva, bool write, gpaddr_t *gpa)
{
    if ((gva >> 12) == fake_unmapped_page)
        return -EFAULT;
    if (write && (gva >> 12) == fake_readonly_page)
        return -EFAULT;
    *gpa = gva;
    return 0;
}

size_t fake_ram_written, fake_ram_read;  /* bytes the cache hooks were told of */
const uint8_t *fake_ram_last_written;

void arch_guest_ram_written(struct vcpu *v, void *p, size_t len)
{
    fake_ram_written += len;
    fake_ram_last_written = p;
}

void arch_guest_ram_to_read(struct vcpu *v, const void *p, size_t len)
{
    fake_ram_read += len;
}

void arch_console_write(const char *s, size_t len)
{
    size_t room = sizeof(fake_console) - 1 - fake_console_len;

    if (len > room)
        len = room;
    memcpy(fake_console + fake_console_len, s, len);
    fake_console_len += len;
    fake_console[fake_console_len] = '\0';
}

uint64_t fake_time_ns;
unsigned int fake_console_inputs, fake_console_focus_calls;
struct domain *fake_console_focused;
unsigned long fake_hcall_restarts;

uint64_t arch_time_ns(void)
{
    struct timespec ts;

    if (fake_time_ns)
        return fake_time_ns;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void arch_console_input(struct domain *d)
{
    fake_console_inputs++;
}

void arch_console_focus(struct domain *d)
{
    fake_console_focus_calls++;
    fake_console_focused = d;
}

/* As AArch64: the result register is also the first argument. */
unsigned long arch_hypercall_restart(struct vcpu *v, unsigned long nr, const unsigned long *args)
{
    fake_hcall_restarts++;
    return args[0];
}

unsigned int fake_kicks[CONFIG_NR_CPUS];
bool fake_irq_pending[CONFIG_MAX_DOMAINS + 1][CONFIG_MAX_VCPUS];

bool fake_can_share = true;

bool arch_sched_can_share(void)
{
    return fake_can_share;
}

unsigned int arch_cpu_id(void)
{
    return fake_cpu;
}

void arch_sched_kick(unsigned int cpu)
{
    fake_kicks[cpu]++;
}

bool arch_vcpu_irq_pending(struct vcpu *v)
{
    return fake_irq_pending[v->domain->domain_id][v->vcpu_id];
}

void arch_vcpu_yield(struct vcpu *v)
{
    v->domain->arch.yields++;
}

void arch_vcpu_block(struct vcpu *v)
{
    v->domain->arch.blocks++;
}

int arch_domain_create(struct domain *d, const struct domain_config *cfg)
{
    if (fake_domain_create_rc)
        return fake_domain_create_rc;
    d->ram_gpa = FAKE_RAM_GPA;
    d->ram_size = cfg->mem_kib * 1024;
    d->ram_hva = calloc(1, d->ram_size);
    return d->ram_hva ? 0 : -ENOMEM;
}

void arch_domain_shutdown(struct domain *d)
{
    d->arch.stopped = true;
}

void arch_system_off(void)
{
    fake_system_off_calls++;
    if (fake_system_off_armed) {
        fake_system_off_armed = 0;
        longjmp(fake_system_off_jmp, 1);
    }
    fprintf(stderr, "arch_system_off() called with no test expecting it\n");
    abort();
}

uint32_t arch_feature_bits(const struct domain *d)
{
    return fake_arch_bits;
}

const char *arch_capabilities(void)
{
    return fake_capabilities;
}

/* Spinning threads (the live-patch rendezvous tests) share few host cores. */
void arch_cpu_relax(void)
{
    sched_yield();
}

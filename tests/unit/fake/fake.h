/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake architecture the host unit tests link xen/common/ against (after
 * Hafnium's src/arch/fake): guest RAM is a host buffer, translation is 1:1
 * except where a test marks a page unmapped or read-only, and every hook
 * records what it was asked to do.
 */
#ifndef TESTS_UNIT_FAKE_H
#define TESTS_UNIT_FAKE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/config.h>

struct domain;
struct vcpu;

/* Guest RAM starts where Xen's Arm guests have it. */
#define FAKE_RAM_GPA 0x40000000ULL

/* Console bytes written through arch_console_write(). */
extern char fake_console[1 << 17];
extern size_t fake_console_len;
void fake_console_clear(void);

/* Guest pages (gva >> 12) that do not translate, or do not allow writes. */
extern uint64_t fake_unmapped_page;
extern uint64_t fake_readonly_page;
/* What arch_guest_ram_written() / _to_read() were told: bytes, last write. */
extern size_t fake_ram_written, fake_ram_read;
extern const uint8_t *fake_ram_last_written;

/* arch_time_ns(): the host's monotonic clock, or this value when non-zero. */
extern uint64_t fake_time_ns;
/* arch_console_input() calls; arch_console_focus() calls and its last domain. */
extern unsigned int fake_console_inputs, fake_console_focus_calls;
extern struct domain *fake_console_focused;
/* arch_hypercall_restart() calls (hcall() in helpers.c re-issues the call). */
extern unsigned long fake_hcall_restarts;

/* arch_sched_kick() calls per CPU; what arch_vcpu_irq_pending() answers,
 * by [domain id][vCPU id]. */
extern unsigned int fake_kicks[];
extern bool fake_can_share; /* arch_sched_can_share() */
extern bool fake_irq_pending[CONFIG_MAX_DOMAINS + 1][CONFIG_MAX_VCPUS];

/* Injected results. */
extern int fake_domain_create_rc;
extern uint32_t fake_arch_bits;
extern const char *fake_capabilities;

/* arch_system_off() jumps here when armed (it must not return). */
extern jmp_buf fake_system_off_jmp;
extern int fake_system_off_armed;
extern unsigned int fake_system_off_calls;

/* Live-patch memory (fake/livepatch.c). */
extern unsigned int fake_lp_protects[3];  /* arch_livepatch_protect() calls per permission */
extern int fake_lp_fail_alloc_after;      /* N >= 0: the allocation after N more fails */
extern unsigned int fake_lp_applies, fake_lp_post_actions;
extern uint64_t fake_lp_counter;           /* a "hypervisor" variable payloads may use */
void fake_symbols_init(void);
/* Gives the "hypervisor" the build-id the test payloads were built against
 * (TEST_XEN_ID in tests/unit/payloads/hello.c); build_id_init()'s result. */
int fake_build_id_init(void);

/* CPUs for the live-patch rendezvous: this thread's number, which are online,
 * and what "sending the IPI" does (NULL: nothing, the CPUs never come). */
extern __thread unsigned int fake_cpu;
extern bool fake_cpu_online[];
extern void (*fake_kick)(void);

#endif /* TESTS_UNIT_FAKE_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: live patching. What the common live-patch code
 * (xen/common/livepatch/) needs from the arch: payload memory, the ELF
 * machine and relocations, the instruction that diverts a function, writing
 * the hypervisor's text, and the rendezvous plumbing. Declared and documented
 * once here; defined by each backend (xen/arch/<arch>/livepatch*.c) and by
 * the host unit tests' fake arch (tests/unit/fake/livepatch.c).
 * <xen/arch.h> includes them all.
 */
#ifndef XEN_ARCH_LIVEPATCH_H
#define XEN_ARCH_LIVEPATCH_H

#include <public/sysctl.h>
#include <xen/types.h>

/* The ELF machine (EM_*) payloads must be built for. */
uint16_t arch_livepatch_machine(void);

/*
 * Bytes the arch overwrites at the start of a patched function with the
 * branch to its replacement (at most LIVEPATCH_OPAQUE_SIZE).
 */
unsigned int arch_livepatch_patch_size(void);

/*
 * Apply relocation type at loc, whose run-time address is place, with value
 * S + A; room is the number of bytes from loc to the end of its section.
 * 0, -EOPNOTSUPP (type unknown), -EOVERFLOW (result does not fit), -EINVAL
 * (field wider than room, or misaligned target). May assume loc is writable
 * payload memory; must not write outside [loc, loc + room).
 */
int arch_livepatch_apply_rela(uint8_t *loc, uint64_t place, uint32_t type, uint64_t value,
                              size_t room);

/*
 * The region payload memory comes from (common code hands out its pages,
 * memory.c): page-aligned, mapped read-write page by page, and within
 * branch reach of the hypervisor's text both ways. Its base, and its size
 * in *size; NULL when there is none. Asked at every allocation: must give
 * the same region each time.
 */
void *arch_livepatch_pool(size_t *size);

enum livepatch_perm { LP_PERM_RX, LP_PERM_RO, LP_PERM_RW };
/*
 * Map [p, p + size), pages of arch_livepatch_pool(), with these permissions
 * (W^X); for RX, also make the instructions just written there visible to
 * instruction fetch. 0 or -errno. Called from the sysctl path with the
 * live-patch lock held: may change page tables, must not sleep.
 */
int arch_livepatch_protect(void *p, size_t size, enum livepatch_perm perm);

/*
 * Can f be patched here (alignment of old_addr, reach of the branch, a NOP
 * length of whole instructions)? 0 or -EINVAL / -EOVERFLOW. Reads f only.
 */
int arch_livepatch_verify_func(const struct livepatch_func *f);

/*
 * The len bytes (livepatch_patch_len(f)) that divert f: a branch from
 * old_addr to new_addr, or NOPs when new_addr is 0. May assume f passed
 * arch_livepatch_verify_func(); writes insn only.
 */
void arch_livepatch_encode(const struct livepatch_func *f, uint8_t *insn, unsigned int len);

/*
 * Write len bytes at va, inside the hypervisor's or a payload's text,
 * although the text is mapped read-only and executable, and make them
 * visible to this CPU's instruction fetch. Called with every other CPU
 * parked in the rendezvous and interrupts off; must not take a lock.
 */
void arch_livepatch_text_write(uint64_t va, const void *src, size_t len);

/* On every CPU after the code changed: discard stale instructions (ISB, CPUID). */
void arch_livepatch_post_action(void);

/*
 * Rendezvous support (this CPU's number is arch_cpu_id(), <xen/arch/vcpu.h>):
 * whether cpu is online, and an IPI to every other online CPU that makes it
 * call livepatch_rendezvous_cpu() (it must not wait for them to arrive).
 */
bool arch_livepatch_cpu_online(unsigned int cpu);
void arch_livepatch_kick_cpus(void);

#endif /* XEN_ARCH_LIVEPATCH_H */

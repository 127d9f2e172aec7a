/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Live patching: the sysctl operations and payload state machine
 * (xen/common/livepatch/livepatch.c), the CPU rendezvous (rendezvous.c),
 * loading a payload (load.c) and the hooks each architecture provides
 * (xen/arch/<arch>/livepatch*.c, tests/unit/fake/livepatch.c).
 */
#ifndef XEN_LIVEPATCH_H
#define XEN_LIVEPATCH_H

#include <public/sysctl.h>
#include <xen/arch/livepatch.h>
#include <xen/livepatch_elf.h>
#include <xen/symbols.h>
#include <xen/types.h>

/* Longest build-id a payload may carry (SHA-1 is 20 bytes). */
#define LIVEPATCH_BUILD_ID_MAX 64

enum livepatch_hook {
    LP_HOOK_LOAD,
    LP_HOOK_UNLOAD,
    LP_HOOK_PRE_APPLY,
    LP_HOOK_POST_APPLY,
    LP_HOOK_PRE_REVERT,
    LP_HOOK_POST_REVERT,
    LP_NR_HOOKS
};

/* One of a payload's three mappings: text RX, rodata RO, data RW+XN. */
struct livepatch_region {
    uint8_t *base;
    size_t size;
};

struct livepatch_id {
    uint8_t bytes[LIVEPATCH_BUILD_ID_MAX];
    unsigned int len; /* 0: none */
};

struct payload {
    char name[XEN_LIVEPATCH_NAME_SIZE];
    uint32_t state; /* LIVEPATCH_STATE_* */
    int32_t rc;
    struct livepatch_region text, rodata, data;
    struct livepatch_id id;      /* .note.gnu.build-id */
    struct livepatch_id depends; /* .livepatch.depends: the payload beneath it */
    struct livepatch_func *funcs;
    unsigned int nfuncs;
    const uint64_t *hooks[LP_NR_HOOKS]; /* addresses of void (*)(void), int (*)(void) for pre */
    unsigned int nhooks[LP_NR_HOOKS];
    /* Global symbols it defines, for payloads loaded after it (load.c). */
    struct livepatch_symbol *syms;
    unsigned int nsyms;
    size_t syms_bytes;
};

struct livepatch_symbol {
    char name[64];
    uint64_t addr;
};

/*
 * Load a checked payload image into p (p->name already set): lay its
 * allocated sections out in three regions, resolve its symbols against the
 * hypervisor's, apply its relocations, read its special sections, then map
 * the regions W^X. 0, or -errno with nothing left allocated:
 *   -ENOMEM     no memory for a region
 *   -ENOENT     an undefined symbol or a function to patch is not known
 *   -EOPNOTSUPP a relocation type the arch does not implement
 *   -EOVERFLOW  a relocation result does not fit its field
 *   -EACCES     .livepatch.funcs is not allocated, writable, non-executable
 *               data (APPLY writes into it)
 *   -EINVAL     a missing or malformed special section, a build-id that is
 *               not the hypervisor's, a relocation the section cannot hold
 */
int livepatch_load(struct payload *p, const struct livepatch_elf *e);

/* Release what livepatch_load() allocated. */
void livepatch_unload(struct payload *p);

/* sysctl XEN_SYSCTL_livepatch_op: the control domain's request, copied in and out. */
int livepatch_op(struct xen_sysctl_livepatch_op *op);

/* The loaded payload defining global symbol name: 0 and its address, or -ENOENT. */
int livepatch_symbols_lookup(const char *name, uint64_t *addr);

/* Revert and forget every payload, without a rendezvous (host unit tests only). */
void livepatch_reset(void);

/* Default rendezvous timeout, as Xen's: 30 ms. */
#define LIVEPATCH_DEFAULT_TIMEOUT_NS 30000000ULL

/*
 * Run fn(arg) on this CPU while every other online physical CPU waits with
 * interrupts off, then have each of them call arch_livepatch_post_action().
 * -EBUSY (fn not run, nothing changed) when not all CPUs arrive within
 * timeout_ns; otherwise fn's result.
 */
int livepatch_rendezvous(int (*fn)(void *), void *arg, uint64_t timeout_ns);

/*
 * Called by the arch on a CPU that took the rendezvous IPI, and from its idle
 * loop: joins a rendezvous in progress, returns at once otherwise.
 */
void livepatch_rendezvous_cpu(void);

/* The last rendezvous: its window (first CPU stopped to last resumed), its CPUs. */
uint64_t livepatch_last_quiesce_ns(void);
unsigned int livepatch_last_cpus(void);

/*
 * Payload memory (memory.c): zeroed, page-aligned, writable pages of the
 * arch's pool, NULL if none are left; livepatch_protect() maps them with
 * their final permissions, livepatch_free() gives them back (read-write
 * again). livepatch_pool_in_use(): bytes allocated and not yet freed.
 */
void *livepatch_alloc(size_t size);
int livepatch_protect(void *p, size_t size, enum livepatch_perm perm);
void livepatch_free(void *p, size_t size);
size_t livepatch_pool_in_use(void);

/* Bytes patching f overwrites at f->old_addr: a branch, or new_size bytes of NOPs. */
unsigned int livepatch_patch_len(const struct livepatch_func *f);

/* Is [addr, addr + len) inside the hypervisor's own text (_stext.._etext)? */
bool livepatch_in_hypervisor_text(uint64_t addr, size_t len);

/* Is [addr, addr + len) inside the text of a loaded payload? */
bool livepatch_in_payload_text(uint64_t addr, size_t len);

#endif /* XEN_LIVEPATCH_H */

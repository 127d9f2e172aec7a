/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Live patching: loading a payload (xen/common/livepatch/load.c) and the
 * hooks the architecture provides for it. The hooks join <xen/arch.h> when
 * the backends link live patching in; until then only the host unit tests'
 * fake arch defines them.
 */
#ifndef XEN_LIVEPATCH_H
#define XEN_LIVEPATCH_H

#include <public/sysctl.h>
#include <xen/livepatch_elf.h>
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
    const uint64_t *hooks[LP_NR_HOOKS]; /* addresses of void (*)(void) */
    unsigned int nhooks[LP_NR_HOOKS];
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
 *   -EINVAL     a missing or malformed special section, a build-id that is
 *               not the hypervisor's, a relocation the section cannot hold
 */
int livepatch_load(struct payload *p, const struct livepatch_elf *e);

/* Release what livepatch_load() allocated. */
void livepatch_unload(struct payload *p);

/* ---- arch hooks ---- */

/* The ELF machine (EM_*) payloads must be built for. */
uint16_t arch_livepatch_machine(void);

/* Bytes the arch overwrites at the start of a patched function. */
unsigned int arch_livepatch_patch_size(void);

/*
 * Apply relocation type at loc, whose run-time address is place, with value
 * S + A; room is the number of bytes from loc to the end of its section.
 * 0, -EOPNOTSUPP (type unknown), -EOVERFLOW (result does not fit), -EINVAL
 * (field wider than room, or misaligned target).
 */
int arch_livepatch_apply_rela(uint8_t *loc, uint64_t place, uint32_t type, uint64_t value,
                              size_t room);

/* Zeroed, page-aligned, writable memory for a region; NULL if none. */
void *arch_livepatch_alloc(size_t size);
void arch_livepatch_free(void *p, size_t size);

enum livepatch_perm { LP_PERM_RX, LP_PERM_RO, LP_PERM_RW };
/* Map a region with its final permissions (W^X). 0 or -errno. */
int arch_livepatch_protect(void *p, size_t size, enum livepatch_perm perm);

/* The hypervisor's own symbol table: 0 and the address, or -ENOENT. */
int symbols_lookup_by_name(const char *name, uint64_t *addr);

#endif /* XEN_LIVEPATCH_H */

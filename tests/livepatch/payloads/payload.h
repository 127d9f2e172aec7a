/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the test payloads (tests/livepatch/payloads/), built by
 * tests/livepatch/suite.mk against one exact hypervisor build for arm64 and
 * x86_64: compiled with -ffunction-sections -fdata-sections, linked with
 * ld -r --build-id, then .livepatch.depends and .livepatch.xen_depends are
 * added with objcopy.
 */
#ifndef TEST_LIVEPATCH_PAYLOAD_H
#define TEST_LIVEPATCH_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include <public/sysctl.h>

/* Hypervisor functions payloads call or patch, resolved at upload. */
const char *xen_extra_version(void);
int ksnprintf(char *buf, size_t size, const char *fmt, ...);

#define LP_SECTION(s) __attribute__((section(s), used))

/* One .livepatch.funcs entry replacing old with new_fn (0: NOPs of new_size bytes). */
#define LIVEPATCH_FUNC(var, fname, newfn, old, nsize, osize, ...)                                  \
    static struct livepatch_func var LP_SECTION(".livepatch.funcs") = {                          \
        .name = (uint64_t)(uintptr_t)(fname),                                                     \
        .new_addr = (uint64_t)(uintptr_t)(newfn),                                                 \
        .old_addr = (uint64_t)(uintptr_t)(old),                                                   \
        .new_size = (nsize),                                                                      \
        .old_size = (osize),                                                                      \
        .version = LIVEPATCH_PAYLOAD_VERSION,                                                     \
        __VA_ARGS__}

/* A hook: kind is load, unload, preapply, postapply, prerevert or postrevert. */
#define LIVEPATCH_HOOK(kind, type, fn) \
    static type (*const fn##_hook)(void) LP_SECTION(".livepatch.hooks." kind) = fn

/* Bytes a branch to the new function takes (B imm26 / JMP rel32). */
#ifdef __aarch64__
#define PATCH_SIZE 4
#else
#define PATCH_SIZE 5
#endif

#endif /* TEST_LIVEPATCH_PAYLOAD_H */

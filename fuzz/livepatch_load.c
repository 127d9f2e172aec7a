// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the live-patch loader: any byte string goes through
 * livepatch_elf_check() and, if accepted, livepatch_load() and
 * livepatch_unload(), against the host unit tests' fake arch (x86-64
 * relocations from xen/arch/x86/livepatch_reloc.c, payload memory that is
 * really mprotect()ed). Built with clang -fsanitize=fuzzer,address,undefined
 * by tests/livepatch/suite.mk; "make fuzz" runs it for a bounded time with
 * the test payloads as the seed corpus. Besides the sanitizers it checks
 * that a failed load leaves no payload memory behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/livepatch.h>
#include <xen/version.h>

#include "../tests/unit/fake/fake.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fake_symbols_init();
    return fake_build_id_init();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint64_t image[(LIVEPATCH_MAX_SIZE + 8) / 8]; /* 8-byte aligned, as the hypervisor's copy */
    static struct payload p;
    struct livepatch_elf e;

    if (size > sizeof(image))
        return 0;
    memcpy(image, data, size);
    if (livepatch_elf_check(&e, image, size, arch_livepatch_machine()))
        return 0;
    memset(&p, 0, sizeof(p));
    strcpy(p.name, "fuzz");
    if (!livepatch_load(&p, &e))
        livepatch_unload(&p);
    if (livepatch_pool_in_use()) {
        fprintf(stderr, "fuzz: %zu bytes of payload memory leaked\n", livepatch_pool_in_use());
        abort();
    }
    return 0;
}

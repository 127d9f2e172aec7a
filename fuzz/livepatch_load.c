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

/* The build-id the unit-test payloads were built against (tests/unit/payloads/). */
static const struct {
    uint32_t namesz, descsz, type;
    char name[4];
    uint8_t id[20];
} xen_note = {4, 20, 3, "GNU", {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
                                 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05}};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fake_symbols_init();
    return build_id_init(&xen_note, sizeof(xen_note));
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
    if (fake_lp_outstanding) {
        fprintf(stderr, "fuzz: %zu bytes of payload memory leaked\n", fake_lp_outstanding);
        abort();
    }
    return 0;
}

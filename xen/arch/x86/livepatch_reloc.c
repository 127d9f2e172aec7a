// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-64 relocations for live-patch payloads (System V AMD64 ABI, 4.4
 * "Relocation Types"). A value that does not fit its field rejects the
 * payload with -EOVERFLOW. Also linked into the host unit tests, whose fake
 * arch is x86-64.
 */
#include <xen/errno.h>
#include <xen/livepatch.h>
#include <xen/string.h>

#define R_X86_64_NONE 0
#define R_X86_64_64 1
#define R_X86_64_PC32 2
#define R_X86_64_PLT32 4
#define R_X86_64_32 10
#define R_X86_64_32S 11
#define R_X86_64_PC64 24

static int put32(uint8_t *loc, size_t room, uint32_t v)
{
    if (room < 4)
        return -EINVAL;
    memcpy(loc, &v, 4);
    return 0;
}

int arch_livepatch_apply_rela(uint8_t *loc, uint64_t place, uint32_t type, uint64_t value,
                              size_t room)
{
    int64_t rel = (int64_t)(value - place);

    switch (type) {
    case R_X86_64_NONE:
        return 0;
    case R_X86_64_64:
        if (room < 8)
            return -EINVAL;
        memcpy(loc, &value, 8);
        return 0;
    case R_X86_64_PC64:
        if (room < 8)
            return -EINVAL;
        memcpy(loc, &rel, 8);
        return 0;
    case R_X86_64_PC32:
    case R_X86_64_PLT32: /* no PLT: the target is called directly */
        if (room >= 4 && rel != (int32_t)rel)
            return -EOVERFLOW;
        return put32(loc, room, (uint32_t)rel);
    case R_X86_64_32:
        if (room >= 4 && value > UINT32_MAX)
            return -EOVERFLOW;
        return put32(loc, room, (uint32_t)value);
    case R_X86_64_32S:
        if (room >= 4 && (int64_t)value != (int32_t)value)
            return -EOVERFLOW;
        return put32(loc, room, (uint32_t)value);
    default:
        return -EOPNOTSUPP;
    }
}

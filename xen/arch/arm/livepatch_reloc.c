// SPDX-License-Identifier: GPL-2.0-only
/*
 * AArch64 relocations for live-patch payloads, from "ELF for the Arm 64-bit
 * Architecture (AAELF64)", 5.7.6-5.7.10 (static data, group relocations,
 * PC-relative addresses, control flow). X = the value computed for the
 * field; every "check" in the tables there is done here and a value that
 * does not fit rejects the payload with -EOVERFLOW. Also built for the host
 * unit tests (no arch headers needed).
 */
#include <xen/errno.h>
#include <xen/livepatch.h>
#include <xen/string.h>

#define R_AARCH64_NONE 0
#define R_AARCH64_NONE_OLD 256 /* withdrawn, still emitted by some tools */
#define R_AARCH64_ABS64 257
#define R_AARCH64_ABS32 258
#define R_AARCH64_ABS16 259
#define R_AARCH64_PREL64 260
#define R_AARCH64_PREL32 261
#define R_AARCH64_PREL16 262
#define R_AARCH64_MOVW_UABS_G0 263
#define R_AARCH64_MOVW_UABS_G0_NC 264
#define R_AARCH64_MOVW_UABS_G1 265
#define R_AARCH64_MOVW_UABS_G1_NC 266
#define R_AARCH64_MOVW_UABS_G2 267
#define R_AARCH64_MOVW_UABS_G2_NC 268
#define R_AARCH64_MOVW_UABS_G3 269
#define R_AARCH64_LD_PREL_LO19 273
#define R_AARCH64_ADR_PREL_LO21 274
#define R_AARCH64_ADR_PREL_PG_HI21 275
#define R_AARCH64_ADR_PREL_PG_HI21_NC 276
#define R_AARCH64_ADD_ABS_LO12_NC 277
#define R_AARCH64_LDST8_ABS_LO12_NC 278
#define R_AARCH64_TSTBR14 279
#define R_AARCH64_CONDBR19 280
#define R_AARCH64_JUMP26 282
#define R_AARCH64_CALL26 283
#define R_AARCH64_LDST16_ABS_LO12_NC 284
#define R_AARCH64_LDST32_ABS_LO12_NC 285
#define R_AARCH64_LDST64_ABS_LO12_NC 286
#define R_AARCH64_LDST128_ABS_LO12_NC 299

static bool fits_signed(int64_t x, unsigned int bits)
{
    return x >= -((int64_t)1 << (bits - 1)) && x < ((int64_t)1 << (bits - 1));
}

/* -2^(bits-1) <= X < 2^bits: the check AAELF64 gives data relocations. */
static bool fits_data(int64_t x, unsigned int bits)
{
    return x >= -((int64_t)1 << (bits - 1)) && (x < 0 || (uint64_t)x < ((uint64_t)1 << bits));
}

static int put_data(uint8_t *loc, size_t room, uint64_t x, unsigned int bytes, bool check)
{
    if (room < bytes)
        return -EINVAL;
    if (check && !fits_data((int64_t)x, bytes * 8))
        return -EOVERFLOW;
    memcpy(loc, &x, bytes); /* little-endian */
    return 0;
}

/* Replace bits [lsb, lsb + width) of the instruction at loc with v. */
static int put_insn(uint8_t *loc, size_t room, unsigned int lsb, unsigned int width, uint64_t v)
{
    uint32_t insn, mask = (uint32_t)(((uint64_t)1 << width) - 1) << lsb;

    if (room < 4 || ((uintptr_t)loc & 3))
        return -EINVAL;
    memcpy(&insn, loc, 4);
    insn = (insn & ~mask) | (((uint32_t)v << lsb) & mask);
    memcpy(loc, &insn, 4);
    return 0;
}

/* ADR/ADRP immediate: immlo in [30:29], immhi in [23:5]. */
static int put_adr(uint8_t *loc, size_t room, int64_t imm)
{
    int rc = put_insn(loc, room, 29, 2, (uint64_t)imm & 3);

    return rc ? rc : put_insn(loc, room, 5, 19, ((uint64_t)imm >> 2) & 0x7ffff);
}

/* A branch or literal offset of bits (in instructions) at [lsb, lsb + bits). */
static int put_pcrel(uint8_t *loc, size_t room, int64_t x, unsigned int lsb, unsigned int bits)
{
    if (x & 3)
        return -EINVAL;
    if (!fits_signed(x, bits + 2))
        return -EOVERFLOW;
    return put_insn(loc, room, lsb, bits, (uint64_t)(x >> 2));
}

/* MOVZ/MOVK imm16 [20:5] from bits [16g, 16g + 16) of x; checked: x < 2^(16(g+1)). */
static int put_movw(uint8_t *loc, size_t room, uint64_t x, unsigned int g, bool check)
{
    if (check && g < 3 && (x >> (16 * (g + 1))))
        return -EOVERFLOW;
    return put_insn(loc, room, 5, 16, (x >> (16 * g)) & 0xffff);
}

/* LD/ST unsigned offset [21:10], scaled by the access size; the target must be aligned. */
static int put_lo12_scaled(uint8_t *loc, size_t room, uint64_t x, unsigned int shift)
{
    uint64_t lo = x & 0xfff;

    if (lo & ((1U << shift) - 1))
        return -EINVAL;
    return put_insn(loc, room, 10, 12, lo >> shift);
}

int arch_livepatch_apply_rela(uint8_t *loc, uint64_t place, uint32_t type, uint64_t value,
                              size_t room)
{
    int64_t prel = (int64_t)(value - place);
    int64_t pages = (int64_t)((value & ~0xfffUL) - (place & ~0xfffUL));

    switch (type) {
    case R_AARCH64_NONE:
    case R_AARCH64_NONE_OLD:
        return 0;
    case R_AARCH64_ABS64:
        return put_data(loc, room, value, 8, false);
    case R_AARCH64_ABS32:
        return put_data(loc, room, value, 4, true);
    case R_AARCH64_ABS16:
        return put_data(loc, room, value, 2, true);
    case R_AARCH64_PREL64:
        return put_data(loc, room, (uint64_t)prel, 8, false);
    case R_AARCH64_PREL32:
        return put_data(loc, room, (uint64_t)prel, 4, true);
    case R_AARCH64_PREL16:
        return put_data(loc, room, (uint64_t)prel, 2, true);
    case R_AARCH64_MOVW_UABS_G0:
    case R_AARCH64_MOVW_UABS_G0_NC:
        return put_movw(loc, room, value, 0, type == R_AARCH64_MOVW_UABS_G0);
    case R_AARCH64_MOVW_UABS_G1:
    case R_AARCH64_MOVW_UABS_G1_NC:
        return put_movw(loc, room, value, 1, type == R_AARCH64_MOVW_UABS_G1);
    case R_AARCH64_MOVW_UABS_G2:
    case R_AARCH64_MOVW_UABS_G2_NC:
        return put_movw(loc, room, value, 2, type == R_AARCH64_MOVW_UABS_G2);
    case R_AARCH64_MOVW_UABS_G3:
        return put_movw(loc, room, value, 3, false);
    case R_AARCH64_LD_PREL_LO19:
    case R_AARCH64_CONDBR19:
        return put_pcrel(loc, room, prel, 5, 19);
    case R_AARCH64_TSTBR14:
        return put_pcrel(loc, room, prel, 5, 14);
    case R_AARCH64_JUMP26:
    case R_AARCH64_CALL26:
        return put_pcrel(loc, room, prel, 0, 26);
    case R_AARCH64_ADR_PREL_LO21:
        if (!fits_signed(prel, 21))
            return -EOVERFLOW;
        return put_adr(loc, room, prel);
    case R_AARCH64_ADR_PREL_PG_HI21:
        if (!fits_signed(pages, 33)) /* -2^32 <= X < 2^32 */
            return -EOVERFLOW;
        return put_adr(loc, room, pages >> 12);
    case R_AARCH64_ADR_PREL_PG_HI21_NC:
        return put_adr(loc, room, pages >> 12);
    case R_AARCH64_ADD_ABS_LO12_NC:
    case R_AARCH64_LDST8_ABS_LO12_NC:
        return put_lo12_scaled(loc, room, value, 0);
    case R_AARCH64_LDST16_ABS_LO12_NC:
        return put_lo12_scaled(loc, room, value, 1);
    case R_AARCH64_LDST32_ABS_LO12_NC:
        return put_lo12_scaled(loc, room, value, 2);
    case R_AARCH64_LDST64_ABS_LO12_NC:
        return put_lo12_scaled(loc, room, value, 3);
    case R_AARCH64_LDST128_ABS_LO12_NC:
        return put_lo12_scaled(loc, room, value, 4);
    default:
        return -EOPNOTSUPP;
    }
}

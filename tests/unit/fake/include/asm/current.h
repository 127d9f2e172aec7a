/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake arch's running vCPU: a variable the tests set. */
#ifndef ASM_FAKE_CURRENT_H
#define ASM_FAKE_CURRENT_H

struct vcpu;
extern struct vcpu *fake_current;

static inline struct vcpu *get_current(void)
{
    return fake_current;
}

#endif /* ASM_FAKE_CURRENT_H */

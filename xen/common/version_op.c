/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * version_op (hypercall 43): one call shape for every sub-op.
 *
 *   buf == NULL          -> the answer's size in bytes
 *   len < size           -> -ENOBUFS, nothing copied
 *   otherwise            -> the answer is copied, its size returned
 *
 * Each sub-op only says what its answer is (a struct version_answer); the
 * size probe, the bounds and the copy are done once, here, in that order, so
 * no sub-op can get them wrong.
 */
#include <public/version.h>
#include <xen/arch.h>
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>

struct version_answer {
    const void *data;
    size_t size;
    uint8_t scratch[sizeof(struct version_op_features)]; /* small answers */
};

/* A sub-op describes its answer; 0 or -errno. */
typedef int (*version_subop_fn)(const struct domain *d, struct version_answer *a);

/*
 * The sub-ops only the control domain may call, as a mask (bit n: sub-op
 * n) rather than a flag in each table entry: the table holds one pointer
 * per sub-op, 8 bytes instead of 24. get_features, the one in/out sub-op,
 * reads the guest's input after the bounds checks (vop_features_input()).
 */
#define VERSION_CONTROL_ONLY ((1u << VERSION_commandline) | (1u << VERSION_build_id))

BUILD_BUG_ON(sizeof(uint64_t) > sizeof(((struct version_answer *)0)->scratch));

static int answer_u64(struct version_answer *a, uint64_t v)
{
    unsigned int i;

    /* The ABI says little-endian whatever the CPU's byte order. */
    for (i = 0; i < 8; i++)
        a->scratch[i] = (uint8_t)(v >> (8 * i));
    a->data = a->scratch;
    a->size = 8;
    return 0;
}

static int answer_string(struct version_answer *a, const char *s)
{
    a->data = s;
    a->size = strlen(s);
    return 0;
}

static int vop_version(const struct domain *d, struct version_answer *a)
{
    return answer_u64(a, ((uint64_t)xen_major_version() << 16) | xen_minor_version());
}

static int vop_extraversion(const struct domain *d, struct version_answer *a)
{
    return answer_string(a, xen_extra_version());
}

static int vop_capabilities(const struct domain *d, struct version_answer *a)
{
    return answer_string(a, arch_capabilities());
}

static int vop_changeset(const struct domain *d, struct version_answer *a)
{
    return answer_string(a, xen_changeset());
}

static int vop_platform_parameters(const struct domain *d, struct version_answer *a)
{
    return answer_u64(a, 0); /* virt_start: guests share no address space with Keel */
}

static int vop_features_size(const struct domain *d, struct version_answer *a)
{
    a->data = a->scratch;
    a->size = sizeof(struct version_op_features);
    return 0;
}

static int vop_features_input(const struct domain *d, gvaddr_t buf, struct version_answer *a)
{
    struct version_op_features f;
    int rc;

    if (copy_from_guest(&f, buf, sizeof(f)))
        return -EFAULT;
    rc = xen_feature_submap(d, f.index, &f.bitmap);
    if (rc)
        return rc;
    memcpy(a->scratch, &f, sizeof(f));
    return 0;
}

static int vop_pagesize(const struct domain *d, struct version_answer *a)
{
    return answer_u64(a, PAGE_SIZE);
}

static int vop_guest_handle(const struct domain *d, struct version_answer *a)
{
    a->data = d->handle;
    a->size = sizeof(d->handle);
    return 0;
}

static int vop_commandline(const struct domain *d, struct version_answer *a)
{
    return answer_string(a, cmdline_get());
}

static int vop_build_id(const struct domain *d, struct version_answer *a)
{
    const uint8_t *id;
    unsigned int len;
    int rc = xen_build_id(&id, &len);

    if (rc)
        return rc;
    a->data = id;
    a->size = len;
    return 0;
}

static const version_subop_fn version_subops[] = {
    [VERSION_version] = vop_version,
    [VERSION_extraversion] = vop_extraversion,
    [VERSION_capabilities] = vop_capabilities,
    [VERSION_changeset] = vop_changeset,
    [VERSION_platform_parameters] = vop_platform_parameters,
    [VERSION_get_features] = vop_features_size,
    [VERSION_pagesize] = vop_pagesize,
    [VERSION_guest_handle] = vop_guest_handle,
    [VERSION_commandline] = vop_commandline,
    [VERSION_build_id] = vop_build_id,
};

long do_version_op(unsigned int cmd, gvaddr_t buf, unsigned long len)
{
    const struct domain *d = current->domain;
    version_subop_fn answer;
    struct version_answer a = {NULL, 0, {0}};
    int rc;

    BUILD_BUG_ON(VERSION_build_id >= 32);
    if (cmd >= ARRAY_SIZE(version_subops))
        return -ENOSYS;
    cmd = array_index_nospec(cmd, ARRAY_SIZE(version_subops));
    answer = version_subops[cmd];
    if (!answer)
        return -ENOSYS;
    if ((VERSION_CONTROL_ONLY & (1u << cmd)) && !d->is_control)
        return -EPERM;

    rc = answer(d, &a);
    if (rc)
        return rc;
    if (a.size > VERSION_OP_MAX_ANSWER)
        return -E2BIG;
    if (!buf)
        return (long)a.size;
    if (len < a.size)
        return -ENOBUFS;
    if (cmd == VERSION_get_features) {
        rc = vop_features_input(d, buf, &a);
        if (rc)
            return rc;
    }
    if (copy_to_guest(buf, a.data, a.size))
        return -EFAULT;
    return (long)a.size;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen_version (hypercall 17): Xen's legacy version call, with Xen's argument
 * types and results for sub-ops 0..14, so that Xen-aware guests run as they
 * do on Xen. New guests should use version_op (43) instead.
 */
#include <public/version.h>
#include <xen/arch.h>
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>

/* What a non-control domain reads instead of the command line (Xen's text). */
static const char denied[] = "<denied>";

/* Copy s into a zero-filled fixed-size guest buffer, truncating as Xen does. */
static long copy_fixed_string(gvaddr_t arg, const char *s, size_t size)
{
    char buf[sizeof(xen_commandline_t)];

    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(arg, buf, size) ? -EFAULT : 0;
}

static long xenver_compile_info(gvaddr_t arg)
{
    struct xen_compile_info info;

    memset(&info, 0, sizeof(info));
    strlcpy(info.compiler, xen_compiler(), sizeof(info.compiler));
    strlcpy(info.compile_by, xen_compile_by(), sizeof(info.compile_by));
    strlcpy(info.compile_domain, xen_compile_domain(), sizeof(info.compile_domain));
    strlcpy(info.compile_date, xen_compile_date(), sizeof(info.compile_date));
    return copy_to_guest(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long xenver_get_features(const struct domain *d, gvaddr_t arg)
{
    struct xen_feature_info fi;
    int rc;

    if (copy_from_guest(&fi, arg, sizeof(fi)))
        return -EFAULT;
    rc = xen_feature_submap(d, fi.submap_idx, &fi.submap);
    if (rc)
        return rc;
    return copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
}

/*
 * Sub-ops 10..14: arg == NULL asks for the size; otherwise a struct
 * xen_varbuf whose len is the room in buf[]; the bytes go there, no NUL.
 */
static long xenver_varbuf(gvaddr_t arg, const void *data, size_t size)
{
    struct xen_varbuf vb;

    if (size > VERSION_OP_MAX_ANSWER)
        return -E2BIG;
    if (!arg)
        return (long)size;
    if (copy_from_guest(&vb, arg, sizeof(vb)))
        return -EFAULT;
    if (size > vb.len)
        return -ENOBUFS;
    if (copy_to_guest(arg + offsetof(struct xen_varbuf, buf), data, size))
        return -EFAULT;
    return (long)size;
}

static long xenver_build_id(gvaddr_t arg)
{
    const uint8_t *id;
    unsigned int len;
    int rc = xen_build_id(&id, &len);

    return rc ? rc : xenver_varbuf(arg, id, len);
}

static long xenver_string2(gvaddr_t arg, const char *s)
{
    return xenver_varbuf(arg, s, strlen(s));
}

/*
 * Every sub-op but XENVER_version (a switch: no table a guest could index).
 * cold: optimized for size in this -O2 file (the Image stays under Bao's
 * 94,208 bytes), and the branch to it in do_xen_version() is the unlikely one.
 */
static long __attribute__((noinline, cold)) xenver_other(int cmd, gvaddr_t arg)
{
    const struct domain *d = current->domain;

    switch (cmd) {
    case XENVER_extraversion:
        return copy_fixed_string(arg, xen_extra_version(), sizeof(xen_extraversion_t));
    case XENVER_compile_info:
        return xenver_compile_info(arg);
    case XENVER_capabilities:
        return copy_fixed_string(arg, arch_capabilities(), sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return copy_fixed_string(arg, xen_changeset(), sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters: {
        /* Guests share no address space with Keel: there is no split. */
        struct xen_platform_parameters params = {0};

        return copy_to_guest(arg, &params, sizeof(params)) ? -EFAULT : 0;
    }
    case XENVER_get_features:
        return xenver_get_features(d, arg);
    case XENVER_pagesize:
        return arg ? -EINVAL : (long)PAGE_SIZE;
    case XENVER_guest_handle:
        return copy_to_guest(arg, d->handle, sizeof(d->handle)) ? -EFAULT : 0;
    case XENVER_commandline:
        if (!d->is_control)
            return copy_to_guest(arg, denied, sizeof(denied)) ? -EFAULT : 0;
        return copy_fixed_string(arg, cmdline_get(), sizeof(xen_commandline_t));
    case XENVER_build_id:
        if (!d->is_control)
            return -EPERM;
        return xenver_build_id(arg);
    case XENVER_extraversion2:
        return xenver_string2(arg, xen_extra_version());
    case XENVER_capabilities2:
        return xenver_string2(arg, arch_capabilities());
    case XENVER_changeset2:
        return xenver_string2(arg, xen_changeset());
    case XENVER_commandline2:
        if (!d->is_control)
            return -EPERM;
        return xenver_string2(arg, cmdline_get());
    default:
        return -ENOSYS;
    }
}

/*
 * XENVER_version is the call guests make most (Linux at boot, and the null
 * hypercall of every benchmark): answered before anything else, without
 * the stack frame and the domain the other sub-ops need.
 */
long do_xen_version(int cmd, gvaddr_t arg)
{
    if (cmd == XENVER_version)
        return xen_version_number();
    return xenver_other(cmd, arg);
}

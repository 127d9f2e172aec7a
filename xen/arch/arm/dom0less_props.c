// SPDX-License-Identifier: GPL-2.0-only
/*
 * What Keel does with each dom0less binding of Xen
 * (docs/misc/arm/device-tree/booting.txt): every property of a "xen,domain"
 * node, of its subnodes, and the parts of /chosen that concern guests is
 * implemented, accepted as harmless (with the reason below), or refused by
 * name. A refused domain property or subnode means that domain is not
 * created (the others are), as Xen refuses a domain it cannot build as
 * configured: running a guest without the static memory, shared memory,
 * event channel or device it was promised would break it in ways far from
 * the cause. An unknown name (a typo included) is refused the same way.
 */
#include <asm/passthrough.h>
#include <asm/setup.h>
#include <libfdt.h>
#include <xen/lib.h>
#include <xen/string.h>

/*
 * The lists are NUL-separated strings that end with an empty one
 * ("a\0" "b\0" ""), so that they hold no pointers: a table of pointers
 * costs the Image 32 bytes an entry (the pointer and its boot-time
 * relocation), and the Image has a size budget. A refusal list holds pairs:
 * a name, then why it is refused (the text after "not supported").
 */

/* Domain-node properties dom0less.c implements, or that are harmless. */
static const char domain_ok[] =
    "compatible\0" "memory\0" "cpus\0" "vpl011\0" "capabilities\0"
    /* Read by cpupool_dt.c; "keel,sched-priority" is Keel's (docs/dom0less.md). */
    "domain-cpupool\0" "keel,sched-priority\0"
    /* They describe the modules' "reg" (read by dom0less.c). */
    "#address-cells\0" "#size-cells\0"
    /*
     * Upper bounds on grant tables: Keel gives a guest no grant table, so
     * any bound is met, and a guest finds none in its device tree.
     */
    "max_grant_version\0" "max_grant_frames\0" "max_maptrack_frames\0"
    /* Read by static_mem.c. */
    "xen,static-mem\0" "#xen,static-mem-address-cells\0" "#xen,static-mem-size-cells\0"
    /* Read by direct_map.c. */
    "direct-map\0"
    /* Device-tree bookkeeping from dtc, meaning nothing to a domain. */
    "phandle\0" "linux,phandle\0" "name\0" "";

/* Known domain-node properties Keel does not implement (yet). */
static const char domain_refused[] =
    "xen,enhanced\0" "Xen PV interfaces: hypervisor node, grant tables, xenstore\0"
    "nr_spis\0" "a configurable number of vGIC SPIs\0"
    "sve\0" "SVE for guests\0"
    "llc-colors\0" "cache colouring\0"
    "xen,domain-p2m-mem-mb\0" "a per-domain stage-2 pool size\0"
    "trap-unmapped-accesses\0" "a choice for unmapped accesses (they always crash the guest)\0"
    "passthrough\0" "device passthrough\0" "";

/* Module-node properties: the implemented ones and a harmless one. */
static const char module_ok[] =
    "compatible\0" "reg\0" "bootargs\0"
    /* Names the file for Xen's EFI stub; without it, "reg" locates the module. */
    "xen,uefi-binary\0"
    "phandle\0" "linux,phandle\0" "name\0" "";

/* Known kinds of domain subnode (by compatible) Keel does not implement. */
static const char subnode_refused[] =
    "xen,domain-shared-memory-v1\0" "static shared memory\0"
    "xen,evtchn-v1\0" "static event channels\0"
    "xen,evtchn\0" "static event channels\0" "";

/*
 * "xen,cpupool" node properties (docs/misc/arm/device-tree/cpupools.txt),
 * and Keel's "keel,sched-slice-us" for a sharing pool's slice.
 */
static const char cpupool_ok[] =
    "compatible\0" "cpupool-cpus\0" "cpupool-sched\0" "keel,sched-slice-us\0"
    "phandle\0" "linux,phandle\0" "name\0" "";

/* /chosen properties for Xen that concern no dom0less domain Keel builds. */
static const char chosen_refused[] =
    "xen,dom0-bootargs\0" "Keel builds no dom0\0"
    "xen,static-heap\0" "a static hypervisor heap\0"
    "xen,static-mem\0" "static memory\0" "";

/* The string after s in a list. */
static const char *next_str(const char *s)
{
    return s + strlen(s) + 1;
}

static bool in_list(const char *list, const char *name)
{
    const char *s;

    for (s = list; *s; s = next_str(s))
        if (!strcmp(s, name))
            return true;
    return false;
}

/* Why name is refused, if list names it; NULL if not. */
static const char *refusal_of(const char *list, const char *name)
{
    const char *s;

    for (s = list; *s; s = next_str(next_str(s)))
        if (!strcmp(s, name))
            return next_str(s);
    return NULL;
}

/* The first refused property of node: printed, false; true if none. */
static bool props_ok(const void *fdt, int node, const char *dom, const char *sub,
                     const char *ok, const char *known)
{
    int prop;

    fdt_for_each_property_offset(prop, fdt, node) {
        const char *pname;
        const char *why;

        if (!fdt_getprop_by_offset(fdt, prop, &pname, NULL))
            continue;
        if (in_list(ok, pname))
            continue;
        why = refusal_of(known, pname);
        printk("%s%s%s: property \"%s\" is not supported (%s): guest not created\n", dom,
               sub ? ": " : "", sub ? sub : "", pname, why ? why : "unknown to Keel");
        return false;
    }
    return true;
}

bool dom0less_config_ok(const void *fdt, int dom)
{
    const char *name = dt_node_name(fdt, dom);
    int node;

    /* Xen refuses (panics on) a direct map without static memory: it has no RAM to map 1:1. */
    if (dt_prop(fdt, dom, "direct-map") && !dt_prop(fdt, dom, "xen,static-mem")) {
        printk_refuse_guest(name, "property \"direct-map\" without \"xen,static-mem\" (Xen "
                            "refuses it too)");
        return false;
    }
    if (!props_ok(fdt, dom, name, NULL, domain_ok, domain_refused))
        return false;
    fdt_for_each_subnode(node, fdt, dom) {
        const char *sub = dt_node_name(fdt, node), *why = NULL, *compat, *s;

        for (s = subnode_refused; *s && !why; s = next_str(next_str(s)))
            if (!fdt_node_check_compatible(fdt, node, s))
                why = next_str(s);
        if (!why && fdt_node_check_compatible(fdt, node, "multiboot,kernel") &&
            fdt_node_check_compatible(fdt, node, "multiboot,ramdisk") &&
            fdt_node_check_compatible(fdt, node, "multiboot,device-tree"))
            why = "unknown to Keel";
        if (why) {
            /* The first string of "compatible" (the specific kind), or none. */
            if (dt_prop_string(fdt, node, "compatible", &compat) <= 0)
                compat = "";
            printk_refuse_guest(name, "%s: node of compatible \"%s\" is not supported (%s)", sub,
                                compat, why);
            return false;
        }
        if (!props_ok(fdt, node, name, sub, module_ok, ""))
            return false;
    }
    return true;
}

bool dom0less_cpupool_ok(const void *fdt, int pool)
{
    int prop;

    fdt_for_each_property_offset(prop, fdt, pool) {
        const char *pname;

        if (!fdt_getprop_by_offset(fdt, prop, &pname, NULL) || in_list(cpupool_ok, pname))
            continue;
        printk_refuse_pool(dt_node_name(fdt, pool),
                           "property \"%s\" is not supported (unknown to Keel)", pname);
        return false;
    }
    return true;
}

void dom0less_check_chosen(const void *fdt, int chosen)
{
    int prop, node, depth = 0;

    /*
     * "xen,passthrough" on a host device: the hypervisor never uses it (Keel
     * has no dom0 to keep it from); a domain's partial device tree may
     * assign it. On a device the hypervisor does use it cannot hold.
     */
    for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
         node = fdt_next_node(fdt, node, &depth)) {
        const char *hyp;

        if (!dt_prop(fdt, node, "xen,passthrough"))
            continue;
        hyp = passthrough_hyp_device(fdt, node);
        if (hyp)
            printk("%s: property \"xen,passthrough\" on %s, which the hypervisor uses: "
                   "ignored\n", dt_node_name(fdt, node), hyp);
    }

    fdt_for_each_property_offset(prop, fdt, chosen) {
        const char *pname, *why;

        /*
         * Only Xen's own properties concern dom0less; the rest of /chosen
         * (bootargs, stdout-path, rng-seed, ...) belongs to boot loaders.
         */
        if (!fdt_getprop_by_offset(fdt, prop, &pname, NULL))
            continue;
        why = refusal_of(chosen_refused, pname);
        if (why)
            printk("chosen: property \"%s\" is not supported (%s): ignored\n", pname, why);
    }
    fdt_for_each_subnode(node, fdt, chosen) {
        const char *sub = dt_node_name(fdt, node);

        /* "xen,cpupool" nodes are cpupool_dt.c's. */
        if (!fdt_node_check_compatible(fdt, node, "multiboot,module"))
            printk("chosen: %s: a boot module outside any \"xen,domain\" node is not "
                   "supported (a dom0 or XSM policy): ignored\n", sub);
    }
}

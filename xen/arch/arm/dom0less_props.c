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
#include <asm/setup.h>
#include <libfdt.h>
#include <xen/lib.h>
#include <xen/string.h>

/* A name and why it is refused (the text after "not supported"). */
struct refusal {
    const char *name, *why;
};

/* Domain-node properties dom0less.c implements, or that are harmless. */
static const char *const domain_ok[] = {
    "compatible", "memory", "cpus", "vpl011", "capabilities",
    /* Read by cpupool_dt.c. */
    "domain-cpupool",
    /* They describe the modules' "reg" (read by dom0less.c). */
    "#address-cells", "#size-cells",
    /*
     * Upper bounds on grant tables: Keel gives a guest no grant table, so
     * any bound is met, and a guest finds none in its device tree.
     */
    "max_grant_version", "max_grant_frames", "max_maptrack_frames",
    /* They only give the format of "xen,static-mem", which is refused. */
    "#xen,static-mem-address-cells", "#xen,static-mem-size-cells",
    /* Device-tree bookkeeping from dtc, meaning nothing to a domain. */
    "phandle", "linux,phandle", "name",
};

/* Known domain-node properties Keel does not implement (yet). */
static const struct refusal domain_refused[] = {
    {"xen,static-mem", "static memory: guest RAM is allocated by the hypervisor"},
    {"direct-map", "guest RAM at its host-physical addresses"},
    {"xen,enhanced", "Xen PV interfaces: hypervisor node, grant tables, xenstore"},
    {"nr_spis", "a configurable number of vGIC SPIs"},
    {"sve", "SVE for guests"},
    {"llc-colors", "cache colouring"},
    {"xen,domain-p2m-mem-mb", "a per-domain stage-2 pool size"},
    {"trap-unmapped-accesses", "a choice for unmapped accesses (they always crash the guest)"},
    {"passthrough", "device passthrough"},
};

/* Module-node properties: the implemented ones and a harmless one. */
static const char *const module_ok[] = {
    "compatible", "reg", "bootargs",
    /* Names the file for Xen's EFI stub; without it, "reg" locates the module. */
    "xen,uefi-binary",
    "phandle", "linux,phandle", "name",
};

/* Known kinds of domain subnode (by compatible) Keel does not implement. */
static const struct refusal subnode_refused[] = {
    {"multiboot,device-tree", "device passthrough by a partial device tree"},
    {"xen,domain-shared-memory-v1", "static shared memory"},
    {"xen,evtchn-v1", "static event channels"},
    {"xen,evtchn", "static event channels"},
};

/* /chosen properties for Xen that concern no dom0less domain Keel builds. */
static const struct refusal chosen_refused[] = {
    {"xen,dom0-bootargs", "Keel builds no dom0"},
    {"xen,static-heap", "a static hypervisor heap"},
    {"xen,static-mem", "static memory"},
};

static bool in_list(const char *const *list, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(list[i], name))
            return true;
    return false;
}

static const char *refusal_of(const struct refusal *list, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(list[i].name, name))
            return list[i].why;
    return NULL;
}

/* The first refused property of node: printed, false; true if none. */
static bool props_ok(const void *fdt, int node, const char *dom, const char *sub,
                     const char *const *ok, size_t nok, const struct refusal *known, size_t nknown)
{
    int prop;

    fdt_for_each_property_offset(prop, fdt, node) {
        const char *pname;
        const char *why;

        if (!fdt_getprop_by_offset(fdt, prop, &pname, NULL))
            continue;
        if (in_list(ok, nok, pname))
            continue;
        why = refusal_of(known, nknown, pname);
        printk("%s%s%s: property \"%s\" is not supported (%s): guest not created\n", dom,
               sub ? ": " : "", sub ? sub : "", pname, why ? why : "unknown to Keel");
        return false;
    }
    return true;
}

bool dom0less_config_ok(const void *fdt, int dom)
{
    const char *name = fdt_get_name(fdt, dom, NULL);
    int node;

    if (!props_ok(fdt, dom, name, NULL, domain_ok, ARRAY_SIZE(domain_ok), domain_refused,
                  ARRAY_SIZE(domain_refused)))
        return false;
    fdt_for_each_subnode(node, fdt, dom) {
        const char *sub = fdt_get_name(fdt, node, NULL), *why = NULL, *compat;
        size_t i;

        for (i = 0; i < ARRAY_SIZE(subnode_refused) && !why; i++)
            if (!fdt_node_check_compatible(fdt, node, subnode_refused[i].name))
                why = subnode_refused[i].why;
        if (!why && fdt_node_check_compatible(fdt, node, "multiboot,kernel") &&
            fdt_node_check_compatible(fdt, node, "multiboot,ramdisk"))
            why = "unknown to Keel";
        if (why) {
            /* The first string of "compatible" (the specific kind), or none. */
            if (dt_prop_string(fdt, node, "compatible", &compat) <= 0)
                compat = "";
            printk("%s: %s: node of compatible \"%s\" is not supported (%s): guest not "
                   "created\n", name, sub, compat, why);
            return false;
        }
        if (!props_ok(fdt, node, name, sub, module_ok, ARRAY_SIZE(module_ok), NULL, 0))
            return false;
    }
    return true;
}

void dom0less_check_chosen(const void *fdt, int chosen)
{
    int prop, node, depth = 0;

    /*
     * "xen,passthrough" on a host device keeps it from dom0 for a domU's
     * partial device tree: Keel has neither, so the device stays unused.
     */
    for (node = fdt_next_node(fdt, -1, &depth); node >= 0; node = fdt_next_node(fdt, node, &depth))
        if (fdt_getprop(fdt, node, "xen,passthrough", NULL))
            printk("%s: property \"xen,passthrough\" is not supported (device passthrough): "
                   "ignored\n", fdt_get_name(fdt, node, NULL));

    fdt_for_each_property_offset(prop, fdt, chosen) {
        const char *pname, *why;

        /*
         * Only Xen's own properties concern dom0less; the rest of /chosen
         * (bootargs, stdout-path, rng-seed, ...) belongs to boot loaders.
         */
        if (!fdt_getprop_by_offset(fdt, prop, &pname, NULL))
            continue;
        why = refusal_of(chosen_refused, ARRAY_SIZE(chosen_refused), pname);
        if (why)
            printk("chosen: property \"%s\" is not supported (%s): ignored\n", pname, why);
    }
    fdt_for_each_subnode(node, fdt, chosen) {
        const char *sub = fdt_get_name(fdt, node, NULL);

        /* "xen,cpupool" nodes are cpupool_dt.c's. */
        if (!fdt_node_check_compatible(fdt, node, "multiboot,module"))
            printk("chosen: %s: a boot module outside any \"xen,domain\" node is not "
                   "supported (a dom0 or XSM policy): ignored\n", sub);
    }
}

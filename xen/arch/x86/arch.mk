# SPDX-License-Identifier: GPL-2.0-only
#
# The x86-64 VT-x hypervisor: out/x86_64/xen-syms (ELF64 with symbols and a
# GNU build-id), out/x86_64/xen (the same, stripped and converted to ELF32 so
# that multiboot1 loaders such as QEMU's -kernel take it; GRUB takes both)
# and out/x86_64/keel.iso (GRUB rescue ISO with the test guests as modules).

ifneq ($(filter x86_64,$(ARCHES)),)

X86_DIR := xen/arch/x86
X86_OUT := $(O)/x86_64

X86_SRCS := $(sort $(wildcard $(X86_DIR)/*.c $(X86_DIR)/hvm/*.c $(X86_DIR)/hvm/vmx/*.c))
X86_ASMS := $(sort $(wildcard $(X86_DIR)/*.S $(X86_DIR)/hvm/vmx/*.S))
X86_OBJS := $(patsubst $(X86_DIR)/%.c,$(X86_OUT)/arch/%.o,$(X86_SRCS)) \
            $(patsubst $(X86_DIR)/%.S,$(X86_OUT)/arch/%.o,$(X86_ASMS))
X86_CFLAGS = $(HV_CFLAGS) $(HV_CFLAGS_x86_64) -I$(X86_DIR)/include -I$(X86_OUT)/include

$(X86_OUT)/arch/%.o: $(X86_DIR)/%.c $(X86_OUT)/include/generated/compile.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CROSS_x86_64)gcc $(X86_CFLAGS) -MMD -MP -c $< -o $@

$(X86_OUT)/arch/%.o: $(X86_DIR)/%.S
	@mkdir -p $(@D)
	$(call quiet,AS,$@)$(CROSS_x86_64)gcc $(X86_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

$(X86_OUT)/xen-syms: $(X86_OBJS) $(COMMON_OBJS_x86_64) $(X86_DIR)/xen.lds \
                      scripts/link-symbols.sh scripts/gen-symbols.sh \
                      scripts/check-nospec.sh scripts/nospec-sites.txt
	$(call quiet,LD,$@)scripts/link-symbols.sh $@ $(CROSS_x86_64)nm $(CROSS_x86_64)gcc \
	    $(CROSS_x86_64)ld -m elf_x86_64 -nostdlib -z noexecstack -z max-page-size=4096 \
	    --build-id=sha1 -T $(X86_DIR)/xen.lds $(X86_OBJS) $(COMMON_OBJS_x86_64)
	@scripts/check-nospec.sh x86_64 $(CROSS_x86_64)objdump $@ scripts/nospec-sites.txt || \
	    { rm -f $@; exit 1; }

$(X86_OUT)/xen: $(X86_OUT)/xen-syms
	$(call quiet,OBJCOPY,$@)$(CROSS_x86_64)objcopy --strip-all -O elf32-i386 $< $@

# The ISO boots the portable ABI guest twice (d1 control domain, d2 not),
# the isolation guest (d3), a guest spinning without exits (d4), one that
# triple-faults (d5) and a module without a PVH note, which must be refused.
# The guests are built by tests/x86_64/suite.mk.
X86_GUESTS := $(patsubst %,$(X86_OUT)/guests/%.elf,abi_test isolation spin triple_fault no-pvh-note)
X86_ISO_MODULES = \
    "$(X86_OUT)/guests/abi_test.elf name=abi mem=16M cpus=1 caps=1 control cmdline=keel-test" \
    "$(X86_OUT)/guests/abi_test.elf name=guest mem=16M cpus=1 caps=0 plain" \
    "$(X86_OUT)/guests/isolation.elf name=isolation mem=8M cpus=1 overwrite=0x100000 write=0x900000" \
    "$(X86_OUT)/guests/spin.elf name=spin mem=4M cpus=1 spin=150000000" \
    "$(X86_OUT)/guests/triple_fault.elf name=triple mem=4M cpus=1" \
    "$(X86_OUT)/guests/no-pvh-note.elf name=nonote mem=4M cpus=1 caps=0"
X86_XEN_ARGS := console=com1 loglvl=info keel-test
$(X86_OUT)/keel.iso: $(X86_OUT)/xen $(X86_GUESTS) tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(X86_OUT)/xen "$(X86_XEN_ARGS)" $(X86_ISO_MODULES)

ALL_TARGETS += $(X86_OUT)/xen $(X86_OUT)/xen-syms $(X86_OUT)/keel.iso

-include $(X86_OBJS:.o=.d)

endif

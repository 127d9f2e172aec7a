# SPDX-License-Identifier: GPL-2.0-only
#
# Debian 12's amd64 Linux kernel as a generic PVH guest of Keel on x86, in
# Bochs through GRUB: make check-linux-x86_64 (part of make test: the ABI
# test guest alone, then beside a 2-vCPU Linux booting to /init, reading a
# line typed on the console; about 2 minutes of Bochs), make
# check-linux-x86_64-long (make test-long: a panicking Linux and one reading
# outside its RAM) and make bench-linux-x86_64 (part of make bench). The
# kernel and busybox come from Debian's mirror through fetch.sh, cached
# under $(O)/linux-x86_64.

ifneq ($(filter x86_64,$(ARCHES)),)

LINUX_X86_DIR := $(O)/linux-x86_64
# vCPUs of every Linux boot here, make test's included: the 2-vCPU boot
# beside the ABI guest takes 40-110 s of Bochs on a shared machine (the
# ABI guest alone 6 s more), under the issue's 4 minutes, so no 1-vCPU
# variant is needed for make test.
LINUX_X86_CPUS := 2
# Lean: no PCI probing, no mitigations to patch in; noapic because there is
# no I/O APIC (and Linux 6.1 would otherwise leave x2APIC mode, finding no
# interrupt remapping); reboot=t panic=-1: a panic ends in a triple fault;
# acpi_force_table_verification: Linux checks every table's checksum at boot;
# cryptomgr.notests: no self-tests of every crypto algorithm (initcall_debug
# showed crypto_algapi_init taking 0.24 s of the 0.74 s to /init in Bochs).
LINUX_X86_ARGS := xenleaves=off earlyprintk=serial,ttyS0,115200 console=ttyS0 printk.devkmsg=on \
                  reboot=t panic=-1 tsc=reliable mitigations=off noapic pci=off \
                  acpi_force_table_verification cryptomgr.notests

.PHONY: linux-x86_64-guest check-linux-x86_64 check-linux-x86_64-long bench-linux-x86_64
linux-x86_64-guest:
	@tests/linux-x86_64/fetch.sh $(LINUX_X86_DIR)

$(LINUX_X86_DIR)/vmlinux $(LINUX_X86_DIR)/initrd.gz: linux-x86_64-guest

$(O)/x86_64/keel-linux.iso: $(O)/x86_64/xen linux-x86_64-guest tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(LINUX_X86_DIR)/vmlinux name=linux mem=192M cpus=$(LINUX_X86_CPUS) exitstats=1 $(LINUX_X86_ARGS)" \
	    "$(LINUX_X86_DIR)/initrd.gz kind=ramdisk"

# Linux beside the ABI test guest (the x86_64 suite's d1, same module string
# and hypervisor command line): d1's result lines must be the same as in a
# run of the ABI guest alone (keel-abi-alone.iso).
LINUX_X86_ABI := "$(O)/x86_64/guests/abi_test.elf name=abi mem=16M cpus=1 caps=1 control cmdline=keel-test"
$(O)/x86_64/keel-linux-abi.iso: $(O)/x86_64/xen $(O)/x86_64/guests/abi_test.elf linux-x86_64-guest \
                                tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "$(X86_XEN_ARGS)" \
	    $(LINUX_X86_ABI) \
	    "$(LINUX_X86_DIR)/vmlinux name=linux mem=192M cpus=$(LINUX_X86_CPUS) $(LINUX_X86_ARGS) keel.mode=echo" \
	    "$(LINUX_X86_DIR)/initrd.gz kind=ramdisk"

# make run-linux ARCH=x86_64: the user in the guest's busybox shell (ttyS0).
$(O)/x86_64/keel-linux-shell.iso: $(O)/x86_64/xen linux-x86_64-guest tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(LINUX_X86_DIR)/vmlinux name=linux mem=192M cpus=$(LINUX_X86_CPUS) $(LINUX_X86_ARGS) keel.mode=shell" \
	    "$(LINUX_X86_DIR)/initrd.gz kind=ramdisk"

$(O)/x86_64/keel-abi-alone.iso: $(O)/x86_64/xen $(O)/x86_64/guests/abi_test.elf tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "$(X86_XEN_ARGS)" \
	    $(LINUX_X86_ABI)

$(O)/x86_64/keel-linux-crash.iso: $(O)/x86_64/xen linux-x86_64-guest tests/x86_64/mkiso.sh
	$(call quiet,ISO,$@)tests/x86_64/mkiso.sh $@ multiboot2 $(O)/x86_64/xen "console=com1 loglvl=info" \
	    "$(LINUX_X86_DIR)/vmlinux name=panic mem=192M cpus=$(LINUX_X86_CPUS) $(LINUX_X86_ARGS) keel.mode=panic" \
	    "$(LINUX_X86_DIR)/initrd.gz kind=ramdisk" \
	    "$(LINUX_X86_DIR)/vmlinux name=fault mem=192M cpus=$(LINUX_X86_CPUS) $(LINUX_X86_ARGS) keel.mode=fault" \
	    "$(LINUX_X86_DIR)/initrd.gz kind=ramdisk"

check-linux-x86_64: $(O)/x86_64/keel-linux-abi.iso $(O)/x86_64/keel-abi-alone.iso
	@O=$(O) tests/linux-x86_64/run.sh check

check-linux-x86_64-long: $(O)/x86_64/keel-linux-crash.iso
	@O=$(O) tests/linux-x86_64/run.sh long

# The arm64 suite has its own run-linux: this one only when x86_64 alone is asked for.
ifeq ($(ARCHES),x86_64)
.PHONY: run-linux
run-linux: $(O)/x86_64/keel-linux-shell.iso
	@O=$(O) tests/linux-x86_64/run.sh shell
endif

bench-linux-x86_64: $(O)/x86_64/keel-linux.iso
	@O=$(O) tests/linux-x86_64/run.sh bench

TEST_SUITES += linux-x86_64
LONG_TEST_SUITES += linux-x86_64-long
BENCH_TARGETS += bench-linux-x86_64

endif

# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's arm64 Linux kernel as a dom0less guest of Keel: make check-linux
# (part of make test) and make bench-linux (part of make bench). The kernel
# and busybox come from Debian's mirror through tests/linux/fetch.sh, cached
# under $(O)/linux: a second run downloads nothing.

ifneq ($(filter arm64,$(ARCHES)),)

LINUX_GUEST_DIR := $(O)/linux

.PHONY: check-linux bench-linux run-linux linux-guest
linux-guest:
	@tests/linux/fetch.sh $(LINUX_GUEST_DIR)

check-linux: $(O)/arm64/xen $(GUEST_IMAGES_arm64) linux-guest
	@O=$(O) tests/linux/run.sh check

bench-linux: $(O)/arm64/xen linux-guest
	@O=$(O) tests/linux/run.sh bench

# Interactive: Debian's kernel (or LINUX_KERNEL=, LINUX_INITRD=, LINUX_ARGS=) with a shell.
run-linux: $(O)/arm64/xen linux-guest
	@O=$(O) tests/linux/run.sh demo

TEST_SUITES += linux
BENCH_TARGETS += bench-linux

endif

# SPDX-License-Identifier: GPL-2.0-only
#
# Keel top-level build. Everything is written under out/.
#
#   make            build everything that exists (ARCH=arm64|x86_64 for one)
#   make test       install missing Debian packages, build, run every suite;
#                   the last line is "N passed, N failed"
#   make run        boot the ARM64 demo in QEMU through U-Boot
#   make coverage   lcov HTML report of xen/common/ under out/coverage/
#   make bench      print the benchmark figures
#   make headers-check   compile every public header as C89/C99/C++, both targets
#   make fuzz-guests     the hostile guests with random seeds for FUZZ_SECONDS
#   make clean
#   V=1             print the build's commands (quiet by default)
#
# Each area adds itself through a fragment included below
# (xen/arch/<arch>/arch.mk, release/release.mk, tests/<suite>/suite.mk):
#   ALL_TARGETS += files `make` builds
#   TEST_SUITES += NAME, with a target check-NAME whose output ends in a
#                  "NAME: N passed, N failed" line
#   BENCH_TARGETS += targets `make bench` runs
#   RUN_TARGET := the target `make run` runs

.DEFAULT_GOAL := all
SHELL := /bin/bash
O := out
NPROC := $(shell nproc 2>/dev/null || echo 2)

# The hypervisor's version (XENVER_version / VERSION_version and friends).
KEEL_VERSION_MAJOR := 1
KEEL_VERSION_MINOR := 0
KEEL_EXTRAVERSION := .0
export KEEL_VERSION_MAJOR KEEL_VERSION_MINOR KEEL_EXTRAVERSION

ARCH ?=
ALL_ARCHES := arm64 x86_64
ARCHES := $(if $(strip $(ARCH)),$(strip $(ARCH)),$(ALL_ARCHES))
ifneq ($(filter-out $(ALL_ARCHES),$(ARCHES)),)
$(error ARCH must be one of: $(ALL_ARCHES))
endif

HOST_MACHINE := $(shell uname -m)
CROSS_arm64 := $(if $(filter aarch64,$(HOST_MACHINE)),,aarch64-linux-gnu-)
CROSS_x86_64 := $(if $(filter x86_64,$(HOST_MACHINE)),,x86_64-linux-gnu-)

WARN_CFLAGS := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow \
               -Wstrict-prototypes -Wmissing-prototypes -Wvla
HOSTCC := gcc

# Flags for hypervisor code of every arch; each arch.mk adds HV_CFLAGS_<arch>.
HV_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-stack-protector \
             -fno-strict-aliasing -fno-asynchronous-unwind-tables \
             -fno-tree-loop-distribute-patterns -fno-delete-null-pointer-checks \
             -fno-jump-tables $(WARN_CFLAGS) -I. -Ixen/include
HV_CFLAGS_arm64 := -mgeneral-regs-only -mno-outline-atomics -mstrict-align
HV_CFLAGS_x86_64 := -mno-red-zone -mno-sse -mno-mmx -mno-sse2 -fno-pie

# Quiet builds: one line per step ("  CC       out/arm64/common/domain.o");
# `make V=1` prints the commands themselves. A recipe line starts with
# $(call quiet,TAG,$@) (in a define evaluated later: $$(call quiet,TAG,$$@)).
ifeq ($(V),1)
quiet =
else
quiet = @printf '  %-8s %s\n' '$(1)' '$(2)';
endif

ALL_TARGETS :=
TEST_SUITES :=
LONG_TEST_SUITES :=
BENCH_TARGETS :=
RUN_TARGET :=

.PHONY: all test test-long run coverage bench clean deps headers-check cppcheck \
        $(addprefix common-,$(ALL_ARCHES))

include xen/common/common.mk
include tests/unit/suite.mk
include tests/headers/suite.mk
include scripts/cppcheck.mk
-include $(sort $(wildcard xen/arch/*/arch.mk))
-include release/release.mk
-include $(sort $(filter-out tests/unit/suite.mk tests/headers/suite.mk,$(wildcard tests/*/suite.mk)))

all: $(ALL_TARGETS)

deps:
	@scripts/deps.sh

# Build first (in parallel), then run every suite one after the other so that
# emulator runs do not fight over the two cores; the summary line comes last.
test: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all
	@scripts/run-suites.sh $(TEST_SUITES)

# Suites too slow for every run (long emulator boots), same reporting.
test-long: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all
	@scripts/run-suites.sh $(LONG_TEST_SUITES)

run: deps
ifeq ($(RUN_TARGET),)
	@echo "make run: the ARM64 backend (xen/arch/arm) is not built yet; nothing to boot." >&2
	@exit 1
else
	@$(MAKE) --no-print-directory -j$(NPROC) all
	@$(MAKE) --no-print-directory $(RUN_TARGET)
endif

bench: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all
	@fail=; for t in $(BENCH_TARGETS); do \
	    $(MAKE) --no-print-directory $$t || fail="$$fail $$t"; \
	done; if [ -n "$$fail" ]; then echo "bench: failed:$$fail" >&2; exit 1; fi

# The hostile guests (arm64 in QEMU, x86_64 in Bochs) with random seeds for
# FUZZ_SECONDS (default 600); a failure stops it and prints the seed to
# replay. make test runs the same guests with fixed seeds.
.PHONY: fuzz-guests
fuzz-guests: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all
	@FUZZ_SECONDS=$(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),600) \
	    O=$(O) scripts/fuzz-guests.sh

clean:
	$(call quiet,CLEAN,$(O))rm -rf $(O)

# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release: the release tool (release/), its tests and benchmarks.
# Included by the top-level Makefile, which provides O, HOSTCC, WARN_CFLAGS.

RELEASE_TOOL := $(O)/tools/keel-release
RELEASE_OBJDIR := $(O)/tools/obj
RELEASE_LLVM_CONFIG := $(shell command -v llvm-config-14 2>/dev/null)
RELEASE_LLVM_INC := $(if $(RELEASE_LLVM_CONFIG),$(shell $(RELEASE_LLVM_CONFIG) --includedir),/usr/lib/llvm-14/include)
RELEASE_LLVM_LIB := $(if $(RELEASE_LLVM_CONFIG),$(shell $(RELEASE_LLVM_CONFIG) --libdir),/usr/lib/llvm-14/lib)
RELEASE_PKGS := libgit2 jansson nettle hogweed
RELEASE_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O2 -g $(WARN_CFLAGS) -I$(RELEASE_LLVM_INC) \
                  $(shell pkg-config --cflags $(RELEASE_PKGS) 2>/dev/null) -MMD -MP
# libclang is dlopen()ed on first use (clang_api.c): commands that parse no
# header do not pay for loading it.
RELEASE_CFLAGS += -DKEEL_LIBCLANG='"$(RELEASE_LLVM_LIB)/libclang.so.1"'
RELEASE_LIBS := -ldl \
                $(shell pkg-config --libs $(RELEASE_PKGS) 2>/dev/null || echo -lgit2 -ljansson -lnettle -lhogweed)

RELEASE_SRCS := $(sort $(wildcard release/*.c))
RELEASE_OBJS := $(patsubst release/%.c,$(RELEASE_OBJDIR)/release/%.o,$(RELEASE_SRCS))

ALL_TARGETS += $(RELEASE_TOOL)
TEST_SUITES += release release-check
BENCH_TARGETS += bench-release

.PHONY: check-release check-release-check release-check bench-release

$(RELEASE_OBJDIR)/release/%.o: release/%.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(HOSTCC) $(RELEASE_CFLAGS) -c $< -o $@

$(RELEASE_TOOL): $(RELEASE_OBJS)
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(HOSTCC) -o $@ $^ $(RELEASE_LIBS)

-include $(RELEASE_OBJS:.o=.d)

# ---- tests ----
# The CUnit tests of the diff and classification logic build with ASan/UBSan.
RELEASE_UNIT := $(O)/tools/test-release-unit
RELEASE_UNIT_SRCS := tests/release/unit_main.c tests/release/unit_diff.c \
                     tests/release/unit_rules.c tests/release/unit_gov.c release/abi.c release/abi_json.c \
                     release/diff.c release/util.c release/tags.c release/deprecations.c \
                     release/policy.c release/snapshot.c release/gitrepo.c release/headers.c \
                     release/maintainers.c release/record.c release/governance.c \
                     release/textcheck.c release/govfile.c release/signers.c release/sshsig.c release/sigcache.c
RELEASE_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(RELEASE_UNIT): $(RELEASE_UNIT_SRCS) $(wildcard release/*.h tests/release/*.h)
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(HOSTCC) -std=gnu11 -D_GNU_SOURCE -O1 -g $(WARN_CFLAGS) $(RELEASE_SAN) -Irelease \
	    $(shell pkg-config --cflags jansson libgit2 2>/dev/null) \
	    -o $@ $(RELEASE_UNIT_SRCS) -lcunit $(RELEASE_LIBS)

check-release: $(RELEASE_TOOL) $(RELEASE_UNIT)
	@KR=$(abspath $(RELEASE_TOOL)) UNIT=$(abspath $(RELEASE_UNIT)) OUTDIR=$(abspath $(O)) \
	    tests/release/run.sh

# Our own history: the gate since the last release, the deprecation rules at
# HEAD, and the baseline regenerating byte for byte from its commit.
check-release-check: $(RELEASE_TOOL)
	@KR=$(abspath $(RELEASE_TOOL)) tests/release/self-check.sh

# Compatible changes (bit 4) pass; anything else fails.
release-check: $(RELEASE_TOOL)
	@$(RELEASE_TOOL) check --last-release; rc=$$?; \
	if [ $$((rc & ~4)) -ne 0 ]; then echo "release-check: FAILED (exit status $$rc)"; exit 1; fi; \
	echo "release-check: passed (exit status $$rc)"

# The benchmarks' entry signer (tests/release/bench_sign.c): generated
# histories with 40 000 signed entries, without running ssh-keygen for each.
RELEASE_BENCH_SIGN := $(O)/tools/bench-sign

$(RELEASE_BENCH_SIGN): tests/release/bench_sign.c
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(HOSTCC) -std=gnu11 -D_GNU_SOURCE -O2 $(WARN_CFLAGS) -o $@ $< -lnettle -lhogweed

bench-release: $(RELEASE_TOOL) $(RELEASE_BENCH_SIGN)
	@KR=$(abspath $(RELEASE_TOOL)) tests/release/bench.sh
	@KR=$(abspath $(RELEASE_TOOL)) bash tests/release/bench-governance.sh
	@KR=$(abspath $(RELEASE_TOOL)) BENCH_SIGN=$(abspath $(RELEASE_BENCH_SIGN)) \
	    bash tests/release/bench-history.sh

# SPDX-License-Identifier: GPL-2.0-only
#
# keel-release: the release tool (release/), its tests and benchmarks.
# Included by the top-level Makefile, which provides O, HOSTCC, WARN_CFLAGS.

RELEASE_TOOL := $(O)/tools/keel-release
RELEASE_OBJDIR := $(O)/tools/obj
RELEASE_LLVM_CONFIG := $(shell command -v llvm-config-14 2>/dev/null)
RELEASE_LLVM_INC := $(if $(RELEASE_LLVM_CONFIG),$(shell $(RELEASE_LLVM_CONFIG) --includedir),/usr/lib/llvm-14/include)
RELEASE_LLVM_LIB := $(if $(RELEASE_LLVM_CONFIG),$(shell $(RELEASE_LLVM_CONFIG) --libdir),/usr/lib/llvm-14/lib)
RELEASE_PKGS := libgit2 jansson
RELEASE_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O2 -g $(WARN_CFLAGS) -I$(RELEASE_LLVM_INC) \
                  $(shell pkg-config --cflags $(RELEASE_PKGS) 2>/dev/null) -MMD -MP
RELEASE_LIBS := -L$(RELEASE_LLVM_LIB) -Wl,-rpath,$(RELEASE_LLVM_LIB) -lclang \
                $(shell pkg-config --libs $(RELEASE_PKGS) 2>/dev/null || echo -lgit2 -ljansson)

RELEASE_SRCS := $(sort $(wildcard release/*.c))
RELEASE_OBJS := $(patsubst release/%.c,$(RELEASE_OBJDIR)/release/%.o,$(RELEASE_SRCS))

ALL_TARGETS += $(RELEASE_TOOL)
TEST_SUITES += release release-check
BENCH_TARGETS += bench-release

.PHONY: check-release check-release-check release-check bench-release

$(RELEASE_OBJDIR)/release/%.o: release/%.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(RELEASE_CFLAGS) -c $< -o $@

$(RELEASE_TOOL): $(RELEASE_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) -o $@ $^ $(RELEASE_LIBS)

-include $(RELEASE_OBJS:.o=.d)

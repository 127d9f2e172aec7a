# SPDX-License-Identifier: GPL-2.0-only
# Every public header standalone as C89/C99/C++, both targets (suite "headers").
TEST_SUITES += headers

headers-check check-headers:
	@tests/headers/check.sh

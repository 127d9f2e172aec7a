/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * govfile.h - reading the governance files (MAINTAINERS, governance/...)
 * from a revision or the work tree. A symbolic link anywhere on the way is
 * refused: a committed governance/changes -> /tmp/x would otherwise make
 * review write, and check read, outside the repository.
 */
#ifndef KEEL_RELEASE_GOVFILE_H
#define KEEL_RELEASE_GOVFILE_H

#include "snapshot.h"

/*
 * The file's text at s, NULL when absent. Fatal when path or a directory
 * above it is a symbolic link. When the bytes are not clean UTF-8 text
 * lines (textcheck.h), *err is set to an allocated "what:line: message"
 * (the text is still returned); *err is NULL otherwise.
 */
char *govfile_read(const struct snapshot *s, const char *path, const char *what, char **err);
/* The same, with a text problem fatal. */
char *govfile_read_strict(const struct snapshot *s, const char *path, const char *what);
/* Fatal when path (relative to the work tree root dir) or a directory above it is a symlink. */
void govfile_no_symlink(const char *root, const char *path);

#endif

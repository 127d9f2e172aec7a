/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sign.c - "ssh-keygen -Y sign" on a temporary file.
 */
#include "sign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

/* A literal "key::ssh-ed25519 AAAA..." value (git's form) as a file in dir. */
static char *literal_key_file(const char *dir, const char *key)
{
    char *path = xasprintf("%s/key.pub", dir), *text = xasprintf("%s\n", key);

    write_file_atomic(path, text, strlen(text));
    free(text);
    return path;
}

static char *git_signing_key(git_repository *repo)
{
    git_config *cfg;
    git_buf fmt = {0}, key = {0};
    char *out = NULL;

    if (git_repository_config_snapshot(&cfg, repo))
        return NULL;
    if (!git_config_get_string_buf(&fmt, cfg, "gpg.format") && !strcmp(fmt.ptr, "ssh") &&
        !git_config_get_string_buf(&key, cfg, "user.signingkey"))
        out = xstrdup(key.ptr);
    git_buf_dispose(&fmt);
    git_buf_dispose(&key);
    git_config_free(cfg);
    return out;
}

char *sign_key_path(git_repository *repo, const char *option)
{
    const char *env = getenv("KEEL_SIGNING_KEY");
    char *k;

    if (option)
        return xstrdup(option);
    if (env && *env)
        return xstrdup(env);
    k = git_signing_key(repo);
    if (!k)
        fatal("review: no key to sign the entry with: give --key FILE, set KEEL_SIGNING_KEY, or "
              "git config gpg.format ssh and user.signingkey");
    if (!strncmp(k, "~/", 2) && getenv("HOME")) {
        char *full = xasprintf("%s/%s", getenv("HOME"), k + 2);

        free(k);
        k = full;
    }
    return k;
}

static int run(char *const argv[])
{
    pid_t pid = fork();
    int status;

    if (pid < 0)
        fatal("fork: %s", strerror(errno));
    if (pid == 0) {
        /* Its own chatter ("Signing file ...") is not ours; prompts go to the tty. */
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execvp(argv[0], argv);
        fprintf(stderr, "keel-release: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            fatal("waitpid: %s", strerror(errno));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

char *sign_message(const char *keyfile, const char *ns, const char *msg)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/keel-sign.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *file, *sigfile, *key, *sig;
    int rc;

    if (!mkdtemp(dir))
        fatal("%s: cannot create: %s", dir, strerror(errno));
    file = xasprintf("%s/entry", dir);
    sigfile = xasprintf("%s.sig", file);
    key = !strncmp(keyfile, "key::", 5) ? literal_key_file(dir, keyfile + 5) : xstrdup(keyfile);
    write_file_atomic(file, msg, strlen(msg));
    {
        char *argv[] = {"ssh-keygen", "-q", "-Y", "sign", "-n", (char *)ns, "-f", key, file, NULL};

        rc = run(argv);
    }
    sig = rc == 0 ? read_file(sigfile, NULL) : NULL;
    unlink(sigfile);
    unlink(file);
    if (key != keyfile && !strncmp(keyfile, "key::", 5))
        unlink(key);
    rmdir(dir);
    if (!sig)
        fatal("review: ssh-keygen -Y sign -f %s failed (exit %d): the entry is not written", key,
              rc);
    /* The armor's lines without the final newline: it is stored as one field. */
    while (*sig && sig[strlen(sig) - 1] == '\n')
        sig[strlen(sig) - 1] = '\0';
    free(file);
    free(sigfile);
    free(key);
    free(dir);
    return sig;
}

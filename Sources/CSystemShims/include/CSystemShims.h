// Declarations glibc has but Swift's Glibc module does not export (TERMINAL-NOTES.md), and a
// signal flag that C handlers set and Swift polls (Swift 6 forbids shared mutable globals).
#ifndef TALABATI_CSYSTEMSHIMS_H
#define TALABATI_CSYSTEMSHIMS_H
#include <stddef.h>
#include <wchar.h>
int wcwidth(wchar_t c);
int wcswidth(const wchar_t *s, size_t n);
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
char *ptsname(int fd);

/// Installs handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGCONT, SIGPIPE(ignored)
/// that only record the signal number. Returns 0 on success.
int tl_install_signal_flags(void);
/// Returns and clears the most urgent pending signal (terminating ones first), or 0.
int tl_take_signal(void);
/// Reports without clearing whether a terminating signal (INT, TERM, HUP, QUIT) is pending.
int tl_termination_pending(void);
/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+, hidden from Swift's Glibc module):
/// the child closes every descriptor from `from` up. Used by the tests' process spawner.
#include <spawn.h>
int tl_spawn_file_actions_closefrom(posix_spawn_file_actions_t *actions, int from);
#endif

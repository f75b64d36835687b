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
/// Gives the crash signals (SEGV, BUS, ILL, FPE, ABRT, TRAP) their default action again,
/// replacing the Swift runtime's backtracer, which on a terminal prints a stack trace and waits
/// ~30 s for a key (TERMINAL-NOTES.md). The client's exit guard, armed later, still restores
/// the terminal first and then hands the signal on to this default action.
void tl_default_crash_signals(void);
/// Returns and clears the most urgent pending signal (terminating ones first), or 0.
int tl_take_signal(void);
/// Reports without clearing whether a terminating signal (INT, TERM, HUP, QUIT) is pending.
int tl_termination_pending(void);
/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+, hidden from Swift's Glibc module):
/// the child closes every descriptor from `from` up. Used by the tests' process spawner.
#include <spawn.h>
int tl_spawn_file_actions_closefrom(posix_spawn_file_actions_t *actions, int from);

// MARK: pty and child processes for `talabati serve` (pty.c; SSH-NOTES.md)
#include <sys/types.h>
#include <stdint.h>
/// Opens a pseudo-terminal pair, both ends close-on-exec and neither the caller's controlling
/// terminal. Returns 0, or an errno value.
int tl_pty_open(int *master, int *slave);
/// Applies the RFC 4254 §8 terminal modes (`count` opcode/value pairs) to the terminal `fd`;
/// unknown opcodes are ignored. Returns 0, or an errno value.
int tl_pty_apply_modes(int fd, const uint8_t *opcodes, const uint32_t *values, int count);
/// Sets the window size of the terminal behind `fd` (the master raises SIGWINCH in the
/// slave's foreground process group). Returns 0, or an errno value.
int tl_pty_set_size(int fd, int columns, int rows, int pixel_width, int pixel_height);
/// Starts `path` in a new session with `in`/`out`/`err` as descriptors 0–2; when
/// `controlling_terminal` is non-zero, `in` (a pty slave) becomes its controlling terminal.
/// The child has default signal actions, nothing blocked, and no other descriptor. Forks in C
/// (never from Swift) and calls only async-signal-safe functions before `execve`.
/// Returns 0 and the pid, or an errno value.
int tl_spawn_session(const char *path, char *const argv[], char *const envp[], int in, int out,
                     int err, int controlling_terminal, pid_t *pid);
/// Waits for `pid` to end (retrying on EINTR) and returns its exit code, 128+N when signal N
/// ended it, or -1 on error.
int tl_wait_exit(pid_t pid);
#endif

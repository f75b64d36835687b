#define _GNU_SOURCE
#include "CSystemShims.h"
#include <signal.h>
#include <spawn.h>
#include <string.h>

static volatile sig_atomic_t tl_pending_term = 0;
static volatile sig_atomic_t tl_pending_winch = 0;
static volatile sig_atomic_t tl_pending_cont = 0;

static void tl_handler(int sig) {
  switch (sig) {
  case SIGWINCH: tl_pending_winch = 1; break;
  case SIGCONT: tl_pending_cont = 1; break;
  default: tl_pending_term = sig; break;
  }
}

void tl_default_crash_signals(void) {
  int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
}

int tl_install_signal_flags(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = tl_handler;
  sigemptyset(&sa.sa_mask);
  int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGCONT};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    if (sigaction(sigs[i], &sa, NULL) != 0) return -1;
  }
  signal(SIGPIPE, SIG_IGN);
  // A blocked mask is inherited across exec (a test runner's worker thread, a tmux server
  // started by one): unblock what we handle, or resizes and SIGTERM would never arrive.
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&set, sigs[i]);
  sigaddset(&set, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  return 0;
}

int tl_take_signal(void) {
  int s = tl_pending_term;
  if (s) { tl_pending_term = 0; return s; }
  if (tl_pending_winch) { tl_pending_winch = 0; return SIGWINCH; }
  if (tl_pending_cont) { tl_pending_cont = 0; return SIGCONT; }
  return 0;
}

int tl_termination_pending(void) { return tl_pending_term != 0; }

int tl_spawn_file_actions_closefrom(posix_spawn_file_actions_t *actions, int from) {
  return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

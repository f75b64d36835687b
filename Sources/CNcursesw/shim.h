// ncursesw wide-character API for Swift: SwiftPM drops the -D flags pkg-config prints, so enable
// the wide API here, and wrap the C macros and globals Swift cannot import (TERMINAL-NOTES.md).
//
// The "restore on every exit path" helpers below keep their state in a function-local static.
// Swift emits these inline functions (with their static) into each object file that calls
// them, so ONLY ONE Swift file (Sources/TalabatiTerminal/ExitGuard.swift) may call tl_guard_*.
#ifndef TALABATI_CNCURSESW_SHIM_H
#define TALABATI_CNCURSESW_SHIM_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

static inline WINDOW *tl_stdscr(void) { return stdscr; }
static inline WINDOW *tl_curscr(void) { return curscr; }
static inline int tl_cols(void) { return getmaxx(stdscr); }
static inline int tl_lines(void) { return getmaxy(stdscr); }
static inline int tl_colors(void) { return COLORS; }
static inline int tl_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t tl_a_bold(void) { return A_BOLD; }
static inline attr_t tl_a_reverse(void) { return A_REVERSE; }
static inline attr_t tl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tl_a_dim(void) { return A_DIM; }
static inline attr_t tl_a_normal(void) { return A_NORMAL; }
static inline int tl_key_f(int n) { return KEY_F(n); }
static inline void tl_set_escdelay(int ms) { set_escdelay(ms); }
static inline const char *tl_codeset(void) { return nl_langinfo(CODESET); }

/// The capability string `name` (e.g. "rmcup"), or NULL when the terminal lacks it.
static inline const char *tl_tigetstr(const char *name) {
  char *s = tigetstr(name);
  if (s == NULL || s == (char *)-1) return NULL;
  return s;
}

/// The window size of the terminal on `fd` via TIOCGWINSZ; 0 on success.
static inline int tl_winsize(int fd, int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
  *rows = ws.ws_row;
  *cols = ws.ws_col;
  return 0;
}

/// Sets the window size of the terminal on `fd` (tests drive a pty with this); 0 on success.
static inline int tl_set_winsize(int fd, int rows, int cols) {
  struct winsize ws;
  memset(&ws, 0, sizeof ws);
  ws.ws_row = (unsigned short)rows;
  ws.ws_col = (unsigned short)cols;
  return ioctl(fd, TIOCSWINSZ, &ws);
}

/// Puts back the default action of the signals CSystemShims' tl_install_signal_flags catches
/// (used when opening the terminal fails, so a CLI fallback still dies on Ctrl-C).
static inline void tl_default_signals(void) {
  int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGCONT};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
}

/// Stops the process with SIGTSTP's default action (Ctrl-Z in raw mode arrives as a key), then
/// puts back whatever handler was installed (ncurses' own, usually) once SIGCONT resumes it.
static inline void tl_stop_self(void) {
  struct sigaction dfl, old;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGTSTP, &dfl, &old);
  sigset_t set, oldset;
  sigemptyset(&set);
  sigaddset(&set, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &set, &oldset);
  raise(SIGTSTP);
  sigprocmask(SIG_SETMASK, &oldset, NULL);
  sigaction(SIGTSTP, &old, NULL);
}

// MARK: - Exit guard (state private to ExitGuard.swift, see the note at the top)

// Function-local static: Swift's clang importer does not emit file-scope statics of a header.
struct tl_guard_state {
  SCREEN *screen;
  int fd;
  char bytes[512];
  size_t len;
  struct termios termios;
  int have_termios;
  int atexit_done;
  int handlers_done;
  struct sigaction old[32];
};

static inline struct tl_guard_state *tl_guard(void) {
  static struct tl_guard_state state = {NULL, -1};
  return &state;
}

/// Async-signal-safe: write the precomputed restore bytes and put back the saved tty modes.
static inline void tl_guard_emergency(void) {
  if (tl_guard()->fd < 0) return;
  size_t off = 0;
  while (off < tl_guard()->len) {
    ssize_t n = write(tl_guard()->fd, tl_guard()->bytes + off, tl_guard()->len - off);
    if (n <= 0) break;
    off += (size_t)n;
  }
  if (tl_guard()->have_termios) tcsetattr(tl_guard()->fd, TCSADRAIN, &tl_guard()->termios);
  tl_guard()->fd = -1;
}

static inline void tl_guard_on_crash(int sig) {
  tl_guard_emergency();
  // Hand the signal to whoever had it before (the Swift backtracer or the default action).
  if (sig > 0 && sig < 32) sigaction(sig, &tl_guard()->old[sig], NULL);
  raise(sig);
}

static inline void tl_guard_on_exit(void) {
  if (tl_guard()->screen != NULL) {
    set_term(tl_guard()->screen);
    endwin();
    tl_guard()->screen = NULL;
  }
  tl_guard_emergency();
}

/// Saves the tty modes of `fd` before curses changes them (what a crash puts back).
static inline void tl_guard_save_modes(int fd) {
  tl_guard()->have_termios = tcgetattr(fd, &tl_guard()->termios) == 0;
}

/// Arms the guard: `screen` is ended at exit(); `bytes` are written to `fd` on a crash.
static inline void tl_guard_arm(SCREEN *screen, int fd, const char *bytes, size_t len) {
  if (len > sizeof tl_guard()->bytes) len = sizeof tl_guard()->bytes;
  memcpy(tl_guard()->bytes, bytes, len);
  tl_guard()->len = len;
  tl_guard()->screen = screen;
  tl_guard()->fd = fd;
  if (!tl_guard()->atexit_done) {
    tl_guard()->atexit_done = 1;
    atexit(tl_guard_on_exit);
  }
  if (!tl_guard()->handlers_done) {
    tl_guard()->handlers_done = 1;
    int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = tl_guard_on_crash;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
      sigaction(sigs[i], &sa, &tl_guard()->old[sigs[i]]);
    }
  }
}

/// Disarms the guard after an orderly restore of `screen` (other screens stay armed).
static inline void tl_guard_disarm(SCREEN *screen) {
  if (tl_guard()->screen == screen) {
    tl_guard()->screen = NULL;
    tl_guard()->fd = -1;
    tl_guard()->len = 0;
  }
}
#endif

// pty and child-process glue for `talabati serve` (SSH-NOTES.md): a pty per session with both
// ends close-on-exec (glibc's openpty leaves them inheritable, and a master leaked into another
// child keeps a session from ever hanging up), and a fork/setsid/TIOCSCTTY/exec done in C.
#define _GNU_SOURCE
#include "CSystemShims.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int tl_pty_open(int *master, int *slave) {
  int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (m < 0) return errno;
  char name[128];
  if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, sizeof name) != 0) {
    int e = errno;
    close(m);
    return e ? e : EIO;
  }
  int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (s < 0) {
    int e = errno;
    close(m);
    return e;
  }
  *master = m;
  *slave = s;
  return 0;
}

static void set_flag(tcflag_t *field, tcflag_t flag, uint32_t on) {
  if (on) *field |= flag; else *field &= ~flag;
}

int tl_pty_apply_modes(int fd, const uint8_t *opcodes, const uint32_t *values, int count) {
  struct termios t;
  if (tcgetattr(fd, &t) != 0) return errno;
  for (int i = 0; i < count; i++) {
    uint32_t v = values[i];
    cc_t c = v > 255 ? _POSIX_VDISABLE : (cc_t)v;
    switch (opcodes[i]) {
    case 1: t.c_cc[VINTR] = c; break;
    case 2: t.c_cc[VQUIT] = c; break;
    case 3: t.c_cc[VERASE] = c; break;
    case 4: t.c_cc[VKILL] = c; break;
    case 5: t.c_cc[VEOF] = c; break;
    case 6: t.c_cc[VEOL] = c; break;
    case 7: t.c_cc[VEOL2] = c; break;
    case 8: t.c_cc[VSTART] = c; break;
    case 9: t.c_cc[VSTOP] = c; break;
    case 10: t.c_cc[VSUSP] = c; break;
    case 12: t.c_cc[VREPRINT] = c; break;
    case 13: t.c_cc[VWERASE] = c; break;
    case 14: t.c_cc[VLNEXT] = c; break;
    case 18: t.c_cc[VDISCARD] = c; break;
    case 30: set_flag(&t.c_iflag, IGNPAR, v); break;
    case 31: set_flag(&t.c_iflag, PARMRK, v); break;
    case 32: set_flag(&t.c_iflag, INPCK, v); break;
    case 33: set_flag(&t.c_iflag, ISTRIP, v); break;
    case 34: set_flag(&t.c_iflag, INLCR, v); break;
    case 35: set_flag(&t.c_iflag, IGNCR, v); break;
    case 36: set_flag(&t.c_iflag, ICRNL, v); break;
    case 38: set_flag(&t.c_iflag, IXON, v); break;
    case 39: set_flag(&t.c_iflag, IXANY, v); break;
    case 40: set_flag(&t.c_iflag, IXOFF, v); break;
    case 41: set_flag(&t.c_iflag, IMAXBEL, v); break;
    case 42: set_flag(&t.c_iflag, IUTF8, v); break;
    case 50: set_flag(&t.c_lflag, ISIG, v); break;
    case 51: set_flag(&t.c_lflag, ICANON, v); break;
    case 53: set_flag(&t.c_lflag, ECHO, v); break;
    case 54: set_flag(&t.c_lflag, ECHOE, v); break;
    case 55: set_flag(&t.c_lflag, ECHOK, v); break;
    case 56: set_flag(&t.c_lflag, ECHONL, v); break;
    case 57: set_flag(&t.c_lflag, NOFLSH, v); break;
    case 58: set_flag(&t.c_lflag, TOSTOP, v); break;
    case 59: set_flag(&t.c_lflag, IEXTEN, v); break;
    case 60: set_flag(&t.c_lflag, ECHOCTL, v); break;
    case 61: set_flag(&t.c_lflag, ECHOKE, v); break;
    case 62: set_flag(&t.c_lflag, PENDIN, v); break;
    case 70: set_flag(&t.c_oflag, OPOST, v); break;
    case 72: set_flag(&t.c_oflag, ONLCR, v); break;
    case 73: set_flag(&t.c_oflag, OCRNL, v); break;
    case 74: set_flag(&t.c_oflag, ONOCR, v); break;
    case 75: set_flag(&t.c_oflag, ONLRET, v); break;
    case 92: set_flag(&t.c_cflag, PARENB, v); break;
    case 93: set_flag(&t.c_cflag, PARODD, v); break;
    default: break;
    }
  }
  if (tcsetattr(fd, TCSANOW, &t) != 0) return errno;
  return 0;
}

int tl_pty_set_size(int fd, int columns, int rows, int pixel_width, int pixel_height) {
  struct winsize w;
  memset(&w, 0, sizeof w);
  w.ws_col = (unsigned short)(columns > 0 && columns < 10000 ? columns : 80);
  w.ws_row = (unsigned short)(rows > 0 && rows < 10000 ? rows : 24);
  w.ws_xpixel = (unsigned short)(pixel_width > 0 && pixel_width < 65536 ? pixel_width : 0);
  w.ws_ypixel = (unsigned short)(pixel_height > 0 && pixel_height < 65536 ? pixel_height : 0);
  return ioctl(fd, TIOCSWINSZ, &w) == 0 ? 0 : errno;
}

int tl_spawn_session(const char *path, char *const argv[], char *const envp[], int in, int out,
                     int err, int controlling_terminal, pid_t *pid) {
  // Block every signal across fork so no handler of the server runs in the child before exec.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t p = fork();
  if (p < 0) {
    int e = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return e;
  }
  if (p == 0) {
    for (int s = 1; s < NSIG; s++) signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (setsid() < 0) _exit(126);
    if (controlling_terminal && ioctl(in, TIOCSCTTY, 0) != 0) _exit(126);
    // Move the three descriptors above 2 first, so dup2 never overwrites one still needed.
    int fds[3] = {in, out, err};
    for (int i = 0; i < 3; i++) {
      int d = fcntl(fds[i], F_DUPFD, 3);
      if (d < 0) _exit(126);
      fds[i] = d;
    }
    for (int i = 0; i < 3; i++) {
      if (dup2(fds[i], i) < 0) _exit(126);
    }
    // Nothing else of the server's: not its sockets, not other sessions' masters.
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
#endif
    {
      long max = sysconf(_SC_OPEN_MAX);
      for (int fd = 3; fd < (max > 0 ? max : 65536); fd++) close(fd);
    }
    execve(path, argv, envp);
    _exit(127);
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  *pid = p;
  return 0;
}

int tl_wait_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

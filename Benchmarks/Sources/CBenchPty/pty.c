#include "CBenchPty.h"
#include <sys/ioctl.h>

int bench_set_winsize(int fd, int rows, int cols) {
  struct winsize ws = {0};
  ws.ws_row = (unsigned short)rows;
  ws.ws_col = (unsigned short)cols;
  return ioctl(fd, TIOCSWINSZ, &ws);
}

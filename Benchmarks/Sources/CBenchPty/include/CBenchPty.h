// Pseudo-terminal calls glibc has but Swift's Glibc module does not export
// (../../../shared TERMINAL-NOTES.md), for painting through Terminal on a pty.
#ifndef TALABATI_CBENCHPTY_H
#define TALABATI_CBENCHPTY_H
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
char *ptsname(int fd);
/// Sets the window size of the pty behind `fd` (TIOCSWINSZ); 0 on success.
int bench_set_winsize(int fd, int rows, int cols);
#endif

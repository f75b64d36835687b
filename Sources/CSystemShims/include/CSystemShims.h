// Declarations glibc has but Swift's Glibc module does not export (TERMINAL-NOTES.md).
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
#endif

// ncursesw wide-character API for Swift: SwiftPM drops the -D flags pkg-config prints, so enable
// the wide API here, and wrap the C macros and globals Swift cannot import (TERMINAL-NOTES.md).
#ifndef TALABATI_CNCURSESW_SHIM_H
#define TALABATI_CNCURSESW_SHIM_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <curses.h>

static inline WINDOW *tl_stdscr(void) { return stdscr; }
static inline int tl_cols(void) { return getmaxx(stdscr); }
static inline int tl_lines(void) { return getmaxy(stdscr); }
static inline attr_t tl_a_bold(void) { return A_BOLD; }
static inline attr_t tl_a_reverse(void) { return A_REVERSE; }
static inline attr_t tl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tl_a_dim(void) { return A_DIM; }
static inline attr_t tl_a_normal(void) { return A_NORMAL; }
static inline int tl_key_f(int n) { return KEY_F(n); }
static inline void tl_set_escdelay(int ms) { set_escdelay(ms); }
#endif

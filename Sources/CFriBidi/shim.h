// GNU FriBidi for Swift. The paragraph-direction constants are compound C macros that Swift
// does not import (TERMINAL-NOTES.md), so they are re-exported as inline functions here.
#ifndef TALABATI_CFRIBIDI_SHIM_H
#define TALABATI_CFRIBIDI_SHIM_H
#include <fribidi/fribidi.h>

/// FRIBIDI_PAR_LTR: paragraph base direction left-to-right.
static inline FriBidiParType tl_fribidi_par_ltr(void) { return FRIBIDI_PAR_LTR; }
/// FRIBIDI_PAR_RTL: paragraph base direction right-to-left.
static inline FriBidiParType tl_fribidi_par_rtl(void) { return FRIBIDI_PAR_RTL; }
/// FRIBIDI_PAR_ON: paragraph base direction from the first strong character (P2, P3).
static inline FriBidiParType tl_fribidi_par_on(void) { return FRIBIDI_PAR_ON; }
/// Non-zero when a resolved paragraph direction is right-to-left.
static inline int tl_fribidi_par_is_rtl(FriBidiParType par) { return FRIBIDI_IS_RTL(par); }
/// Non-zero for a strong left-to-right character type (L).
static inline int tl_fribidi_is_strong_ltr(FriBidiCharType t) {
  return FRIBIDI_IS_STRONG(t) && FRIBIDI_IS_LETTER(t) && !FRIBIDI_IS_RTL(t);
}
/// Non-zero for a strong right-to-left character type (R or AL).
static inline int tl_fribidi_is_strong_rtl(FriBidiCharType t) {
  return FRIBIDI_IS_STRONG(t) && FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_RTL(t);
}
#endif

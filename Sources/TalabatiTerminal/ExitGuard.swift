import CNcursesw

/// Restores the terminal on exit paths that skip `Terminal.restore()`.
///
/// - `exit()` from anywhere: an `atexit` hook ends curses (`endwin`) for the armed screen.
/// - A crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP — a Swift trap is SIGILL or
///   SIGTRAP): an async-signal-safe handler writes precomputed bytes (`sgr0`, `rmkx`, `cnorm`,
///   `rmcup`, BDSM `CSI 8 h`) and puts back the saved tty modes, then hands the signal on to the
///   previous handler (the Swift backtracer or the default action).
///
/// On a terminal the executable puts back the default action of these signals at start
/// (`tl_default_crash_signals`, unless `SWIFT_BACKTRACE` is set): otherwise the Swift 6.3
/// backtracer would print a trace and wait ~30 s for a key after a crash (TERMINAL-NOTES.md).
///
/// This is the only file that calls the `tl_guard_*` shim functions: their state is `static`
/// in the header, so each Swift object file using them would get its own copy.
enum ExitGuard {
  /// Saves the tty modes of `fd`; call before `newterm` changes them.
  static func saveModes(fd: Int32) {
    tl_guard_save_modes(fd)
  }

  /// Arms the guard for `screen`, writing `bytes` to `fd` if the process crashes.
  static func arm(screen: OpaquePointer, fd: Int32, bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        tl_guard_arm(screen, fd, chars.baseAddress, chars.count)
      }
    }
  }

  /// Disarms the guard after an orderly restore.
  static func disarm(screen: OpaquePointer) {
    tl_guard_disarm(screen)
  }
}

import CSystemShims
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program to its end without Foundation's `Process`, for programs that leave a daemon
/// behind (tmux: `new-session` forks the server).
///
/// Why not `Process`: on Linux it learns that a child exited from the end of a socket pair the
/// child inherits. A daemon the child forks inherits it too, so `waitUntilExit` waits for the
/// daemon: a tmux server that outlives its client hung CI for 90 minutes (only on a machine
/// where no tmux server was already running). Here the child keeps descriptors 0–2 only
/// (`closefrom(3)`, so no other test's pipes leak into a server either) and `waitpid` reaps
/// exactly the child.
public enum Spawn {
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Runs `path` with `arguments`; stdin is /dev/null, stdout is captured through a temporary
  /// file (a daemon holding a pipe open would block reading it to the end), stderr is dropped.
  /// Returns the exit status (128+N for a signal) and what the program printed.
  @discardableResult
  public static func run(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil
  ) throws -> (status: Int32, output: String) {
    let outPath = NSTemporaryDirectory() + "talabati-spawn-\(UUID().uuidString)"
    defer { unlink(outPath) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    tl_spawn_file_actions_closefrom(&actions, 3)

    // The child starts with default signal actions and nothing blocked, whatever the test
    // thread had (libdispatch workers block most signals; a blocked mask survives exec).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGCONT, SIGPIPE, SIGCHLD] {
      sigaddset(&defaults, s)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let env = environment ?? ProcessInfo.processInfo.environment
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] =
      env.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }

    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard rc == 0 else {
      throw Failure(description: "cannot start \(path): \(String(cString: strerror(rc)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else {
        throw Failure(description: "waitpid \(path): \(String(cString: strerror(errno)))")
      }
    }
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let data = FileManager.default.contents(atPath: outPath) ?? Data()
    return (code, String(decoding: data, as: UTF8.self))
  }
}

import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide counter that keeps Maildir names unique within one second and process.
private let deliveryCounter = Atomic<Int>(0)

/// A Maildir (`tmp/`, `new/`, `cur/`, all 0700) that confirmation messages are delivered into.
///
/// Delivery is two-phase around the database transaction (R6, R9, R17):
/// 1. inside the transaction the message is written and fsynced into `tmp/<unique name>` and
///    its outbox row (naming that file) is inserted;
/// 2. after COMMIT the file is renamed into `new/`; if the transaction fails the tmp file is
///    deleted. So there is never a committed row without its message nor a delivered orphan.
///
/// Crash window: between COMMIT and the rename (microseconds) a crash leaves the message in
/// `tmp/`; a crash before COMMIT leaves a tmp file with no row. `recover` runs on every open:
/// tmp files whose outbox row exists are moved to `new/`; row-less ones older than one hour are
/// deleted (younger ones may belong to a transaction still running in another session).
struct Maildir: Sendable {
  let root: String

  var tmp: String { root + "/tmp" }
  var new: String { root + "/new" }
  var cur: String { root + "/cur" }

  /// Creates the Maildir's directories (mode 0700) if needed.
  static func prepare(root: String) throws -> Maildir {
    let box = Maildir(root: root)
    for dir in [box.root, box.tmp, box.new, box.cur] {
      try FileSystem.makeDirectories(dir, mode: 0o700)
    }
    return box
  }

  /// A unique Maildir name: `<epoch of now>.<pid>_<counter>.<hostname>`.
  static func uniqueName(now: Date) -> String {
    let counter = deliveryCounter.wrappingAdd(1, ordering: .relaxed).newValue
    var buffer = [CChar](repeating: 0, count: 256)
    var host = "localhost"
    if gethostname(&buffer, buffer.count - 1) == 0 {
      let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
      host = String(decoding: bytes, as: UTF8.self)
    }
    // Maildir: "/" and ":" in the host name are written as \057 and \072.
    host = host.replacingOccurrences(of: "/", with: "\\057")
      .replacingOccurrences(of: ":", with: "\\072")
    return "\(Int64(now.timeIntervalSince1970)).\(getpid())_\(counter).\(host)"
  }

  /// Writes `message` into `tmp/` (mode 0600, fsynced) and returns its file name, which
  /// starts with `now` (the message's date, so `--now` fixes it too).
  func writeTemporary(_ message: String, now: Date) throws -> String {
    let name = Self.uniqueName(now: now)
    let path = tmp + "/" + name
    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw StoreError.io("cannot write \(path): \(FileSystem.describe(errno))")
    }
    var bytes = Array(message.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { buf in
        write(fd, buf.baseAddress! + offset, buf.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(fd)
        unlink(path)
        throw StoreError.io("cannot write \(path): \(FileSystem.describe(code))")
      }
      offset += n
    }
    bytes.removeAll()
    let synced = fsync(fd)
    close(fd)
    if synced != 0 {
      unlink(path)
      throw StoreError.io("cannot write \(path): \(FileSystem.describe(errno))")
    }
    return name
  }

  /// Moves a committed message from `tmp/` to `new/`.
  func deliver(_ name: String) throws {
    if rename(tmp + "/" + name, new + "/" + name) != 0 {
      let code = errno
      // Another session's recovery (every open runs one) moved it first: delivered once.
      if code == ENOENT && access(new + "/" + name, F_OK) == 0 { return }
      throw StoreError.io("cannot deliver \(name): \(FileSystem.describe(code))")
    }
  }

  /// Deletes a message whose transaction did not commit.
  func discard(_ name: String) {
    unlink(tmp + "/" + name)
  }

  /// Finishes interrupted deliveries (see the type's documentation). `fileTime` is the file
  /// system's present, which the files' ages are measured against (not the store's clock).
  func recover(isCommitted: (String) -> Bool, fileTime now: Date) throws {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: tmp) else { return }
    for name in names {
      if isCommitted(name) {
        try deliver(name)
        continue
      }
      var info = stat()
      guard stat(tmp + "/" + name, &info) == 0 else { continue }
      let age = now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec)
      if age > 3600 { discard(name) }
    }
  }

  /// File names currently in `new/` (tests, diagnostics).
  func delivered() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).sorted()
  }
}

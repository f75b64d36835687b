import Foundation
import GRDB
import Synchronization
import TalabatiDomain

#if canImport(Glibc)
  import Glibc
#endif

/// The talabati store: one SQLite database (plus a Maildir of confirmation messages beside it).
///
/// Opening migrates the schema. Reads and writes are named after what they do; every write is
/// one call of `change(_:_:)` (Change.swift): one transaction together with its append-only
/// event rows and its message. The CLI and the TUI both call it.
///
/// Time: the store never reads the wall clock for what it writes. A time a change is about is
/// a parameter (`at now:`); the few it needs otherwise (an account's creation, an import's
/// `order-imported` events) come from `clock`, chosen by whoever opens the store (the CLI
/// passes the one `--now` freezes).
public final class AppDatabase: Sendable {
  /// The connection (a WAL `DatabasePool` on a file, a `DatabaseQueue` in memory).
  let writer: any DatabaseWriter
  /// The database file, or ":memory:".
  let path: String
  /// Where confirmation messages are delivered; nil keeps them in the outbox table only.
  let maildir: Maildir?
  /// True when the file or its directory cannot be written: reads work, writes throw
  /// `.readOnly`.
  let isReadOnly: Bool
  /// Test hook: makes every change fail at a given step (atomicity tests); armed at open or
  /// later with `arm(_:)`, once the test's givens are written.
  let fault: Mutex<FaultPoint?>
  /// Where the store's own timestamps come from (see the type's documentation).
  let clock: any Clock

  /// Arms (or, with nil, disarms) the fault every later change fails at (tests).
  func arm(_ point: FaultPoint?) {
    fault.withLock { $0 = point }
  }

  /// A step inside a write where tests inject a failure.
  enum FaultPoint: Sendable, Equatable {
    case afterItemUpdate
    case beforeCommit
  }

  private init(
    writer: any DatabaseWriter, path: String, maildir: Maildir?, isReadOnly: Bool,
    fault: FaultPoint?, clock: any Clock
  ) throws {
    self.writer = writer
    self.path = path
    self.maildir = maildir
    self.isReadOnly = isReadOnly
    self.fault = Mutex(fault)
    self.clock = clock
    try migrate()
  }

  // MARK: - Opening

  /// Opens (creating if needed) the store at `path`.
  ///
  /// Creates missing parent directories with mode 0700 and the file with mode 0600. Refuses a
  /// file that is not SQLite (left byte-identical), a damaged one, and one written by a newer
  /// talabati. A read-only file or directory opens for reading; writes then throw `.readOnly`.
  /// `clock` gives the store's own timestamps (the type's documentation).
  public static func openFile(at path: String, clock: any Clock = SystemClock()) throws
    -> AppDatabase
  {
    try openFile(at: path, forceReadOnly: false, fault: nil, clock: clock)
  }

  /// Opens the store at `path` for a command that only reads (`orders`, `show`, `export`).
  ///
  /// An existing, up-to-date store is opened through a read-only connection: the open writes
  /// nothing to the store and syncs nothing (a writable open re-creates the WAL in a write
  /// transaction: two to four `fdatasync` calls, issue 12 goal 6). SQLite still reads the
  /// WAL, so the latest committed data is seen, and the same refusals apply (not SQLite,
  /// damaged, newer). The ordinary writable open is used instead when the store is missing
  /// (it is created, as before), when it needs a migration, when the read-only connection
  /// cannot be opened, or when an account closure is due at `now` (R29: it is carried out
  /// before anything is read), or when a message waits in `Maildir/tmp/` (its writer died
  /// between COMMIT and delivery: the writable open delivers it, `Maildir.recover`). Writes on
  /// the returned store throw `.readOnly`.
  public static func openForReading(
    at path: String, now: Date, clock: any Clock = SystemClock()
  ) throws -> AppDatabase {
    var info = stat()
    guard !path.isEmpty, !path.contains("\0"), stat(path, &info) == 0 else {
      return try openFile(at: path, clock: clock)
    }
    let tmp = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
      .appendingPathComponent("Maildir/tmp").path
    if let waiting = try? FileManager.default.contentsOfDirectory(atPath: tmp), !waiting.isEmpty {
      return try openFile(at: path, clock: clock)
    }
    let nowMs = try PreparedOrder.millis(now, "the time")
    do {
      let store = try openFile(at: path, forceReadOnly: true, fault: nil, clock: clock)
      let due = try store.guarded {
        try store.writer.read { db in
          // The same condition as `applyDueClosures(now:)`.
          try Bool.fetchOne(
            db,
            sql: """
              SELECT 1 FROM account_closure
              WHERE withdrawnAt IS NULL AND erasedAt IS NULL AND effectiveAt <= ? LIMIT 1
              """,
            arguments: [nowMs]) ?? false
        }
      }
      if !due { return store }
    } catch StoreError.readOnly {
      // Needs a migration, or SQLite may not create the `-shm` beside a WAL: open as usual.
    }
    return try openFile(at: path, clock: clock)
  }

  /// An empty store in memory (tests, previews). Messages stay in the outbox table unless
  /// `maildir` names a directory to deliver them into.
  public static func inMemory(maildir: String? = nil, clock: any Clock = SystemClock()) throws
    -> AppDatabase
  {
    try inMemory(maildir: maildir, fault: nil, clock: clock)
  }

  static func inMemory(maildir: String?, fault: FaultPoint?, clock: any Clock = SystemClock())
    throws -> AppDatabase
  {
    do {
      let queue = try DatabaseQueue(configuration: makeConfiguration(readOnly: false))
      let box = try maildir.map { try Maildir.prepare(root: $0) }
      return try AppDatabase(
        writer: queue, path: ":memory:", maildir: box, isReadOnly: false, fault: fault,
        clock: clock)
    } catch {
      throw mapError(error, path: ":memory:", readOnly: false)
    }
  }

  static func openFile(
    at path: String, forceReadOnly: Bool, fault: FaultPoint?, clock: any Clock = SystemClock()
  ) throws -> AppDatabase {
    guard !path.isEmpty, !path.contains("\0") else {
      throw StoreError.invalidInput("the store path is empty")
    }
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let file = url.path
    let dir = url.deletingLastPathComponent().path
    var readOnly = forceReadOnly

    var info = stat()
    if stat(file, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFREG else { throw StoreError.notADatabase(file) }
      try checkHeader(file, size: Int64(info.st_size))
    } else {
      // A missing store: create its directory (0700) and the file itself (0600) before
      // SQLite sees it, so it is never world-readable, not even for an instant.
      do {
        try FileSystem.makeDirectories(dir, mode: 0o700)
      } catch let error as StoreError {
        throw error
      }
      let fd = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
      if fd < 0 {
        let code = errno
        if code == EACCES || code == EROFS || code == EPERM { throw StoreError.readOnly(file) }
        if code != EEXIST {
          throw StoreError.io("cannot create \(file): \(FileSystem.describe(code))")
        }
      } else {
        close(fd)
      }
    }
    if access(file, W_OK) != 0 || access(dir, W_OK) != 0 { readOnly = true }

    do {
      let config = makeConfiguration(readOnly: readOnly)
      let writer: any DatabaseWriter
      if readOnly {
        writer = try openReadOnly(file, config: config)
      } else {
        writer = try DatabasePool(path: file, configuration: config)
        try touch(writer)
      }
      let box: Maildir?
      if readOnly {
        box = nil
      } else {
        box = try Maildir.prepare(root: (dir as NSString).appendingPathComponent("Maildir"))
      }
      let store = try AppDatabase(
        writer: writer, path: file, maildir: box, isReadOnly: readOnly, fault: fault,
        clock: clock)
      try store.recoverMaildir()
      return store
    } catch {
      throw mapError(error, path: file, readOnly: readOnly)
    }
  }

  /// Reads the schema now: a damaged file fails here with SQLITE_CORRUPT / NOTADB.
  private static func touch(_ writer: any DatabaseWriter) throws {
    try writer.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
  }

  /// A read-only connection. SQLite cannot open a WAL database read-only when it may not
  /// create the `-shm` file (read-only folder); then, if no `-wal` content is pending (the
  /// last session closed cleanly), the file is opened `immutable=1`, which needs no lock
  /// files. Otherwise `.readOnly` is thrown.
  private static func openReadOnly(_ file: String, config: Configuration) throws
    -> any DatabaseWriter
  {
    do {
      let queue = try DatabaseQueue(path: file, configuration: config)
      try touch(queue)
      return queue
    } catch let error as DatabaseError
      where error.resultCode != .SQLITE_CORRUPT && error.resultCode != .SQLITE_NOTADB
    {
      var info = stat()
      let walPending = stat(file + "-wal", &info) == 0 && info.st_size > 0
      guard !walPending,
        let encoded = file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
      else { throw StoreError.readOnly(file) }
      let queue = try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: config)
      try touch(queue)
      return queue
    }
  }

  /// Refuses a non-empty file whose first 16 bytes are not "SQLite format 3\0", reading it
  /// only (R: never overwrite what is not ours).
  private static func checkHeader(_ file: String, size: Int64) throws {
    guard size > 0 else { return }  // an empty file is an empty database to SQLite
    let fd = open(file, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw StoreError.io("cannot read \(file): \(FileSystem.describe(errno))")
    }
    defer { close(fd) }
    var header = [UInt8](repeating: 0, count: 16)
    let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
    let expected = Array("SQLite format 3".utf8) + [0]
    guard n == 16, header == expected else { throw StoreError.notADatabase(file) }
  }

  /// Connection settings applied to every connection of the store.
  static func makeConfiguration(readOnly: Bool) -> Configuration {
    var config = Configuration()
    config.readonly = readOnly
    config.foreignKeysEnabled = true
    // Concurrent sessions (CLI + TUI) wait for each other instead of failing "locked".
    config.busyMode = .timeout(5)
    config.prepareDatabase { db in
      // Deleted content is overwritten with zeros (account data, R28).
      try db.execute(sql: "PRAGMA secure_delete = ON")
    }
    return config
  }

  private func migrate() throws {
    let migrator = Schema.migrator
    let (superseded, complete) = try writer.read { db in
      (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
    }
    if superseded { throw StoreError.newerVersion(path) }
    if complete { return }
    if isReadOnly { throw StoreError.readOnly(path) }
    try migrator.migrate(writer)
  }

  /// Finishes deliveries interrupted by a crash: see `Maildir.recover`.
  ///
  /// The one reading of the system clock in the store, and it writes no timestamp: an orphan
  /// `tmp/` file's age is its modification time (set by the file system's clock) measured
  /// against the same clock. The store's `clock` may be frozen by `--now` days away, which
  /// would delete the file of a transaction still running in another session, or never
  /// delete a real orphan.
  private func recoverMaildir() throws {
    guard let maildir else { return }
    try maildir.recover(
      isCommitted: { name in
        (try? self.writer.read { db in
          try Bool.fetchOne(
            db, sql: "SELECT 1 FROM outbox WHERE maildirFile = ?", arguments: [name])
        }) ?? nil ?? false
      }, fileTime: SystemClock().now())  // store-rule: file ages
  }

  /// A full `PRAGMA quick_check` (seconds on a large store, hence not run on every open).
  public func verifyIntegrity() throws {
    try guarded {
      let result = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
      if result != ["ok"] { throw StoreError.corrupt(path) }
    }
  }

  // MARK: - Errors

  /// Runs `body`, turning SQLite and system errors into `StoreError`.
  func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw Self.mapError(error, path: path, readOnly: isReadOnly)
    }
  }

  static func mapError(_ error: any Error, path: String, readOnly: Bool) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? DatabaseError {
      switch error.resultCode {
      case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path)
      case .SQLITE_READONLY: return .readOnly(path)
      case .SQLITE_CANTOPEN where readOnly: return .readOnly(path)
      case .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path)
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        return .io("the store is busy: another session kept it locked for more than 5 s")
      case .SQLITE_FULL: return .io("the disk is full")
      case .SQLITE_CONSTRAINT:
        return .invalidInput(error.message ?? "a constraint failed")
      default:
        return .io("\(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
      }
    }
    return .io(String(describing: error))
  }
}

// MARK: - File system helpers

/// Small POSIX helpers: directories with a mode, errno text.
enum FileSystem {
  /// Creates `path` and its missing parents with `mode` (existing ones are left alone).
  static func makeDirectories(_ path: String, mode: mode_t) throws {
    var current = ""
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      current += "/" + component
      if mkdir(current, mode) != 0 {
        let code = errno
        if code == EEXIST { continue }
        if code == EACCES || code == EROFS || code == EPERM { throw StoreError.readOnly(current) }
        throw StoreError.io("cannot create \(current): \(describe(code))")
      }
      _ = chmod(current, mode)  // umask must not widen or narrow what we asked for
    }
  }

  static func describe(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}

// MARK: - Dates

extension Date {
  /// Epoch milliseconds, the store's date format.
  var epochMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

  init(epochMillis: Int64) {
    self.init(timeIntervalSince1970: Double(epochMillis) / 1000)
  }
}

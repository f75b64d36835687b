import Foundation
import TalabatiDomain
import TalabatiStore

#if canImport(Glibc)
  import Glibc
#endif

/// Where the benchmark keeps its generated stores and CSV files, and how it makes them.
///
/// Stores are generated once per size with the library call the CLI's `demo` command makes
/// (`DemoGenerator.populate` + `addDemoReturns`, `Sources/talabati/DataCommands.swift`) and
/// reused by every later run; delete the directory to start again.
enum Fixtures {
  /// The frozen clock of every figure: the `--now` of `scripts/bench-tui.py`.
  static let now = Date(timeIntervalSince1970: 1_795_770_000)  // 2026-11-27T09:00:00Z
  /// The CLI's default demo seed, so these stores equal `talabati demo --orders N --now …`.
  static let seed: UInt64 = 2026

  /// The cache directory: `TALABATI_BENCH_DIR`, else `/tmp/talabati-bench`.
  static var directory: String {
    let env = ProcessInfo.processInfo.environment["TALABATI_BENCH_DIR"] ?? ""
    return env.isEmpty ? "/tmp/talabati-bench" : env
  }

  /// The scratch directory for stores that are thrown away after one iteration.
  static var scratch: String { directory + "/scratch" }

  /// The cached demo store of `orders` orders.
  static func storePath(_ orders: Int) -> String { directory + "/demo-\(orders).sqlite" }

  /// The cached Amazon-format CSV of `rows` rows.
  static func csvPath(_ rows: Int) -> String { directory + "/amazon-\(rows)/Order History.csv" }

  /// Creates `path` and its parents.
  static func makeDirectory(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Removes a store file and its WAL/SHM companions (missing files are fine).
  static func removeStore(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
  }

  /// Generates a demo store of `orders` orders at `path` exactly as `talabati demo` does.
  /// Returns the number of orders written.
  @discardableResult
  static func generateStore(at path: String, orders: Int) throws -> Int {
    removeStore(path)
    let db = try AppDatabase.openFile(at: path)
    let account = try DemoGenerator.populate(db, orders: orders, seed: seed, now: now)
    _ = try DemoGenerator.addDemoReturns(db, account: account.id, now: now)
    return orders
  }

  /// The cached store of `orders` orders, generated first if missing (under a temporary
  /// name, renamed when complete, so an interrupted run never leaves half a store behind).
  static func ensureStore(_ orders: Int) throws -> String {
    let path = storePath(orders)
    if FileManager.default.fileExists(atPath: path) { return path }
    try makeDirectory(directory)
    let partial = path + ".partial-\(getpid())"
    try generateStore(at: partial, orders: orders)
    try adopt(partial, as: path)
    return path
  }

  /// Moves a closed store (and its Maildir, if any) into the cache under `path`.
  static func adopt(_ partial: String, as path: String) throws {
    guard rename(partial, path) == 0 else {
      throw FixtureError("cannot move \(partial) to \(path): \(String(cString: strerror(errno)))")
    }
    for suffix in ["-wal", "-shm"] { unlink(partial + suffix) }
  }

  /// The cached Amazon "Order History.csv" of `rows` rows, generated with
  /// `scripts/bench-csv.py --generate-only` (the generator of the CLI import figures).
  static func ensureCSV(_ rows: Int) throws -> String {
    let path = csvPath(rows)
    if FileManager.default.fileExists(atPath: path) { return path }
    let dir = (path as NSString).deletingLastPathComponent
    let partial = dir + ".partial-\(getpid())"
    try makeDirectory(partial)
    let script = repositoryRoot + "/scripts/bench-csv.py"
    let status = try spawn(
      "/usr/bin/python3",
      [script, "--generate-only", "--rows", "\(rows)", "--keep", partial])
    guard status == 0 else { throw FixtureError("\(script) exited with \(status)") }
    try? FileManager.default.removeItem(atPath: dir)
    guard rename(partial, dir) == 0 else { throw FixtureError("cannot move \(partial)") }
    return path
  }

  /// The talabati repository (this file is `Benchmarks/Benchmarks/TalabatiBenchmarks/…`).
  static var repositoryRoot: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }
}

/// A fixture could not be prepared; the text says what and where.
struct FixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Runs `path` with `arguments`, standard output and error to /dev/null, and waits; returns
/// the exit status (128 + signal when killed). Used for the `sqlite3` references, where the
/// time from spawn to exit is the figure.
func spawn(_ path: String, _ arguments: [String], quiet: Bool = true) throws -> Int32 {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  if quiet {
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  }
  let argvStrings: [String] = [path] + arguments
  // A small fixed environment (Swift 6 forbids reading the C global `environ`).
  let envStrings: [String] = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
  let argv: [UnsafeMutablePointer<CChar>?] = argvStrings.map { strdup($0) } + [nil]
  let envp: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
  defer { (argv + envp).forEach { free($0) } }
  var pid: pid_t = 0
  let rc = argv.withUnsafeBufferPointer { args -> Int32 in
    envp.withUnsafeBufferPointer { env -> Int32 in
      guard let a = args.baseAddress, let e = env.baseAddress else { return EINVAL }
      return posix_spawn(&pid, path, &actions, nil, a, e)
    }
  }
  guard rc == 0 else {
    throw FixtureError("cannot run \(path): \(String(cString: strerror(rc)))")
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 {
    if errno != EINTR { throw FixtureError("waitpid failed for \(path)") }
  }
  let low = status & 0x7f
  return low == 0 ? (status >> 8) & 0xff : 128 + low
}

/// The two queries of `AppDatabase.orders` (Sources/TalabatiStore/Reads.swift) for the first
/// page of the default view: the summary rows (page size 100 + 1) and the status counts of the
/// page's items. The same text as `FIRST_PAGE_SQL` in scripts/bench-tui.py.
let firstPageSQL = """
  SELECT o.id, o.placedAt, o.totalMinor, o.currency, o.itemCount, o.firstTitle, o.archived,
         o.imported, o.seq FROM "order" o
  WHERE o.accountId = (SELECT min(id) FROM account) AND o.archived = 0
    AND o.seq < 9223372036854775807
  ORDER BY o.seq DESC LIMIT 101;
  SELECT s.orderId, i.cancelledAt IS NOT NULL, s.placedAt, s.shippingStartsAt, s.shippedAt,
         s.outForDeliveryAt, s.deliveredAt
  FROM shipment s JOIN item i ON i.shipmentId = s.id
  WHERE s.orderId IN (SELECT o.id FROM "order" o WHERE o.accountId = (SELECT min(id) FROM account)
                      AND o.archived = 0 ORDER BY o.seq DESC LIMIT 100);
  """

/// Words of the demo catalogue's titles and a two-word prefix query (scripts/bench-tui.py).
let searchQueries = [
  "sony", "kindle", "anker", "samsung", "logitech", "atomic hab", "pragmatic", "hdmi", "ssd",
  "swift",
]

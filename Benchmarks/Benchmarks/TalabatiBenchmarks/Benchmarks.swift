import Benchmark
import Foundation
import TalabatiCSV
import TalabatiDomain
import TalabatiImport
import TalabatiStore
import TalabatiUI

// Issue #7, "Benchmarks": every figure at 10,000, 100,000 and 1,000,000 orders, each beside a
// reference measured in the same run (the `sqlite3` CLI for store reads and imports, a
// full-screen repaint for bytes). Benchmarks run one process each, sorted by name, so a
// figure and its reference share a name up to the colon and are printed one after the other.
// README.md beside Package.swift says how to run them; RESULTS.md holds the last figures.

/// One store size of the suite.
struct Size: Sendable {
  let orders: Int
  let label: String
  /// Iterations of the benchmarks that rebuild a whole store (generation, import).
  let wholeStoreIterations: Int
}

let sizes = [
  Size(orders: 10_000, label: "10k", wholeStoreIterations: 5),
  Size(orders: 100_000, label: "100k", wholeStoreIterations: 2),
  Size(orders: 1_000_000, label: "1M", wholeStoreIterations: 1),
]

/// Custom metrics, named so the table reads without this file.
enum Metrics {
  static let ordersPerSecond = BenchmarkMetric.custom(
    "orders per second", polarity: .prefersLarger, useScalingFactor: false)
  static let rowsPerSecond = BenchmarkMetric.custom(
    "rows per second", polarity: .prefersLarger, useScalingFactor: false)
  static let frameBytes = BenchmarkMetric.custom(
    "bytes to the terminal (B)", polarity: .prefersSmaller, useScalingFactor: false)
  static let repaintBytes = BenchmarkMetric.custom(
    "bytes, full repaint (reference, B)", polarity: .prefersSmaller, useScalingFactor: false)
  static let storeMB = BenchmarkMetric.custom(
    "store size (MB)", polarity: .prefersSmaller, useScalingFactor: false)
}

/// What each key benchmark keeps between iterations: the client, its pty and a key count.
final class KeySession {
  let client: Client
  let painter: PtyPainter
  var presses = 0

  init(store: String) throws {
    client = try Client(store: store)
    if let failure = client.lastFailure { throw FixtureError("the client failed: \(failure)") }
    painter = try PtyPainter()
    _ = painter.paint(client.frame())
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .microseconds, warmupIterations: 1, maxDuration: .seconds(10),
    maxIterations: 1_000)

  for size in sizes {
    registerGeneration(size)
    registerFirstPage(size)
    registerKeys(size)
    registerImport(size)
  }
}

// MARK: - Demo generation

/// `talabati demo --orders N` in-process: a fresh store per iteration; the first one becomes
/// the cached store the other benchmarks read.
func registerGeneration(_ size: Size) {
  Benchmark(
    "Demo generation n=\(size.label)",
    configuration: .init(
      metrics: [
        .wallClock, .cpuTotal, .peakMemoryResident, Metrics.ordersPerSecond,
        Metrics.storeMB,
      ],
      timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(900),
      maxIterations: size.wholeStoreIterations)
  ) { benchmark in
    do {
      try Fixtures.makeDirectory(Fixtures.scratch)
      let path = Fixtures.scratch + "/demo-\(size.orders)-\(getpid()).sqlite"
      Fixtures.removeStore(path)
      let start = ContinuousClock.now
      benchmark.startMeasurement()
      try Fixtures.generateStore(at: path, orders: size.orders)
      benchmark.stopMeasurement()
      let seconds = (ContinuousClock.now - start).seconds
      benchmark.measurement(Metrics.ordersPerSecond, Int(Double(size.orders) / seconds))
      benchmark.measurement(Metrics.storeMB, fileSize(path) / 1_000_000)
      if FileManager.default.fileExists(atPath: Fixtures.storePath(size.orders)) {
        Fixtures.removeStore(path)
      } else {
        try Fixtures.adopt(path, as: Fixtures.storePath(size.orders))
      }
    } catch {
      benchmark.error("demo generation failed: \(error)")
    }
  }
}

// MARK: - Store open + first page, and sqlite3 answering the same page

func registerFirstPage(_ size: Size) {
  // No `.cpuTotal` here or on the keys: Linux reports it in 10 ms ticks, coarser than these
  // spans. The reference runs in a child process, so this process's mallocs say nothing of it.
  let config = Benchmark.Configuration(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .microseconds, warmupIterations: 3, maxDuration: .seconds(10),
    maxIterations: 300)
  var referenceConfig = config
  referenceConfig.metrics = [.wallClock]

  // What the client does before its first frame: open the store (migrations checked), find
  // the account, read the newest-first page of the default view (100 rows + 1, R18: archived
  // orders left out) with its status counts.
  Benchmark(
    "First page n=\(size.label): talabati open store + first page (in-process)",
    configuration: config
  ) { benchmark, path in
    do {
      let db = try AppDatabase.openFile(at: path)
      guard let account = try db.defaultAccount() else {
        benchmark.error("\(path) holds no account")
        return
      }
      let page = try db.orders(
        account: account.id, view: .orders, limit: ListWindow.pageSize, after: nil,
        now: Fixtures.now)
      guard page.rows.count == ListWindow.pageSize else {
        benchmark.error("first page has \(page.rows.count) rows, not \(ListWindow.pageSize)")
        return
      }
      blackHole(page)
    } catch {
      benchmark.error("first page failed: \(error)")
    }
  } setup: {
    try Fixtures.ensureStore(size.orders)
  }

  // The floor for a process that opens the store and prints a page: spawn to exit.
  Benchmark(
    "First page n=\(size.label): sqlite3 CLI, same two queries (reference)",
    configuration: referenceConfig
  ) { benchmark, path in
    do {
      let status = try spawn("/usr/bin/sqlite3", ["-readonly", "-batch", path, firstPageSQL])
      if status != 0 { benchmark.error("sqlite3 exited with \(status)") }
    } catch {
      benchmark.error("\(error)")
    }
  } setup: {
    try Fixtures.ensureStore(size.orders)
  }
}

// MARK: - Key to frame, and bytes per frame

/// One benchmark per key: the measured span is key → action → update → effects against the
/// store → `view` to a `Screen`. After it (not measured) the frame is painted through
/// `Terminal` on a pty and its bytes recorded, then painted again as a full repaint, the
/// reference.
func registerKeys(_ size: Size) {
  let metrics: [BenchmarkMetric] = [
    .wallClock, .mallocCountTotal, .peakMemoryResident, Metrics.frameBytes,
    Metrics.repaintBytes,
  ]
  func config(_ iterations: Int) -> Benchmark.Configuration {
    .init(
      metrics: metrics, timeUnits: .microseconds, warmupIterations: 5,
      maxDuration: .seconds(20), maxIterations: iterations)
  }
  let prefix = "Key-to-frame n=\(size.label)"

  /// Records the bytes of the frame the user now sees and of its full repaint.
  func recordBytes(_ benchmark: Benchmark, _ s: KeySession, _ screen: Screen) {
    benchmark.measurement(Metrics.frameBytes, s.painter.paint(screen))
    benchmark.measurement(Metrics.repaintBytes, s.painter.repaint(screen))
  }

  /// Back to the newest order every `every` presses (not measured), so a long run never
  /// walks off the end of the smallest store.
  func rewind(_ s: KeySession, every: Int) {
    s.presses += 1
    if s.presses % every == 0 { _ = s.painter.paint(s.client.press(.home)) }
  }

  Benchmark("\(prefix): move (j)", configuration: config(2_000)) { benchmark, s in
    rewind(s, every: 1_000)
    benchmark.startMeasurement()
    let screen = s.client.press(.char("j"))
    benchmark.stopMeasurement()
    recordBytes(benchmark, s, screen)
  } setup: {
    try KeySession(store: Fixtures.ensureStore(size.orders))
  }

  Benchmark("\(prefix): page (PgDn)", configuration: config(500)) { benchmark, s in
    rewind(s, every: 200)
    benchmark.startMeasurement()
    let screen = s.client.press(.pageDown)
    benchmark.stopMeasurement()
    recordBytes(benchmark, s, screen)
  } setup: {
    try KeySession(store: Fixtures.ensureStore(size.orders))
  }

  // '/', the query typed, then Enter: the measured span is Enter → the newest match shown
  // (an FTS5 query walked newest first). Esc clears the search afterwards, not measured.
  Benchmark("\(prefix): search (Enter)", configuration: config(200)) { benchmark, s in
    let query = searchQueries[s.presses % searchQueries.count]
    s.presses += 1
    _ = s.painter.paint(s.client.press(.char("/")))
    _ = s.painter.paint(s.client.type(query))
    benchmark.startMeasurement()
    let screen = s.client.press(.enter)
    benchmark.stopMeasurement()
    if s.client.model.list.selectedRow == nil {
      benchmark.error("search '\(query)' found nothing")
    }
    recordBytes(benchmark, s, screen)
    _ = s.painter.paint(s.client.press(.escape))
  } setup: {
    try KeySession(store: Fixtures.ensureStore(size.orders))
  }

  // Enter on the selected order → its details loaded (`loadOrder`) and drawn. Esc goes back
  // and the selection moves one order down, not measured.
  Benchmark("\(prefix): open detail (Enter)", configuration: config(500)) { benchmark, s in
    rewind(s, every: 400)
    benchmark.startMeasurement()
    let screen = s.client.press(.enter)
    benchmark.stopMeasurement()
    if s.client.model.detail?.order == nil { benchmark.error("the order did not load") }
    recordBytes(benchmark, s, screen)
    _ = s.painter.paint(s.client.press(.escape))
    _ = s.painter.paint(s.client.press(.char("j")))
  } setup: {
    try KeySession(store: Fixtures.ensureStore(size.orders))
  }
}

// MARK: - Amazon CSV import, and sqlite3 .import of the same file

func registerImport(_ size: Size) {
  let config = Benchmark.Configuration(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, Metrics.rowsPerSecond],
    timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(900),
    maxIterations: size.wholeStoreIterations)

  Benchmark(
    "CSV import n=\(size.label) rows: talabati AmazonImporter (in-process)",
    configuration: config
  ) { (benchmark: Benchmark, csv: String) in
    do {
      let store = Fixtures.scratch + "/import-\(getpid()).sqlite"
      Fixtures.removeStore(store)
      defer { Fixtures.removeStore(store) }
      let start = ContinuousClock.now
      benchmark.startMeasurement()
      let report = try AmazonImporter(db: AppDatabase.openFile(at: store))
        .importExport(at: csv, now: Fixtures.now)
      benchmark.stopMeasurement()
      let seconds = (ContinuousClock.now - start).seconds
      guard report.rowsRead == size.orders, report.ordersImported > 0 else {
        benchmark.error(
          "read \(report.rowsRead) rows, imported \(report.ordersImported) orders")
        return
      }
      benchmark.measurement(Metrics.rowsPerSecond, Int(Double(report.rowsRead) / seconds))
    } catch {
      benchmark.error("import failed: \(error)")
    }
  } setup: {
    try Fixtures.makeDirectory(Fixtures.scratch)
    return try Fixtures.ensureCSV(size.orders)
  }

  Benchmark(
    "CSV import n=\(size.label) rows: CSV reader alone (RFC 4180 parse, no mapping, no store)",
    configuration: config
  ) { (benchmark: Benchmark, csv: String) in
    do {
      let start = ContinuousClock.now
      benchmark.startMeasurement()
      let reader = try CSVReader(path: csv)
      var records = 0
      while try reader.next() { records += 1 }
      benchmark.stopMeasurement()
      let seconds = (ContinuousClock.now - start).seconds
      // The header and the notice line before it are records too.
      guard records >= size.orders else {
        benchmark.error("read \(records) records")
        return
      }
      benchmark.measurement(Metrics.rowsPerSecond, Int(Double(records) / seconds))
    } catch {
      benchmark.error("read failed: \(error)")
    }
  } setup: {
    try Fixtures.makeDirectory(Fixtures.scratch)
    return try Fixtures.ensureCSV(size.orders)
  }

  var referenceConfig = config
  referenceConfig.metrics = [.wallClock, Metrics.rowsPerSecond]  // sqlite3 is a child process
  Benchmark(
    "CSV import n=\(size.label) rows: sqlite3 .import into a bare table (reference)",
    configuration: referenceConfig
  ) { (benchmark: Benchmark, csv: String) in
    do {
      let store = Fixtures.scratch + "/bare-\(getpid()).sqlite"
      Fixtures.removeStore(store)
      defer { Fixtures.removeStore(store) }
      let start = ContinuousClock.now
      benchmark.startMeasurement()
      let status = try spawn("/usr/bin/sqlite3", [store, ".import --csv '\(csv)' t"])
      benchmark.stopMeasurement()
      let seconds = (ContinuousClock.now - start).seconds
      guard status == 0 else {
        benchmark.error("sqlite3 .import exited with \(status)")
        return
      }
      benchmark.measurement(Metrics.rowsPerSecond, Int(Double(size.orders) / seconds))
    } catch {
      benchmark.error("\(error)")
    }
  } setup: {
    try Fixtures.makeDirectory(Fixtures.scratch)
    return try Fixtures.ensureCSV(size.orders)
  }
}

// MARK: - Helpers

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) / 1e18
  }
}

/// The size of the file at `path` in bytes (0 if it cannot be read).
func fileSize(_ path: String) -> Int {
  let attributes = try? FileManager.default.attributesOfItem(atPath: path)
  return (attributes?[.size] as? NSNumber)?.intValue ?? 0
}

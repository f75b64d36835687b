import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

/// Issue 11: every state change of the store goes through one primitive, `change(_:_:)`
/// (Change.swift), which owns the transaction, the event rows, the message and the faults; a
/// refusal reaches callers as the domain's `Refusal`; the store never reads the wall clock for
/// what it writes.
@Suite struct StoreChangeTests {
  static let day: TimeInterval = 86_400
  static let t0 = Fixture.t0

  // MARK: - The rule, in the sources

  /// The sources of TalabatiStore, non-comment lines only, by file name.
  static func storeSources() throws -> [(file: String, lines: [(Int, String)])] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/TalabatiStore")
    let files =
      FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") }.sorted() ?? []
    return try files.map { name in
      let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .map { ($0.offset + 1, String($0.element)) }
        .filter { !$0.1.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
      return (name, lines)
    }
  }

  /// No write transaction, no event insert outside Change.swift; no wall clock anywhere but
  /// the open's default clock and the Maildir's file ages (marked `store-rule: file ages`).
  @Test func onlyThePrimitiveWritesAndNothingReadsTheWallClock() throws {
    let sources = try Self.storeSources()
    #expect(sources.count > 20, "the store's sources were not found")
    var breaches: [String] = []
    for (file, lines) in sources {
      for (n, line) in lines {
        let compact = line.replacingOccurrences(of: " ", with: "")
        if file != "Change.swift" {
          for pattern in [
            "writer.write", ".write{", "writeWithoutTransaction", "inTransaction",
            "INSERTINTOevent",
            "INSERTORIGNOREINTOevent", "beginTransaction",
          ] where compact.contains(pattern) {
            breaches.append("\(file):\(n): \(pattern) outside the change primitive")
          }
        }
        for pattern in [
          "Date()", "Date.now", "timeIntervalSinceNow", "CFAbsoluteTimeGetCurrent",
          "gettimeofday", "clock_gettime", "time(nil)",
        ] where compact.contains(pattern) {
          breaches.append("\(file):\(n): \(pattern) reads the wall clock")
        }
        if compact.contains("SystemClock()") {
          let allowed =
            (file == "AppDatabase.swift" && compact.contains("clock:anyClock=SystemClock()"))
            || line.contains("store-rule: file ages")
          if !allowed { breaches.append("\(file):\(n): SystemClock() outside the open") }
        }
      }
    }
    #expect(breaches == [])
  }

  // MARK: - Atomicity of every kind of change

  /// Each kind of change the store makes, with the givens it needs (written before the fault
  /// is armed) and the change itself.
  enum Kind: String, CaseIterable, Sendable {
    case cancel, archive, unarchive, returnForRefund, replacement, callback, cancelCallback
    case fraudReport, sellerMessage, closure, withdrawClosure, erasure, importBatch
    case importedRefunds, interchangeImport, createAccount, language, setting
  }

  /// A delivered order of account 1 (returnable for 30 days), with a third-party item.
  static func deliveredOrder(_ n: Int) -> Order {
    var o = Fixture.order(
      n, placedAt: t0, shipments: [[("كتاب", .store), ("قلم", .seller)]])
    o.shipments[0].timeline.shippingStartsAt = t0.addingTimeInterval(3600)
    o.shipments[0].timeline.shippedAt = t0.addingTimeInterval(day)
    o.shipments[0].timeline.outForDeliveryAt = t0.addingTimeInterval(2 * day - 3600)
    o.shipments[0].timeline.deliveredAt = t0.addingTimeInterval(2 * day)
    o.shipments[0].items[0].category = "books"
    return o
  }

  /// Writes the givens of `kind` into `db` and returns the change to make.
  static func given(_ kind: Kind, _ db: AppDatabase) throws -> () throws -> Void {
    let fresh = Fixture.order(1, placedAt: t0)
    let delivered = deliveredOrder(2)
    let later = t0.addingTimeInterval(5 * day)
    _ = try db.insert(orders: [fresh, delivered], account: 1, actor: "test")
    switch kind {
    case .cancel:
      return {
        try db.cancel(.wholeOrder, in: fresh.id, account: 1, reason: .other, at: t0, actor: "t")
      }
    case .archive:
      return { try db.archive(order: fresh.id, account: 1, at: t0, actor: "t") }
    case .unarchive:
      try db.archive(order: fresh.id, account: 1, at: t0, actor: "t")
      return { try db.unarchive(order: fresh.id, account: 1, at: t0, actor: "t") }
    case .returnForRefund, .replacement:
      return {
        try db.requestReturn(
          items: [delivered.items[0].id], in: delivered.id, account: 1, reason: .damaged,
          resolution: kind == .replacement ? .replacement : .refund, at: later, actor: "t")
      }
    case .callback:
      return {
        try db.requestCallback(
          account: 1, at: t0.addingTimeInterval(3600), phone: "0501234567", order: fresh.id,
          now: t0, actor: "t")
      }
    case .cancelCallback:
      let c = try db.requestCallback(
        account: 1, at: t0.addingTimeInterval(3600), phone: "0501234567", order: nil, now: t0,
        actor: "t")
      return { try db.cancelCallback(id: c.id, account: 1, now: t0, actor: "t") }
    case .fraudReport:
      return {
        try db.reportFraud(
          account: 1, text: "رسالة مشبوهة", url: "https://evil.example", now: t0, actor: "t")
      }
    case .sellerMessage:
      return {
        try db.contactSeller(
          order: delivered.id, item: delivered.items[1].id, account: 1, message: "مرحبا",
          now: later, actor: "t")
      }
    case .closure:
      return { try db.requestClosure(account: 1, reason: .privacy, now: t0, actor: "t") }
    case .withdrawClosure:
      try db.requestClosure(account: 1, reason: .privacy, now: t0, actor: "t")
      return { try db.withdrawClosure(account: 1, now: t0.addingTimeInterval(60), actor: "t") }
    case .erasure:
      try db.cancel(.wholeOrder, in: fresh.id, account: 1, reason: .other, at: t0, actor: "t")
      try db.requestClosure(account: 1, reason: .privacy, now: t0, actor: "t")
      return { _ = try db.applyDueClosures(now: t0.addingTimeInterval(30 * day)) }
    case .importBatch:
      var imported = Fixture.order(3, placedAt: t0)
      imported.imported = true
      let batch = [Fixture.order(4, placedAt: t0), imported]
      return { _ = try db.insert(orders: batch, account: 1, actor: "import") }
    case .importedRefunds:
      let refund = ImportedRefund(
        orderID: delivered.id, amount: Money(minor: 500), refundedAt: later)
      return { _ = try db.insertImportedRefunds([refund], account: 1) }
    case .interchangeImport:
      let source = try AppDatabase.inMemory()
      try source.createAccount(
        Account(id: 7, name: "Lina", email: "lina@example.com", language: .en), at: t0)
      _ = try source.insert(
        orders: [Fixture.order(9, account: 7, placedAt: t0)], account: 7, actor: "test")
      try source.requestClosure(account: 7, reason: .other, now: t0, actor: "t")
      let doc = try source.exportDocument(account: 7)
      return { _ = try db.importDocument(doc, actor: "cli", at: t0) }
    case .createAccount:
      return {
        try db.createAccount(Account(id: 3, name: "Huda", email: "huda@example.com"), at: t0)
      }
    case .language:
      return { try db.setLanguage(.en, account: 1) }
    case .setting:
      return { try db.setSetting("theme", to: "dusk", account: 1) }
    }
  }

  /// Every row of every table and every file of the Maildir: what a failed change must leave
  /// exactly as it was.
  static func snapshot(_ db: AppDatabase, maildir: String) throws -> [String] {
    var lines = try db.writer.read { db -> [String] in
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          ORDER BY name
          """)
      var out: [String] = []
      for table in tables {
        let quoted = "\"\(table)\""
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(quoted)") {
          out.append(table + ": " + row.description)
        }
      }
      return out
    }
    for dir in ["tmp", "new", "cur"] {
      lines += Fixture.files(maildir + "/" + dir).map { "Maildir/\(dir)/\($0)" }
    }
    return lines
  }

  /// A failure injected after a change wrote everything (just before COMMIT) leaves no row,
  /// no event, no outbox message and no Maildir file; disarmed, the same change succeeds and
  /// does write (so the test sees a change that would have left a trace).
  @Test(arguments: Kind.allCases)
  func aFailureBeforeCommitLeavesNoTrace(kind: Kind) throws {
    let dir = try Fixture.tempDir()
    let maildir = dir + "/Maildir"
    let db = try Fixture.memoryStore(maildir: maildir)
    let change = try Self.given(kind, db)
    let before = try Self.snapshot(db, maildir: maildir)

    db.arm(.beforeCommit)
    #expect(throws: StoreError.io("injected failure at beforeCommit")) { try change() }
    #expect(try Self.snapshot(db, maildir: maildir) == before, "\(kind)")

    db.arm(nil)
    try change()
    #expect(try Self.snapshot(db, maildir: maildir) != before, "\(kind) changed nothing")
  }

  /// The demo's one-transaction load of an empty store is a change like the others.
  @Test func demoLoadLeavesNoTraceOnFailure() throws {
    let dir = try Fixture.tempDir()
    let maildir = dir + "/Maildir"
    let db = try AppDatabase.inMemory(maildir: maildir)
    let template = DemoGenerator(seed: 1, now: Self.t0, totalOrders: 30).account()
    try db.createAccount(template, at: Self.t0)
    let before = try Self.snapshot(db, maildir: maildir)
    db.arm(.beforeCommit)
    #expect(throws: StoreError.self) {
      try DemoGenerator.populate(db, orders: 30, seed: 1, now: Self.t0)
    }
    #expect(try Self.snapshot(db, maildir: maildir) == before)
    db.arm(nil)
    try DemoGenerator.populate(db, orders: 30, seed: 1, now: Self.t0)
    #expect(try db.orderCount(account: template.id, view: .all) == 30)
  }

  /// A store opened for reading refuses every change before trying it.
  @Test func aReadOnlyStoreRefusesChanges() throws {
    let dir = try Fixture.tempDir()
    let path = dir + "/talabati.sqlite"
    let writable = try AppDatabase.openFile(at: path)
    try writable.createAccount(Fixture.shopper, at: Self.t0)
    let db = try AppDatabase.openFile(at: path, forceReadOnly: true, fault: nil)
    let isReadOnly = { (error: any Error) -> Bool in
      if case StoreError.readOnly = error { return true }
      return false
    }
    #expect { try db.setSetting("theme", to: "dusk", account: 1) } throws: { isReadOnly($0) }
    #expect {
      try db.requestClosure(account: 1, reason: .privacy, now: Self.t0, actor: "t")
    } throws: { isReadOnly($0) }
  }

  // MARK: - Refusals

  /// A refusal of every kind reaches the caller as the domain's `Refusal`, never as a
  /// `StoreError`, and changes nothing.
  @Test func everyRefusalIsTheDomainRefusal() throws {
    let db = try Fixture.memoryStore()
    let shipped = Self.deliveredOrder(2)
    _ = try db.insert(orders: [shipped], account: 1, actor: "test")
    let before = try Self.snapshot(db, maildir: "/nonexistent")
    let refusals: [(String, () throws -> Void)] = [
      (
        "cancel",
        {
          try db.cancel(
            .wholeOrder, in: shipped.id, account: 1, reason: .other,
            at: Self.t0.addingTimeInterval(3 * Self.day), actor: "t")
        }
      ),
      ("unarchive", { try db.unarchive(order: shipped.id, account: 1, at: Self.t0, actor: "t") }),
      (
        "return",
        {
          try db.requestReturn(
            items: [shipped.items[0].id], in: shipped.id, account: 1, reason: .damaged,
            resolution: .refund, at: Self.t0, actor: "t")
        }
      ),
      (
        "seller",
        {
          try db.contactSeller(
            order: shipped.id, item: shipped.items[0].id, account: 1, message: "x",
            now: Self.t0, actor: "t")
        }
      ),
      ("closure", { try db.withdrawClosure(account: 1, now: Self.t0, actor: "t") }),
    ]
    for (name, body) in refusals {
      do {
        try body()
        Issue.record("\(name) was not refused")
      } catch {
        #expect(error is Refusal, "\(name): \(error)")
      }
    }
    #expect(try Self.snapshot(db, maildir: "/nonexistent") == before)
  }

  // MARK: - The clock

  /// With a fixed clock (far from the real date), every timestamp the store writes without
  /// being given one comes from that clock: the account's creation, `order-imported` events,
  /// an imported account's creation; and a change at that instant writes its events, outbox
  /// row, Maildir file name, Date and Message-ID at it.
  @Test func aFixedClockFixesEveryTimestampTheStoreWrites() throws {
    let clockTime = Date(timeIntervalSince1970: 1_923_000_000)  // 2030-12-09
    let ms = clockTime.epochMillis
    let dir = try Fixture.tempDir()
    let db = try AppDatabase.inMemory(maildir: dir + "/Maildir", clock: FixedClock(clockTime))
    try db.createAccount(Fixture.shopper)
    var imported = Fixture.order(1, placedAt: Self.t0)
    imported.imported = true
    _ = try db.insert(orders: [imported], account: 1, actor: "import")
    let source = try AppDatabase.inMemory()
    try source.createAccount(Fixture.other, at: Self.t0)
    let report = try db.importDocument(try source.exportDocument(account: 2), actor: "cli")
    let placed = Fixture.order(2, placedAt: clockTime)
    _ = try db.insert(orders: [placed], account: 1, actor: "test")
    try db.cancel(.wholeOrder, in: placed.id, account: 1, reason: .other, at: clockTime, actor: "t")

    let (created, eventTimes, outboxTimes) = try db.writer.read { d in
      (
        try Int64.fetchAll(d, sql: "SELECT createdAt FROM account ORDER BY id"),
        try Row.fetchAll(d, sql: "SELECT kind, at FROM event ORDER BY id").map {
          "\($0["kind"] as String)@\($0["at"] as Int64)"
        },
        try Int64.fetchAll(d, sql: "SELECT createdAt FROM outbox")
      )
    }
    #expect(report.accountCreated)
    #expect(created == [ms, ms])
    #expect(
      eventTimes == [
        "order-imported@\(ms)", "order-placed@\(ms)", "items-cancelled@\(ms)",
        "message-sent@\(ms)",
      ])
    #expect(outboxTimes == [ms])
    let files = Fixture.files(dir + "/Maildir/new")
    #expect(files.count == 1)
    #expect(files.allSatisfy { $0.hasPrefix("\(Int64(clockTime.timeIntervalSince1970)).") })
    let message = try db.outbox(account: 1, limit: 1)[0].message
    #expect(message.contains("Message-ID: <\(ms)."))
    let zone = try #require(TimeZone(identifier: Fixture.shopper.timeZone))
    #expect(message.contains("Date: " + MailFormat.rfc5322Date(clockTime, timeZone: zone)))
  }
}

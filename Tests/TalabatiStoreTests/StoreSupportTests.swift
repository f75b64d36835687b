import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

/// Support, seller contact and account closure in the store (R19–R23, R27–R29).
@Suite struct StoreSupportTests {
  /// 2025-10-09 08:53:20 UTC = 11:53:20 in Riyadh: the line is open.
  let t0 = Fixture.t0

  // MARK: Call-backs (R21)

  @Test func callbackInsideHoursIsListedAndCancellable() throws {
    let db = try Fixture.memoryStore()
    _ = try db.insert(orders: [Fixture.order(1, placedAt: t0)], account: 1, actor: "test")
    let when = t0.addingTimeInterval(3600)
    let booked = try db.requestCallback(
      account: 1, at: when, phone: "+966 50 123 4567", order: Fixture.number(1), now: t0,
      actor: "test")
    #expect(booked.phone == "+966501234567")
    #expect(try db.callbacks(account: 1).map(\.id) == [booked.id])
    #expect(try db.callbacks(account: 2).isEmpty, "another account must not see it")
    let cancelled = try db.cancelCallback(id: booked.id, account: 1, now: t0, actor: "test")
    #expect(cancelled.state(at: t0) == .cancelled)
    #expect(try db.callbacks(account: 1).first?.state(at: t0) == .cancelled)
    // Both are in the order's history under their own kinds; no e-mail is sent for them.
    #expect(
      try db.events(order: Fixture.number(1), account: 1).map(\.kind).suffix(2)
        == [.callbackRequested, .callbackCancelled])
    #expect(try db.outbox(account: 1, limit: 10).isEmpty)
    // R21: a cancelled call-back cannot be cancelled twice.
    #expect(throws: Refusal.support(.callbackNotPending)) {
      try db.cancelCallback(id: booked.id, account: 1, now: t0, actor: "test")
    }
    #expect(throws: StoreError.notFound(what: "call-back \(booked.id)")) {
      try db.cancelCallback(id: booked.id, account: 2, now: t0, actor: "test")
    }
  }

  @Test func callbackOutsideHoursOrInThePastIsRefusedAndNothingStored() throws {
    let db = try Fixture.memoryStore()
    // 2025-10-10 04:59 UTC = 07:59 Riyadh: closed (R21).
    let early = Date(timeIntervalSince1970: 1_760_072_340)
    #expect(throws: Refusal.support(.callbackOutsideHours)) {
      try db.requestCallback(
        account: 1, at: early, phone: "0501234567", order: nil, now: t0, actor: "test")
    }
    #expect(throws: Refusal.support(.callbackInPast)) {
      try db.requestCallback(
        account: 1, at: t0.addingTimeInterval(-60), phone: "0501234567", order: nil, now: t0,
        actor: "test")
    }
    #expect(throws: StoreError.invalidInput("'12ab' is not a phone number (7–15 digits)")) {
      try db.requestCallback(
        account: 1, at: t0.addingTimeInterval(60), phone: "12ab", order: nil, now: t0,
        actor: "test")
    }
    #expect(try db.callbacks(account: 1).isEmpty)
  }

  // MARK: Fraud report (R22)

  @Test func fraudReportIsMailedSanitisedAndKeptAsTyped() throws {
    let dir = try Fixture.tempDir()
    let db = try Fixture.memoryStore(maildir: dir + "/Maildir")
    let text = "SMS: \u{1B}[31mYour parcel\u{202E}is held\npay at https://amaz0n.example/pay"
    let report = try db.reportFraud(
      account: 1, text: text, url: "https://amaz0n.example/pay", now: t0, actor: "test")
    #expect(report.text == text, "the report keeps the text as typed (data)")
    let file = try #require(report.maildirFile)
    let mail = try String(contentsOfFile: dir + "/Maildir/new/" + file, encoding: .utf8)
    #expect(mail.contains("To: <\(SupportPolicy.fraudAddress)>"))
    #expect(mail.contains("hxxps://amaz0n[.]example/pay"), "the URL is defanged")
    #expect(!mail.contains("\u{1B}"), "no escape sequence reaches the e-mail")
    #expect(!mail.contains("\u{202E}"), "no bidi override reaches the e-mail")
    #expect(mail.contains("Your parcel"))
    #expect(try db.fraudReports(account: 1).map(\.id) == [report.id])
    // The e-mail is in the outbox as a `fraud-report` to the fraud address, with its kind in
    // a header, and is what the Maildir holds.
    let sent = try db.outbox(account: 1, limit: 10)
    #expect(sent.map(\.kind) == [.fraudReport])
    #expect(sent.first?.recipient == SupportPolicy.fraudAddress)
    #expect(sent.first?.orderID == nil)
    #expect(sent.first?.maildirFile == file)
    #expect(sent.first?.message == mail)
    #expect(mail.contains("\nX-Talabati-Kind: fraud-report\n"))
    // The account's log: the report, then the message that carried it.
    let kinds = try accountEvents(db, account: 1).map(\.kind)
    #expect(kinds == [.fraudReported, .messageSent])
    #expect(throws: StoreError.invalidInput("the report is empty: describe the message or site")) {
      try db.reportFraud(account: 1, text: " \u{202E}\n ", url: nil, now: t0, actor: "test")
    }
  }

  // MARK: Seller contact (R7, R23)

  @Test func sellerMessageGoesIntoTheOrderHistoryStoreItemsAreRefused() throws {
    let db = try Fixture.memoryStore()
    let order = Fixture.order(
      2, placedAt: t0, shipments: [[("كتاب", .seller), ("سماعة", .store)]])
    _ = try db.insert(orders: [order], account: 1, actor: "test")
    let sellerItem = order.shipments[0].items[0].id
    let storeItem = order.shipments[0].items[1].id
    let before = try db.events(order: order.id, account: 1).count
    let sent = try db.contactSeller(
      order: order.id, item: sellerItem, account: 1, message: "متى يصل الكتاب؟", now: t0,
      actor: "test")
    #expect(sent.sellerName == Fixture.thirdParty.name)
    let events = try db.events(order: order.id, account: 1)
    #expect(events.count == before + 1, "one event row in the order's history")
    #expect(events.last?.detail.contains("متى يصل الكتاب؟") == true)
    #expect(events.last?.kind == .sellerContacted)
    #expect(
      try db.sellerMessages(order: order.id, account: 1).map(\.message) == ["متى يصل الكتاب؟"])
    #expect(throws: Refusal.support(.storeFulfilled)) {
      try db.contactSeller(
        order: order.id, item: storeItem, account: 1, message: "hi", now: t0, actor: "test")
    }
    #expect(try db.events(order: order.id, account: 1).count == before + 1)
    // Export still reads every event (no unknown event kinds were written).
    #expect(try db.exportDocument(account: 1).events.count >= before + 1)
  }

  // MARK: Stores written before returns and support had event kinds

  /// Every event row of `account`, oldest first, through the shared decoder.
  func accountEvents(_ db: AppDatabase, account: AccountID) throws -> [Event] {
    try db.writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT kind, at, actor, orderId, detail FROM event WHERE accountId = ?",
        arguments: [account]
      ).map { row in
        Event(
          kind: try #require(Event.Kind(rawValue: row[0])), at: Date(epochMillis: row[1]),
          actor: row[2], orderID: row[3], detail: row[4])
      }
    }
  }

  /// Older builds wrote seller messages, call-backs, fraud reports, closures and returns as
  /// `message-sent` rows naming the kind in their detail. Such a store still reads: the
  /// history decodes, old seller messages are listed with new ones, and each old row means
  /// the kind a new build writes.
  @Test func rowsFromBuildsBeforeTheKindsExistedStillRead() throws {
    let db = try Fixture.memoryStore()
    let order = Fixture.order(3, placedAt: t0, shipments: [[("كتاب", .seller)]])
    _ = try db.insert(orders: [order], account: 1, actor: "test")
    let item = order.items[0].id
    let ms = t0.epochMillis
    // Given: the rows exactly as the previous build's `insertKindedEvent` wrote them.
    let legacy: [(String, Event.Kind)] = [
      (
        #"{"item":"\#(item)","kind":"seller-message","message":"قديمة","seller":"s-17"}"#,
        .sellerContacted
      ),
      (#"{"at":"1","callback":"1","kind":"callback-requested"}"#, .callbackRequested),
      (#"{"callback":"1","kind":"callback-cancelled"}"#, .callbackCancelled),
      (#"{"file":"","kind":"fraud-reported","report":"1"}"#, .fraudReported),
      (
        #"{"kind":"return-requested","resolution":"refund","rma":"RMA-0000009"}"#,
        .returnRequested
      ),
      (
        #"{"kind":"return-requested","resolution":"replacement","rma":"RMA-0000010"}"#,
        .replacementRequested
      ),
      (#"{"file":"","kind":"return-confirmation","rma":"RMA-0000009"}"#, .messageSent),
      (#"{"effectiveAt":"1","kind":"closure-requested","reason":"privacy"}"#, .closureRequested),
      (#"{"kind":"closure-withdrawn"}"#, .closureWithdrawn),
      (#"{"file":"x","kind":"cancellation"}"#, .messageSent),
    ]
    try db.writer.write { d in
      for (detail, _) in legacy {
        try d.execute(
          sql: """
            INSERT INTO event (accountId, orderId, kind, at, actor, detail)
            VALUES (1, ?, 'message-sent', ?, 'cli', ?)
            """,
          arguments: [order.id, ms, detail])
      }
    }
    // When: a new build adds a seller message of its own.
    try db.contactSeller(
      order: order.id, item: item, account: 1, message: "جديدة", now: t0.addingTimeInterval(60),
      actor: "test")
    // Then: the order's history decodes, each old row means its kind, and both messages list.
    let events = try db.events(order: order.id, account: 1)
    let old = events.filter { $0.kind == .messageSent }
    #expect(old.map(\.meaning) == legacy.map(\.1))
    #expect(events.last?.kind == .sellerContacted)
    #expect(events.last?.meaning == .sellerContacted)
    #expect(
      try db.sellerMessages(order: order.id, account: 1).map(\.message) == ["قديمة", "جديدة"])
    #expect(try db.exportDocument(account: 1).events.count == events.count)
  }

  // MARK: Account closure (R27–R29)

  @Test func closureIsPendingWithdrawableAndRefusedTwice() throws {
    let db = try Fixture.memoryStore()
    let c = try db.requestClosure(account: 1, reason: .privacy, now: t0, actor: "test")
    #expect(c.effectiveAt == t0.addingTimeInterval(ClosurePolicy.pendingPeriod))
    #expect(throws: Refusal.support(.closureAlreadyPending)) {
      try db.requestClosure(account: 1, reason: .other, now: t0, actor: "test")
    }
    // R29: withdrawn inside the period: nothing is erased later.
    let w = try db.withdrawClosure(account: 1, now: t0.addingTimeInterval(86_400), actor: "test")
    #expect(w.state(at: t0.addingTimeInterval(86_400)) == .withdrawn)
    let report = try db.applyDueClosures(now: t0.addingTimeInterval(30 * 86_400))
    #expect(report.erased.isEmpty)
    #expect(try db.account(1).email == Fixture.shopper.email)
    #expect(throws: Refusal.support(.closureNotPending)) {
      try db.withdrawClosure(account: 1, now: t0, actor: "test")
    }
  }

  @Test func closureIsNotAppliedOneMillisecondBeforeItsEnd() throws {
    let db = try Fixture.memoryStore()
    let c = try db.requestClosure(account: 1, reason: .privacy, now: t0, actor: "test")
    #expect(try db.applyDueClosures(now: c.effectiveAt.addingTimeInterval(-0.001)).erased == [])
    #expect(throws: Refusal.support(.closureNotPending)) {
      try db.withdrawClosure(account: 1, now: c.effectiveAt, actor: "test")
    }
    #expect(try db.applyDueClosures(now: c.effectiveAt).erased == [1])
    #expect(throws: StoreError.notFound(what: "account 1")) { try db.account(1) }
    #expect(try db.closure(account: 1)?.state(at: c.effectiveAt) == .erased)
  }

  /// Every occurrence of `needle` (UTF-8) in the store file and its WAL.
  func traces(of needles: [String], in path: String) -> [String] {
    var found: [String] = []
    for file in [path, path + "-wal", path + "-journal"] {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      for needle in needles where data.range(of: Data(needle.utf8)) != nil {
        found.append("\(needle) in \((file as NSString).lastPathComponent)")
      }
    }
    return found
  }

  @Test func erasureLeavesNoTraceInTheFileWalOrMaildir() throws {
    let dir = try Fixture.tempDir()
    let path = dir + "/talabati.sqlite"
    let secretEmail = "quokka.private@example.org"
    let secretName = "Zenobia Quokkason"
    let secretTitles = ["Quokkaphone Ultra 9000", "مصباح القنفذ الذهبي"]
    let needles =
      [secretEmail, secretName, "Quokkaphone", "quokkaphone", "مصباح القنفذ", "القنفذ"]
    var orderID = ""
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(
        Account(id: 7, name: secretName, email: secretEmail, language: .en), at: t0)
      try db.createAccount(Fixture.other, at: t0)
      var mine = Fixture.order(
        3, account: 7, placedAt: t0,
        shipments: [[(secretTitles[0], .seller), (secretTitles[1], .store)]])
      mine.id = "402-9999999-0000003"
      orderID = mine.id
      _ = try db.insert(orders: [mine], account: 7, actor: "test")
      _ = try db.insert(
        orders: [Fixture.order(4, account: 2, placedAt: t0, shipments: [[("Kettle", .store)]])],
        account: 2, actor: "test")
      try db.cancel(
        .items([mine.shipments[0].items[1].id]), in: mine.id, account: 7, reason: .other,
        at: t0, actor: "test")
      try db.archive(order: mine.id, account: 7, at: t0, actor: "test")
      try db.contactSeller(
        order: mine.id, item: mine.shipments[0].items[0].id, account: 7,
        message: "Quokkaphone question", now: t0, actor: "test")
      try db.requestCallback(
        account: 7, at: t0.addingTimeInterval(3600), phone: "0501234567", order: mine.id,
        now: t0, actor: "test")
      try db.reportFraud(
        account: 7, text: "fake Quokkaphone offer", url: nil, now: t0, actor: "test")
      try db.setLanguage(.ar, account: 7)
      // The test can fail: before the erasure the traces are there.
      #expect(!traces(of: needles, in: path).isEmpty)
      try db.requestClosure(account: 7, reason: .privacy, now: t0, actor: "test")
    }
    let maildirNew = dir + "/Maildir/new"
    let mailBefore = Fixture.files(maildirNew)
    #expect(mailBefore.count >= 3, "cancel, archive and fraud e-mails were delivered")

    let later = t0.addingTimeInterval(ClosurePolicy.pendingPeriod)
    do {
      let db = try AppDatabase.openFile(at: path)
      let report = try db.applyDueClosures(now: later)
      #expect(report.erased == [7])
      #expect(report.undeletedFiles.isEmpty)
      #expect(throws: StoreError.notFound(what: "order \(orderID)")) {
        try db.order(orderID, account: 7)
      }
      // The other account is untouched and still found by search.
      #expect(try db.account(2).email == Fixture.other.email)
      #expect(try db.orderCount(account: 2, view: .all) == 1)
      #expect(
        try db.search(
          account: 2, query: "kettle", view: .all, limit: 10, after: nil, now: later
        ).rows.map(\.id)
          == [Fixture.number(4)])
      try db.verifyIntegrity()
    }
    #expect(traces(of: needles, in: path) == [], "R29: erased data is still in the file")
    for name in Fixture.files(maildirNew) {
      let text = (try? String(contentsOfFile: maildirNew + "/" + name, encoding: .utf8)) ?? ""
      #expect(!text.contains(secretEmail) && !text.contains("Quokkaphone"), "mail \(name) kept")
    }
    // R29: the erasure runs once; a later start finds nothing more to do.
    let db = try AppDatabase.openFile(at: path)
    #expect(try db.applyDueClosures(now: later.addingTimeInterval(86_400)).erased == [])
    #expect(try db.closure(account: 7)?.erasedAt != nil)
  }
}

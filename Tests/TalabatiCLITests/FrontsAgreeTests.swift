import Foundation
import TalabatiDomain
import TalabatiStore
import TalabatiTestSupport
import TalabatiText
import TalabatiUI
import Testing

/// The command line and the full-screen client print the same words for the same thing (issue
/// 11 item 3): for the fixture orders, in Arabic and English, every word `Words` gives for a
/// value — payment, each status, who sells an item, whether it can be cancelled and why not,
/// what to do instead, the expected delivery, each refund line, the status of a partly
/// cancelled order — appears both in what `talabati` prints and on the client's screen.
@Suite(.serialized) struct FrontsAgreeTests {
  /// A store holding the fixture orders of the client's tests, for the CLI.
  static func fixtureStore() throws -> String {
    let path = CLI.tempDir().appendingPathComponent("fixtures.sqlite").path
    let db = try AppDatabase.openFile(at: path)
    let account = try db.createAccount(Fixtures.account, at: Fixtures.now)
    let orders = Fixtures.orders.map { o -> Order in
      var o = o
      o.accountID = account.id
      return o
    }
    _ = try db.insert(orders: orders, account: account.id, actor: "test")
    return path
  }

  /// What `talabati <args>` prints into a pipe (logical order, no isolates) at the fixture's
  /// instant.
  func cli(_ args: [String], store: String, _ lang: Language) throws -> String {
    let r = try CLI.run(args + ["--store", store, "--now", CLI.now, "--lang", lang.rawValue])
    #expect(r.code == 0 || r.code == 3, "\(args): \(r.stderr)")
    return Words.plain(r.stdout + r.stderr)
  }

  /// The client's screen after `keys`, from a fresh start in `lang`, in logical order (bidi
  /// left to the terminal) and wide and tall enough that no line is wrapped or cut.
  func client(_ keys: [Key], _ lang: Language, width: Int = 160) -> String {
    var d = TestDriver(
      model: AppModel(
        lang: lang, bidiMode: .terminal, email: Fixtures.account.email, now: Fixtures.now,
        width: width, height: 90),
      service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
    d.start()
    for k in keys { d.press(k) }
    return Words.plain(d.screen.text)
  }

  /// Each of `words` (display text, isolates stripped) in both outputs.
  func expectBoth(
    _ words: [String], cli: String, client: String, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for w in words.map(Words.plain) {
      #expect(cli.contains(w), "CLI \(what) lacks “\(w)”:\n\(cli)", sourceLocation: sourceLocation)
      #expect(
        client.contains(w), "client \(what) lacks “\(w)”:\n\(client)",
        sourceLocation: sourceLocation)
    }
  }

  /// `show ORDER` and the client's order details: payment, total, every shipment's status,
  /// carrier, tracking number and expected delivery, every item's title, price, seller, status, cancel answer and what to
  /// do instead.
  @Test(arguments: Language.allCases)
  func showAndTheDetailsSayTheSame(lang: Language) throws {
    let store = try Self.fixtureStore()
    let now = Fixtures.now
    let w = Words(lang)
    // The default list, newest first: fresh, preparing, partly cancelled.
    for (row, o) in [Fixtures.fresh, Fixtures.preparing, Fixtures.partlyCancelled].enumerated() {
      let cliText = try cli(["show", o.id], store: store, lang)
      let clientText = client(Array(repeating: .down, count: row) + [.enter], lang)
      var words = [w.payment(o.paymentMethod), w.money(o.total)]
      for s in o.shipments {
        let status = s.status(at: now)
        words.append(w.status(status))
        if !s.trackingNumber.isEmpty {
          words.append(
            w.t(
              "detail.tracking",
              ["carrier": w.untrusted(s.carrier), "number": w.id(s.trackingNumber)]))
        }
        if Tracking.view(of: s, at: now).delayed { words.append(w.t("track.delayed")) }
        if let eta = s.timeline.expectedDeliveryAt, status != .delivered, status != .cancelled {
          words.append(w.t("detail.expected", ["date": w.date(eta, style: .date)]))
        }
        for i in s.items {
          words += [
            w.itemTitle(i), w.money(i.lineTotal), w.soldBy(i), w.status(i.status(in: s, at: now)),
          ]
          let e = CancelPolicy.eligibility(of: i, in: s, of: o, at: now)
          if e.refusal != .alreadyCancelled { words.append(w.cancelAnswer(e)) }
          if let instead = w.instead(e.alternatives) { words.append(instead) }
        }
      }
      expectBoth(words, cli: cliText, client: clientText, "show \(o.id) (\(lang))")
    }
  }

  /// `orders --all` and the client's list at a width that shows every status: the status of
  /// each order, a partly cancelled one with its counts (R10).
  @Test(arguments: Language.allCases)
  func ordersAndTheListSayTheSame(lang: Language) throws {
    let store = try Self.fixtureStore()
    let w = Words(lang)
    let cliText = try cli(["orders"], store: store, lang)
    let clientText = client([], lang)
    for o in [Fixtures.fresh, Fixtures.preparing, Fixtures.partlyCancelled] {
      let status = w.statusSummary(o.statusSummary(at: Fixtures.now), full: true)
      // The client's status column is 26 wide: a longer summary is cut there, never reworded.
      let fits = TextWidth.columns(Words.plain(status)) <= 26
      expectBoth(
        [w.money(o.total)] + (fits ? [status] : []), cli: cliText, client: clientText,
        "orders (\(lang))")
      #expect(cliText.contains(Words.plain(status)), "CLI orders (\(lang)) lacks “\(status)”")
    }
  }

  /// `cancel` and the client's result screen for the same items: the refund breakdown line by
  /// line (shipping included when none of it comes back) and where it goes.
  @Test(arguments: Language.allCases)
  func cancelAndTheResultSayTheSame(lang: Language) throws {
    let w = Words(lang)
    // The book of the fresh order: its shipment keeps the headphones, so no shipping comes
    // back; the Kindle of the preparing order: its shipment ends cancelled, shipping comes back.
    let cases: [(order: Order, item: ItemID, keys: [Key])] = [
      (Fixtures.fresh, 112, [.enter, .char("c"), .down, .char(" "), .enter, .char("1"), .enter]),
      (
        Fixtures.preparing, 221,
        [.down, .enter, .char("c"), .down, .char(" "), .enter, .char("1"), .enter]
      ),
    ]
    for c in cases {
      let store = try Self.fixtureStore()
      let cliText = try cli(
        [
          "cancel", c.order.id, "--items", "\(c.item)", "--reason",
          CancelReason.allCases[0].rawValue,
        ],
        store: store, lang)
      let clientText = client(c.keys, lang)
      let outcome = try CancelPolicy.cancel(
        .items([c.item]), in: c.order, reason: CancelReason.allCases[0], at: Fixtures.now
      ).get()
      let lines = w.refundLines(outcome.refund).filter { $0.kind != .title }.map(\.text)
      #expect(lines.count == 5)
      expectBoth(
        lines + outcome.cancelledItems.map(w.itemTitle), cli: cliText, client: clientText,
        "cancel \(c.order.id) \(c.item) (\(lang))")
    }
  }

  /// The store's returns, seen from the client's return status (the only screen this test
  /// opens): what the CLI wrote is what the client reads.
  final class StoreReturns: ReturnsService {
    let db: AppDatabase
    let account: AccountID
    init(db: AppDatabase, account: AccountID) {
      self.db = db
      self.account = account
    }
    func returnInfo(_ order: OrderID, now: Date) throws -> ReturnInfo {
      ReturnInfo(policy: .standard, returned: [])
    }
    func requestReturn(
      items: [ItemID], in order: OrderID, reason: ReturnReason, resolution: ReturnResolution,
      now: Date
    ) throws -> ReturnReceipt { throw ReturnError.emptySelection }
    func returns(now: Date) throws -> [ReturnRecord] { try db.returns(account: account) }
    func label(rma: String) throws -> ReturnReceipt { throw ReturnError.emptySelection }
  }

  /// `returns` and the client's return status after `return`: each return's stage, items,
  /// amount and where its refund goes (R14, R15).
  @Test(arguments: Language.allCases)
  func returnsAndTheReturnStatusSayTheSame(lang: Language) throws {
    let store = try Self.fixtureStore()
    let order = Fixtures.partlyCancelled
    _ = try cli(["return", order.id, "--items", "311", "--reason", "damaged"], store: store, lang)
    let cliText = try cli(["returns"], store: store, lang)
    let db = try AppDatabase.openFile(at: store)
    let account = try #require(try db.defaultAccount())
    let records = try db.returns(account: account.id)
    #expect(records.count == 1)

    var model = AppModel(
      lang: lang, bidiMode: .terminal, email: Fixtures.account.email, now: Fixtures.now,
      width: 160, height: 60)
    let orders = InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account)
    let returns = StoreReturns(db: db, account: account.id)
    var queue: [Action] = [.resized(width: 160, height: 60)]
    var first = true
    while let action = queue.first {
      queue.removeFirst()
      for e in update(&model, action) {
        let result: Action?
        if case .returns(let r) = e {
          result = performReturns(r, service: returns, now: model.now)
        } else {
          result = perform(e, service: orders, now: model.now)
        }
        if let result { queue.append(result) }
      }
      if first {
        first = false
        for e in launch(&model) {
          if let r = perform(e, service: orders, now: model.now) { queue.append(r) }
        }
      }
      if queue.isEmpty, let a = Keymap.action(for: .char("R"), in: model),
        model.returns.list == nil
      {
        queue.append(a)
      }
    }
    let clientText = Words.plain(view(model, width: 160, height: 60).text)
    let w = Words(lang)
    for r in records {
      expectBoth(
        [
          w.returnStage(r.stage(at: Fixtures.now)), w.returnRefund(r, now: Fixtures.now),
          w.money(r.refundAmount),
        ]
          + r.lines.map { w.untrusted($0.title) }, cli: cliText, client: clientText,
        "returns (\(lang))")
    }
  }
}

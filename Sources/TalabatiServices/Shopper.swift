import Foundation
import TalabatiDomain
import TalabatiImport
import TalabatiInterchange
import TalabatiStore
import TalabatiText

/// The one shopper service: every intent of every front end (the CLI's subcommands and the
/// full-screen client's effects) is one method here, against one store, for one account, at
/// one clock, recorded under one actor.
///
/// Front ends never touch the store: they open it through `Shopper.open`, call intents and
/// present what comes back. Failures reach them as `ShopperError` or as the domain's one
/// `Refusal` (which wraps `CancelError`, `ArchiveError`, `ReturnError`, `SupportRefusal`).
/// The client's effect protocols (`OrderService`, `ReturnsService`, `SupportService`, declared
/// by the UI, which cannot import this module) are implemented by this type and no other.
public struct Shopper: Sendable {
  /// The store. Internal to the services: front ends ask for intents instead.
  let db: AppDatabase
  /// The account the intents act for (the store's default account); nil in an empty store.
  public let account: Account?
  /// Who the store's events name as the actor: "cli", "tui", "bench".
  public let actor: String
  /// Where "now" comes from: `--now`, the presenter's clock, or the system.
  public let clock: any Clock
  /// The store file, when the store is one; return labels are saved beside it (R13).
  public let storePath: String?

  public init(
    db: AppDatabase, account: Account?, actor: String, clock: any Clock = SystemClock(),
    storePath: String? = nil
  ) {
    self.db = db
    self.account = account
    self.actor = actor
    self.clock = clock
    self.storePath = storePath
  }

  /// This service for another actor or clock (the client's session clock, issue 10).
  public func with(actor: String? = nil, clock: (any Clock)? = nil) -> Shopper {
    Shopper(
      db: db, account: account, actor: actor ?? self.actor, clock: clock ?? self.clock,
      storePath: storePath)
  }

  /// The instant of the service's clock.
  public var now: Date { clock.now() }

  /// The account, or `.noAccount` in an empty store.
  public func requireAccount() throws -> Account {
    guard let account else { throw ShopperError.noAccount }
    return account
  }

  var accountID: AccountID {
    get throws { try requireAccount().id }
  }

  // MARK: - Opening

  /// Opens the store at `path` for `actor`: creates it when missing (seeding it with the demo
  /// account when `seedDemoIfNew`), carries out the account closures that are due (R29) before
  /// anything is read, and acts for the store's default account.
  ///
  /// `readOnly`: the front end only reads (`orders`, `show`, `export`), so an existing store is
  /// opened without writing or syncing anything (issue 12).
  public static func open(
    at path: String, clock: any Clock, actor: String, readOnly: Bool = false,
    seedDemoIfNew: Bool = false
  ) throws -> Shopper {
    try translatingStoreErrors {
      let existed = FileManager.default.fileExists(atPath: path)
      let db =
        readOnly && existed
        ? try AppDatabase.openForReading(at: path, now: clock.now(), clock: clock)
        : try AppDatabase.openFile(at: path, clock: clock)
      if seedDemoIfNew && !existed {
        let demo = try DemoGenerator.populate(db, orders: 60, seed: 2026, now: clock.now())
        _ = try DemoGenerator.addDemoReturns(db, account: demo.id, now: clock.now())
      }
      _ = try db.applyDueClosures(now: clock.now())
      return Shopper(
        db: db, account: try db.defaultAccount(), actor: actor, clock: clock, storePath: path)
    }
  }

  /// The language of the account kept in the store at `path`, if the file exists and holds
  /// one (what errors are written in before a command has opened the store).
  public static func storedLanguage(at path: String) -> Language? {
    guard FileManager.default.fileExists(atPath: path),
      let db = try? AppDatabase.openFile(at: path), let account = try? db.defaultAccount()
    else { return nil }
    return account.language
  }

  /// True when this is the demo account (the presenter's clock moves only its time, issue 10).
  public var isDemoAccount: Bool {
    guard let account else { return false }
    return account.email == DemoGenerator(seed: 0, now: now).account().email
  }

  // MARK: - Demo stores

  /// True when the store at `path` exists and already holds an account.
  public static func holdsAccount(at path: String) throws -> Bool {
    guard FileManager.default.fileExists(atPath: path) else { return false }
    return try translatingStoreErrors { try AppDatabase.openFile(at: path).defaultAccount() != nil }
  }

  /// Fills the store at `path` with a reproducible demo account of `orders` orders relative to
  /// `now`, with a return in progress and a finished one. The store is closed on return.
  @discardableResult
  public static func populateDemo(
    at path: String, orders: Int, seed: UInt64, now: Date, progress: ((Int) -> Void)? = nil
  ) throws -> Account {
    try translatingStoreErrors {
      let db = try AppDatabase.openFile(at: path, clock: FixedClock(now))
      let account = try DemoGenerator.populate(
        db, orders: orders, seed: seed, now: now, progress: progress)
      _ = try DemoGenerator.addDemoReturns(db, account: account.id, now: now)
      return account
    }
  }

  // MARK: - Orders

  /// One page of a newest-first list, or of the search results for `search` (keyset
  /// pagination, R10 views).
  public func list(
    _ view: OrderListView, search: String? = nil, after: ListCursor? = nil, limit: Int
  ) throws -> OrderPage {
    try page(view: view, query: search, after: after, limit: limit, now: now)
  }

  public func page(
    view: OrderListView, query: String?, after: ListCursor?, limit: Int, now: Date
  ) throws -> OrderPage {
    let id = try accountID
    return try translatingStoreErrors {
      if let q = query, !q.trimmingCharacters(in: .whitespaces).isEmpty {
        return try db.search(
          account: id, query: q, view: view, limit: limit, after: after, now: now)
      }
      return try db.orders(account: id, view: view, limit: limit, after: after, now: now)
    }
  }

  public func order(_ id: OrderID) throws -> Order {
    let account = try accountID
    return try translatingStoreErrors { try db.order(id, account: account) }
  }

  /// An order with everything `show` and the details screen answer about it at `now`: per
  /// item, whether it can be cancelled (R1–R3, R7) and whether it can be returned (R11, R16);
  /// its returns and the refunds Amazon already paid.
  public func detail(_ id: OrderID) throws -> OrderDetail {
    let account = try accountID
    let now = self.now
    return try translatingStoreErrors {
      let context = try db.returnContext(order: id, account: account, at: now)
      let order = context.order
      return OrderDetail(
        order: order, at: now,
        cancel: CancelPolicy.eligibility(of: order, at: now),
        returns: context.eligibility,
        importedRefunds: try db.importedRefunds(order: order.id, account: account),
        returnRecords: try db.returns(account: account, limit: 1000).filter {
          $0.orderID == order.id
        })
    }
  }

  public func importedRefunds(_ id: OrderID) throws -> [ImportedRefund] {
    let account = try accountID
    return try translatingStoreErrors { try db.importedRefunds(order: id, account: account) }
  }

  /// Cancels all or nothing (R4); a refusal throws the domain's `CancelError` (R7).
  public func cancel(
    _ selection: CancelSelection, in order: OrderID, reason: CancelReason
  ) throws -> CancelOutcome {
    try cancel(selection, in: order, reason: reason, at: now)
  }

  public func cancel(
    _ selection: CancelSelection, in order: OrderID, reason: CancelReason, at now: Date
  ) throws -> CancelOutcome {
    let account = try accountID
    return try translatingStoreErrors {
      try db.cancel(selection, in: order, account: account, reason: reason, at: now, actor: actor)
    }
  }

  /// R17: archives; `ArchiveError.alreadyArchived` when it is.
  public func archive(_ id: OrderID) throws -> Order { try archive(id, at: now) }

  public func archive(_ id: OrderID, at now: Date) throws -> Order {
    let account = try accountID
    return try translatingStoreErrors {
      try db.archive(order: id, account: account, at: now, actor: actor)
    }
  }

  /// R18: brings back; `ArchiveError.notArchived` when it is not archived.
  public func unarchive(_ id: OrderID) throws -> Order { try unarchive(id, at: now) }

  public func unarchive(_ id: OrderID, at now: Date) throws -> Order {
    let account = try accountID
    return try translatingStoreErrors {
      try db.unarchive(order: id, account: account, at: now, actor: actor)
    }
  }

  /// Every shipment of `order` as tracking shows it at `now` (R24–R26).
  public func track(_ id: OrderID) throws -> (order: Order, shipments: [ShipmentTracking]) {
    let o = try order(id)
    return (o, Tracking.view(of: o, at: now))
  }

  /// The confirmation messages sent, newest first.
  public func outbox(limit: Int) throws -> [OutboxMessage] {
    let account = try accountID
    return try translatingStoreErrors { try db.outbox(account: account, limit: limit) }
  }

  // MARK: - Settings

  public func saveLanguage(_ lang: Language) throws {
    let account = try accountID
    try translatingStoreErrors { try db.setLanguage(lang, account: account) }
  }

  /// Keeps the theme chosen with `T` for the next run, as the language is.
  public func saveTheme(_ name: String) throws {
    let account = try accountID
    try translatingStoreErrors { try db.setSetting("theme", to: name, account: account) }
  }

  /// The theme kept by `saveTheme`, if any.
  public func savedTheme() -> String? {
    guard let account else { return nil }
    return (try? db.setting("theme", account: account.id)) ?? nil
  }

  // MARK: - Interchange and Amazon imports

  /// talabati's interchange document (docs/interchange.md), wherever its codec lives.
  public typealias Interchange = InterchangeDocument

  /// Reads a talabati interchange document (docs/interchange.md); before any store is opened,
  /// so a malformed file changes nothing.
  public static func decodeInterchange(_ data: Data) throws -> Interchange {
    try InterchangeDocument.decode(data)
  }

  /// Imports `document` all or nothing; returns what it did and the store's account after it
  /// (created by the import when the store was empty).
  public func importInterchange(_ document: Interchange) throws
    -> (report: ImportReport, account: Account?)
  {
    try translatingStoreErrors {
      let report = try db.importDocument(document, actor: actor, at: now)
      return (report, try db.defaultAccount())
    }
  }

  /// The account and its orders as an interchange document, encoded.
  public func exportInterchange() throws -> Data {
    let account = try accountID
    return try translatingStoreErrors { try db.exportDocument(account: account).encoded() }
  }

  /// Imports Amazon's order-history export at `exportPath` into the store at `storePath`
  /// (issue 6); no demo seeding: imported history goes into a clean store.
  public static func importAmazon(
    into storePath: String, from exportPath: String, options: AmazonImportOptions, now: Date,
    progress: ((AmazonImportProgress) -> Void)? = nil
  ) throws -> AmazonImportReport {
    try translatingStoreErrors {
      let importer = AmazonImporter(
        db: try AppDatabase.openFile(at: storePath, clock: FixedClock(now)), options: options)
      importer.progress = progress
      return try importer.importExport(at: exportPath, now: now)
    }
  }
}

/// An order as `show` and the details screen see it at one instant: the policies' answers
/// per item, its returns and imported refunds.
public struct OrderDetail: Hashable, Sendable {
  public var order: Order
  /// The instant the answers hold for.
  public var at: Date
  /// Per item, in order: can it be cancelled, why not, until when (R1–R3, R7).
  public var cancel: [CancelEligibility]
  /// Per item, in order: can it be returned, why not, until when (R11, R16).
  public var returns: [ReturnEligibility]
  /// Refunds Amazon already paid (issue 6), oldest first.
  public var importedRefunds: [ImportedRefund]
  /// Returns of this order's items, newest first (R14).
  public var returnRecords: [ReturnRecord]

  /// The cancel answer for item `id`.
  public func cancelAnswer(_ id: ItemID) -> CancelEligibility? {
    cancel.first { $0.itemID == id }
  }

  /// The return answer for item `id`.
  public func returnAnswer(_ id: ItemID) -> ReturnEligibility? {
    returns.first { $0.itemID == id }
  }

  /// The return that item `id` is part of, if any.
  public func returnRecord(of id: ItemID) -> ReturnRecord? {
    returnRecords.first { $0.lines.contains { $0.itemID == id } }
  }
}

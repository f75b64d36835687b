import Foundation
import GRDB
import TalabatiDomain

extension DemoGenerator {
  /// Orders generated and inserted per transaction.
  public static let batchSize = 10_000

  /// Fills `db` with the demo account and `orders` demo orders relative to `now`.
  ///
  /// The account is the one with the demo e-mail if the store has it, else created. Orders go
  /// in through the store's one insert path (`OrderWriter`) in batches of `batchSize`, each
  /// order with its `order-placed` event; `progress` gets the count done after each batch.
  /// - A store without orders (the demo of a new store) is loaded in ONE transaction by
  ///   `loadIntoEmptyStore`: all or nothing, indexes on random keys built once at the end,
  ///   no fsync while it runs. An interrupted load leaves the store as it was.
  /// - Otherwise each batch is its own `insert(orders:account:actor:)` transaction; inserting
  ///   is idempotent by order number, so running it again adds only what is missing.
  /// Returns the account the orders belong to.
  @discardableResult
  public static func populate(
    _ db: AppDatabase, orders: Int, seed: UInt64, now: Date,
    progress: ((Int) -> Void)? = nil
  ) throws -> Account {
    guard orders >= 0 else { throw StoreError.invalidInput("the order count is negative") }
    let template = DemoGenerator(seed: seed, now: now, totalOrders: orders).account()
    let account: Account
    if let existing = try existingAccount(db, email: template.email) {
      account = existing
    } else {
      account = try db.createAccount(template, at: now)
    }
    let gen = DemoGenerator(seed: seed, now: now, totalOrders: orders, accountID: account.id)
    let batches = (orders + batchSize - 1) / batchSize
    if orders > 0,
      try db.loadIntoEmptyStore(
        account: account.id, actor: "demo", batches: batches,
        batch: { k in
          gen.orders(count: min(batchSize, orders - k * batchSize), startingAt: k * batchSize)
        }, progress: progress)
    {
      return account
    }
    var done = 0
    while done < orders {
      let batch = gen.orders(count: min(batchSize, orders - done), startingAt: done)
      _ = try db.insert(orders: batch, account: account.id, actor: "demo")
      done += batch.count
      progress?(done)
    }
    return account
  }

  private static func existingAccount(_ db: AppDatabase, email: String) throws -> Account? {
    guard let first = try db.defaultAccount() else { return nil }
    if first.email.lowercased() == email.lowercased() { return first }
    return try db.accountByEmail(email)
  }
}

extension AppDatabase {
  /// The account with `email` (case-insensitive), if any.
  func accountByEmail(_ email: String) throws -> Account? {
    try guarded {
      try writer.read { db in
        guard
          let id = try AccountID.fetchOne(
            db, sql: "SELECT id FROM account WHERE lower(email) = lower(?) ORDER BY id LIMIT 1",
            arguments: [email])
        else { return nil }
        return try loadAccount(db, id: id)
      }
    }
  }
}

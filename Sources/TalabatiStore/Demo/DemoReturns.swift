import Foundation
import TalabatiDomain

extension DemoGenerator {
  /// Gives a demo account returns to look at (R14): one return in progress at `now`
  /// (requested three days ago: dropped off, on its way back) and one finished (requested
  /// ten days ago: refund issued, R15). Returnable delivered items stay for the shopper to try.
  ///
  /// Idempotent: does nothing when the account already has a return. Candidates are taken
  /// newest first from the default order list, so the same store and `now` give the same
  /// returns. Returns the RMAs created.
  @discardableResult
  public static func addDemoReturns(_ db: AppDatabase, account: AccountID, now: Date) throws
    -> [String]
  {
    guard try db.returns(account: account, limit: 1).isEmpty else { return [] }
    let day: TimeInterval = 86_400
    let page = try db.orders(account: account, view: .orders, limit: 200, after: nil, now: now)
    var created: [String] = []
    var used = Set<OrderID>()
    // (requested days ago, reason): the in-progress return first, then the finished one.
    for (ago, reason) in [(3.0, ReturnReason.defective), (10.0, ReturnReason.noLongerNeeded)] {
      let at = now.addingTimeInterval(-ago * day)
      search: for row in page.rows where !used.contains(row.id) {
        let ctx = try db.returnContext(order: row.id, account: account, at: at)
        // Keep at least one returnable item in the order for the shopper to try.
        let eligible = ctx.eligibility.filter(\.returnable)
        guard let first = eligible.first, eligible.count >= 1 else { continue }
        _ = try db.requestReturn(
          items: [first.itemID], in: row.id, account: account, reason: reason,
          resolution: .refund, at: at, actor: "demo", sendMessage: false)
        created.append(try db.returns(account: account, limit: 1)[0].rma)
        used.insert(row.id)
        break search
      }
    }
    return created
  }
}

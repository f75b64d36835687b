import Foundation

/// A refund Amazon already paid for an imported order, read from the export's
/// `Your Returns & Refunds/Refund Details.csv` (issue 6). It is history: it moves no money and
/// sends no message, it only shows the shopper what came back for the order and when.
public struct ImportedRefund: Hashable, Sendable, Codable {
  public var orderID: OrderID
  public var amount: Money
  public var refundedAt: Date
  /// Which of several identical rows (same order, instant and amount) this is, from 0: keeps
  /// true duplicates apart while importing the same file twice adds nothing.
  public var occurrence: Int

  public init(orderID: OrderID, amount: Money, refundedAt: Date, occurrence: Int = 0) {
    self.orderID = orderID
    self.amount = amount
    self.refundedAt = refundedAt
    self.occurrence = occurrence
  }
}

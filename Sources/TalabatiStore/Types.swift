import Foundation
import TalabatiDomain

/// What a bulk insert did: orders stored, and orders skipped because their id already existed.
public struct InsertReport: Hashable, Sendable {
  public var inserted: Int
  public var skipped: Int

  public init(inserted: Int, skipped: Int) {
    self.inserted = inserted
    self.skipped = skipped
  }
}

/// One confirmation message the store sent (R6, R9, R17): its row in the outbox.
public struct OutboxMessage: Hashable, Sendable, Identifiable {
  public enum Kind: String, Sendable, CaseIterable {
    case cancellation
    case archive
    /// R11–R15: a return for a refund, with the packing instructions and the refund.
    case returnRequested = "return"
    /// R11: a replacement, with the packing instructions and the replacement order.
    case replacementRequested = "replacement"
    /// R22: a fraud report, to the store's fraud address (not to the shopper).
    case fraudReport = "fraud-report"
  }

  public var id: Int64
  public var accountID: AccountID
  public var orderID: OrderID?
  public var kind: Kind
  public var createdAt: Date
  /// The subject as written (decoded, UTF-8).
  public var subject: String
  public var recipient: String
  /// The file name in `<store dir>/Maildir/new` (nil for stores without a Maildir).
  public var maildirFile: String?
  /// The whole RFC 5322 message.
  public var message: String
}

import Foundation
import TalabatiDomain
import TalabatiQR
import TalabatiUI

// MARK: - The full-screen client's effects

/// The client's effects run against the one shopper service: its order, returns and support
/// effects alike (`perform(_:on:now:)`, one branch in the effect runner).
extension Shopper: OrderService, ReturnsService, SupportService {
  public func returnInfo(_ order: OrderID, now: Date) throws -> ReturnInfo {
    let account = try accountID
    let context = try translatingStoreErrors {
      try db.returnContext(order: order, account: account, at: now)
    }
    return ReturnInfo(policy: context.policy, returned: context.returned)
  }

  public func requestReturn(
    items: [ItemID], in order: OrderID, reason: ReturnReason, resolution: ReturnResolution,
    now: Date
  ) throws -> ReturnReceipt {
    let requested = try requestReturn(
      items: items, in: order, reason: reason, resolution: resolution, at: now)
    return receipt(requested.record, labelFile: requested.labelFile)
  }

  public func returns(now: Date) throws -> [ReturnRecord] { try returns(limit: 100) }

  public func label(rma: String) throws -> ReturnReceipt {
    let record = try returnRecord(rma: rma)
    return receipt(
      record, labelFile: labelsDirectory == nil ? nil : try? saveLabel(record, to: nil))
  }

  /// The record with its QR code for the screen (drawn for the default dark themes: blocks are
  /// the light modules) and its SVG file (R13).
  private func receipt(_ record: ReturnRecord, labelFile: String?) -> ReturnReceipt {
    let lines = (try? QRCode.encode(record.rma))?.halfBlockLines(quietZone: 4, inverted: true)
    return ReturnReceipt(record: record, qrLines: lines ?? [], labelFile: labelFile)
  }

  public func reportFraud(_ text: String, now: Date) throws -> FraudReport {
    try reportFraud(text, url: nil, now: now)
  }
}

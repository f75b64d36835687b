import Foundation

/// A policy refusal: a rule of the shop said no and nothing changed.
///
/// The one error type every front end receives for a refusal, whichever rule refused: the
/// store throws it as it is (never inside a storage error), the CLI turns it into exit code 3
/// in one place, and the client shows why. Each case wraps the domain type that carries the
/// rule's details (which items, which reason, until when).
public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
  /// R1–R4: the cancel policy refused (all or nothing; each item says why).
  case cancel(CancelError)
  /// R17, R18: archiving or unarchiving does not apply to the order as it is.
  case archive(ArchiveError)
  /// R11–R16: the return policy refused (each item says why, and until when).
  case returns(ReturnError)
  /// R21 call-backs, R7/R23 seller contact, R27–R29 closing the account.
  case support(SupportRefusal)

  /// A one-line English explanation (front ends word refusals in the shopper's language).
  public var description: String {
    switch self {
    case .cancel(let error): Self.describe(error)
    case .archive(.alreadyArchived): "This order is already archived."
    case .archive(.notArchived): "This order is not archived."
    case .returns(let error): Self.describe(error)
    case .support(let refusal): refusal.description
    }
  }

  private static func describe(_ error: CancelError) -> String {
    switch error {
    case .emptySelection:
      return "Nothing to cancel: no item is selected (or every item is already cancelled)."
    case .unknownItem(let id):
      return "Item \(id) is not part of this order."
    case .unknownShipment(let id):
      return "Shipment \(id) is not part of this order."
    case .refused(let refusals):
      let parts = refusals.map { e -> String in
        let why: String
        switch e.refusal {
        case .alreadyCancelled?: why = "already cancelled"
        case .enteredShipping?: why = "has entered the shipping process (R1)"
        case .sellerWindowClosed?: why = "the seller's 30-minute window has closed (R3)"
        case .replacementOrder?: why = "is the free replacement of a return, never cancelled"
        case nil: why = "refused"
        }
        return "item \(e.itemID) \(why)"
      }
      return "Cannot cancel, nothing was changed (R4): " + parts.joined(separator: "; ") + "."
    }
  }

  private static func describe(_ error: ReturnError) -> String {
    switch error {
    case .emptySelection:
      return "Nothing to return: no item is selected."
    case .unknownItem(let id):
      return "Item \(id) is not part of this order."
    case .refused(let list):
      let parts = list.map { e in "item \(e.itemID) \(e.refusal?.rawValue ?? "refused")" }
      return "Cannot return, nothing was changed (R11–R16): " + parts.joined(separator: "; ")
        + "."
    }
  }
}

import Foundation
import TalabatiDomain

/// Everything the store can refuse or fail with, worded for the shopper.
///
/// The CLI prints `description` (one line, English, no stack trace) and exits with `exitCode`;
/// the TUI shows the same line in its status bar.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
  /// An order, item, shipment or account id that this account does not have (exit 4).
  case notFound(what: String)
  /// The file exists but is not an SQLite database; it was left untouched (exit 5).
  case notADatabase(String)
  /// The file is an SQLite database but it is damaged (exit 5).
  case corrupt(String)
  /// The store cannot be written (file, directory or medium is read-only) (exit 5).
  case readOnly(String)
  /// The store was migrated by a newer talabati; this one refuses to touch it (exit 5).
  case newerVersion(String)
  /// An operating-system or SQLite failure (disk full, permission, busy) (exit 5).
  case io(String)
  /// The cancel policy (R1–R4) refused the request; nothing changed (exit 3).
  case policy(CancelError)
  /// Archiving or unarchiving does not apply to the order in its current state (exit 3).
  case archive(ArchiveError)
  /// Another session changed the data between reading and writing; try again (exit 3).
  case changedMeanwhile
  /// The caller passed something the store cannot accept (exit 2).
  case invalidInput(String)

  /// The process exit code the CLI uses for this error.
  public var exitCode: Int32 {
    switch self {
    case .invalidInput: 2
    case .policy, .archive, .changedMeanwhile: 3
    case .notFound: 4
    case .notADatabase, .corrupt, .readOnly, .newerVersion, .io: 5
    }
  }

  /// A one-line, user-facing English explanation.
  public var description: String {
    switch self {
    case .notFound(let what):
      return "Not found: \(what)."
    case .notADatabase(let path):
      return "\(path) is not a talabati store (not an SQLite database); it was left untouched."
    case .corrupt(let path):
      return "The store \(path) is damaged (SQLite reports corruption); restore it from a backup."
    case .readOnly(let path):
      return "The store \(path) is read-only (file, folder or disk): talabati cannot change it."
    case .newerVersion(let path):
      return "The store \(path) was written by a newer talabati; please upgrade talabati."
    case .io(let message):
      return "Storage error: \(message)."
    case .policy(let error):
      return Self.describe(error)
    case .archive(.alreadyArchived):
      return "This order is already archived."
    case .archive(.notArchived):
      return "This order is not archived."
    case .changedMeanwhile:
      return "The order was changed by another session meanwhile; reload it and try again."
    case .invalidInput(let message):
      return "Invalid input: \(message)."
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
}

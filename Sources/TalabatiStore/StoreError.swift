import Foundation
import TalabatiDomain

/// Everything the store can fail with, worded for the shopper. A policy refusal (a rule said
/// no) is not one of them: it is thrown as the domain's `Refusal`.
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
  /// Another session changed the data between reading and writing; try again (exit 3).
  case changedMeanwhile
  /// The caller passed something the store cannot accept (exit 2).
  case invalidInput(String)

  /// The process exit code the CLI uses for this error.
  public var exitCode: Int32 {
    switch self {
    case .invalidInput: 2
    case .changedMeanwhile: 3
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
    case .changedMeanwhile:
      return "The order was changed by another session meanwhile; reload it and try again."
    case .invalidInput(let message):
      return "Invalid input: \(message)."
    }
  }
}

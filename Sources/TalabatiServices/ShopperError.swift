import Foundation
import TalabatiDomain
import TalabatiStore

/// What the shopper service fails with when the store or a file cannot do what was asked.
///
/// Front ends see this type, never the store's: the CLI maps each case to its message and
/// exit code (`Diagnostics`) without importing the store, and the client shows `description`
/// in its status bar. Policy refusals are not here: they reach callers as the domain's one
/// `Refusal` type, which both front ends already know (the CLI maps it to exit 3 in one place,
/// `Diagnostics.refusalFailure`).
public enum ShopperError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The store holds no account yet (exit 4).
  case noAccount
  /// An order, item, shipment, return or account id that this account does not have (exit 4).
  case notFound(what: String)
  /// The file exists but is not an SQLite database; it was left untouched (exit 5).
  case notADatabase(String)
  /// The file is an SQLite database but it is damaged (exit 5).
  case corrupt(String)
  /// The store cannot be written (exit 5).
  case readOnly(String)
  /// The store was migrated by a newer talabati (exit 5).
  case newerVersion(String)
  /// An operating-system or SQLite failure (exit 5).
  case io(String)
  /// Another session changed the data between reading and writing (exit 3).
  case changedMeanwhile
  /// Something the store cannot accept (exit 2).
  case invalidInput(String)
  /// A file beside the store (a return label) could not be made or written (exit 5); the
  /// message says which and why.
  case file(String)

  /// One line, English: the store's words for the same failure, so the client's status bar
  /// says what it said before the seam existed.
  public var description: String {
    switch self {
    case .noAccount: return "The store holds no account."
    case .notFound(let what): return StoreError.notFound(what: what).description
    case .notADatabase(let p): return StoreError.notADatabase(p).description
    case .corrupt(let p): return StoreError.corrupt(p).description
    case .readOnly(let p): return StoreError.readOnly(p).description
    case .newerVersion(let p): return StoreError.newerVersion(p).description
    case .io(let m): return StoreError.io(m).description
    case .changedMeanwhile: return StoreError.changedMeanwhile.description
    case .invalidInput(let m): return StoreError.invalidInput(m).description
    case .file(let m): return m
    }
  }

  /// `error` as front ends see it: a store error becomes a `ShopperError`; a `Refusal`
  /// and anything else is passed on as it is.
  static func translating(_ error: any Error) -> any Error {
    guard let e = error as? StoreError else { return error }
    switch e {
    case .notFound(let what): return ShopperError.notFound(what: what)
    case .notADatabase(let p): return ShopperError.notADatabase(p)
    case .corrupt(let p): return ShopperError.corrupt(p)
    case .readOnly(let p): return ShopperError.readOnly(p)
    case .newerVersion(let p): return ShopperError.newerVersion(p)
    case .io(let m): return ShopperError.io(m)
    case .changedMeanwhile: return ShopperError.changedMeanwhile
    case .invalidInput(let m): return ShopperError.invalidInput(m)
    }
  }
}

/// Runs `body`, turning the store's errors into what front ends see (`ShopperError.translating`).
func translatingStoreErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch {
    throw ShopperError.translating(error)
  }
}

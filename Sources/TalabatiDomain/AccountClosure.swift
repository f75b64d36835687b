import Foundation

// MARK: - Closing the account (R27–R29)

/// Why the shopper closes the account (R27). Labels: string table `closure.reason.<code>`.
public enum ClosureReason: String, Codable, Sendable, CaseIterable {
  case noLongerNeeded = "no-longer-needed"
  case privacy
  case otherAccount = "other-account"
  case badExperience = "bad-experience"
  case tooManyMessages = "too-many-messages"
  case other
}

/// What the shopper loses when the closure is carried out (R28): the plain warning lists
/// each. Labels: string table `closure.loss.<code>`.
public enum ClosureLoss: String, Codable, Sendable, CaseIterable {
  /// Every order, cancelled and archived ones included, and their history.
  case orderHistory = "order-history"
  /// Name, e-mail address, settings.
  case personalData = "personal-data"
  /// Returns and refunds still in progress can no longer be followed.
  case pendingReturns = "pending-returns"
  /// Confirmation messages, call-back requests and reports.
  case messages
  /// Nothing can be recovered afterwards.
  case irreversible
}

/// One closure request and where it stands.
public struct AccountClosure: Hashable, Codable, Sendable {
  /// Where a closure stands at an instant.
  public enum State: String, Codable, Sendable, CaseIterable {
    /// Requested; can still be withdrawn until `effectiveAt`.
    case pending
    /// Withdrawn by the shopper during the pending period.
    case withdrawn
    /// The pending period is over: the account is to be erased at the next start.
    case due
    /// The account's data has been erased.
    case erased
  }

  public var accountID: AccountID
  public var reason: ClosureReason
  public var requestedAt: Date
  /// The end of the pending period: erasure happens at the first start at or after it.
  public var effectiveAt: Date
  public var withdrawnAt: Date?
  public var erasedAt: Date?

  public init(
    accountID: AccountID, reason: ClosureReason, requestedAt: Date, effectiveAt: Date,
    withdrawnAt: Date? = nil, erasedAt: Date? = nil
  ) {
    self.accountID = accountID
    self.reason = reason
    self.requestedAt = requestedAt
    self.effectiveAt = effectiveAt
    self.withdrawnAt = withdrawnAt
    self.erasedAt = erasedAt
  }

  /// R29: the state at `now`. Pending is the half-open period [requestedAt, effectiveAt).
  public func state(at now: Date) -> State {
    if erasedAt != nil { return .erased }
    if withdrawnAt != nil { return .withdrawn }
    return now < effectiveAt ? .pending : .due
  }

  /// Seconds left to withdraw at `now` (0 once due).
  public func remaining(at now: Date) -> TimeInterval { max(0, effectiveAt.timeIntervalSince(now)) }
}

/// The rules of closing an account, R27–R29, at an instant given by the caller.
///
/// Decision (R29): the closure waits `pendingPeriod` (7 days); during it the shopper can
/// withdraw it; at the first start of talabati at or after its end the account's data is
/// erased for real. The request needs a typed confirmation (R28): the account's e-mail
/// address, or the word إغلاق / CLOSE.
public enum ClosurePolicy {
  /// R29: the pending period.
  public static let pendingPeriod: TimeInterval = 7 * 86_400
  /// R28: words that confirm a closure besides the account's e-mail address.
  public static let confirmationWords = ["إغلاق", "CLOSE"]

  /// R27: a new closure of `account` requested at `now`, unless one is already pending.
  public static func request(
    account: AccountID, reason: ClosureReason, at now: Date, current: AccountClosure?
  ) -> Result<AccountClosure, SupportRefusal> {
    if let current, [.pending, .due].contains(current.state(at: now)) {
      return .failure(.closureAlreadyPending)
    }
    return .success(
      AccountClosure(
        accountID: account, reason: reason, requestedAt: now,
        effectiveAt: now.addingTimeInterval(pendingPeriod)))
  }

  /// R29: withdraws `current` at `now`: only inside the pending period.
  public static func withdraw(_ current: AccountClosure?, at now: Date) -> Result<
    AccountClosure, SupportRefusal
  > {
    guard var closure = current, closure.state(at: now) == .pending else {
      return .failure(.closureNotPending)
    }
    closure.withdrawnAt = now
    return .success(closure)
  }

  /// R29: is the erasure of `closure` due at `now`?
  public static func isDue(_ closure: AccountClosure, at now: Date) -> Bool {
    closure.state(at: now) == .due
  }

  /// R28: does `typed` confirm closing `account`? The e-mail (any case) or a confirmation
  /// word, surrounding spaces ignored.
  public static func isConfirmation(_ typed: String, for account: Account) -> Bool {
    let t = typed.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !t.isEmpty else { return false }
    if t.lowercased() == account.email.lowercased() { return true }
    return confirmationWords.contains { $0.uppercased() == t.uppercased() }
  }
}

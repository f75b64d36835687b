import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

// MARK: - account

/// `talabati account`: the account, any pending closure; `close` and `withdraw-closure`
/// (R27–R29).
struct AccountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account",
    abstract: "Show the account and any pending closure; close it or withdraw the closure.",
    discussion: """
      A closure is pending for 7 days: 'talabati account withdraw-closure' cancels \
      it; after that, the next start of talabati erases the account's data for real.
      """,
    subcommands: [AccountShow.self, AccountClose.self, AccountWithdrawClosure.self],
    defaultSubcommand: AccountShow.self)
}

struct ClosureJSON: Encodable {
  var state: String
  var reason: String
  var requestedAt: Date
  var effectiveAt: Date
  var withdrawnAt: Date?
  var erasedAt: Date?
  var secondsLeft: Int

  init(_ c: AccountClosure, now: Date) {
    state = c.state(at: now).rawValue
    reason = c.reason.rawValue
    requestedAt = c.requestedAt
    effectiveAt = c.effectiveAt
    withdrawnAt = c.withdrawnAt
    erasedAt = c.erasedAt
    secondsLeft = Int(c.remaining(at: now).rounded(.up))
  }
}

/// `talabati account` (the default): who, and the closure state.
struct AccountShow: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show the account and any pending closure.")

  @OptionGroup var global: GlobalOptions

  struct AccountJSON: Encodable {
    var id: Int64
    var name: String
    var email: String
    var language: String
    var timeZone: String
    var closure: ClosureJSON?
  }

  func run() throws {
    let ctx = try openApplyingClosures(global)
    let account = try ctx.requireAccount()
    let closure = try ctx.shopper.closure()
    let now = ctx.now
    if ctx.json {
      try printJSON(
        AccountJSON(
          id: account.id, name: account.name, email: account.email,
          language: account.language.rawValue, timeZone: account.timeZone,
          closure: closure.map { ClosureJSON($0, now: now) }))
      return
    }
    let lang = ctx.lang
    let out = Output(lang: lang)
    out.line(tr("account.title", lang))
    out.line(tr("account.name", lang, ["name": Bidi.firstStrong(Sanitizer.clean(account.name))]))
    out.line(tr("account.email", lang, ["email": Bidi.isolate(Sanitizer.clean(account.email))]))
    out.line(
      tr("account.timeZone", lang, ["zone": Bidi.isolate(Sanitizer.clean(account.timeZone))]))
    out.line(closureLine(closure, now: now, zone: account.timeZone, lang: lang))
  }
}

/// The one-line closure state shown by `account` (R29).
func closureLine(_ closure: AccountClosure?, now: Date, zone: String, lang: Language) -> String {
  guard let closure else { return tr("closure.none", lang) }
  switch closure.state(at: now) {
  case .pending:
    return tr(
      "closure.pending", lang, ["date": dayTime(closure.effectiveAt, zone: zone, lang: lang)])
  case .due, .erased:
    return tr("closure.due", lang)
  case .withdrawn:
    return tr(
      "closure.withdrawnState", lang,
      ["date": dayTime(closure.withdrawnAt ?? now, zone: zone, lang: lang)])
  }
}

/// `talabati account close --reason CODE --confirm` (R27, R28).
///
/// Without `--confirm` it prints the warning of what is lost and exits 2 (usage: the
/// confirmation is a required part of this destructive command); nothing is changed.
struct AccountClose: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close",
    abstract: "Ask to close the account (pending 7 days, then erased for real).",
    discussion: """
      Without --confirm: prints what you would lose and exits 2, changing nothing.
      Reasons: \(ClosureReason.allCases.map(\.rawValue).joined(separator: ", ")).
      """)

  @OptionGroup var global: GlobalOptions
  @Option(help: ArgumentHelp("Why you close the account.", valueName: "code"))
  var reason: String
  @Flag(help: "Confirm that you have read the warning.")
  var confirm = false

  struct WarningJSON: Encodable {
    var confirmed: Bool
    var warning: [String]
    var losses: [String]
    var pendingDays: Int
  }

  func run() throws {
    guard let code = ClosureReason(rawValue: reason) else {
      throw CLIFailure.usage(
        "--reason: '\(Sanitizer.clean(reason))' is not one of "
          + ClosureReason.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let ctx = try openApplyingClosures(global)
    let account = try ctx.requireAccount()
    let lang = ctx.lang
    let out = Output(lang: lang)
    let losses = ClosureLoss.allCases
    guard confirm else {
      // R28: the plain warning, then nothing happens.
      if ctx.json {
        try printJSON(
          WarningJSON(
            confirmed: false,
            warning: losses.map { plain(tr("closure.loss.\($0.rawValue)", lang)) },
            losses: losses.map(\.rawValue), pendingDays: Int(ClosurePolicy.pendingPeriod / 86_400)
          ))
      } else {
        out.line(tr("closure.warning", lang))
        for loss in losses { out.line("  • " + tr("closure.loss.\(loss.rawValue)", lang)) }
      }
      throw CLIFailure.usage(plain(tr("closure.confirmHint", lang)))
    }
    let closure = try refusingWithExit3(lang) {
      try ctx.shopper.requestClosure(code)
    }
    if ctx.json {
      try printJSON(ClosureJSON(closure, now: ctx.now))
      return
    }
    out.line(
      tr(
        "closure.requested", lang,
        ["date": dayTime(closure.effectiveAt, zone: account.timeZone, lang: lang)]))
    out.line(
      tr(
        "closure.withdrawHow", lang,
        ["command": Bidi.isolate(global.commandLine(["account", "withdraw-closure"]))]))
  }
}

/// `talabati account withdraw-closure` (R29).
struct AccountWithdrawClosure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "withdraw-closure",
    abstract: "Withdraw a pending account closure (exit 3 if none is pending).")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let ctx = try openApplyingClosures(global)
    _ = try ctx.requireAccount()
    let lang = ctx.lang
    let closure = try refusingWithExit3(lang) { try ctx.shopper.withdrawClosure() }
    if ctx.json {
      try printJSON(ClosureJSON(closure, now: ctx.now))
      return
    }
    Output(lang: lang).line(tr("closure.withdrawn", lang))
  }
}

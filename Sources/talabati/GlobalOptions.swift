import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The store file (env TALABATI_STORE). Default: $XDG_DATA_HOME/talabati/talabati.sqlite.",
      valueName: "path"))
  var store: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Freeze the clock at this ISO-8601 instant (env TALABATI_NOW), e.g. 2026-11-27T10:00:00Z.",
      valueName: "instant"))
  var now: String?

  @Option(
    name: .long, help: ArgumentHelp("Language: ar or en (env TALABATI_LANG).", valueName: "ar|en"))
  var lang: String?

  @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
  var json = false

  /// The parsed values as plain data (what `Context.open` and the fast path use).
  var values: GlobalValues { GlobalValues(store: store, now: now, lang: lang, json: json) }

  /// The clock: frozen by --now / TALABATI_NOW, the system clock otherwise.
  func clock() throws -> any Clock { try values.clock() }

  /// The language asked for on the command line or in the environment, if any.
  func requestedLanguage() throws -> Language? { try values.requestedLanguage() }

  /// Where the store lives, and whether it is the embedded default (seeded on first run).
  func storeLocation() throws -> (path: String, isDefault: Bool) { try values.storeLocation() }

  /// A command a shopper may type next: `talabati`, `words`, then the `--store`, `--now` and
  /// `--lang` given on this command line, so it acts on the same store at the same clock
  /// (a printed command that dropped them acted on another store). Quoted for a POSIX shell.
  func commandLine(_ words: [String], then tail: [String] = []) -> String {
    var all = ["talabati"] + words
    if let store { all += ["--store", shellQuoted(Sanitizer.clean(store))] }
    if let now { all += ["--now", shellQuoted(Sanitizer.clean(now))] }
    if let lang { all += ["--lang", shellQuoted(Sanitizer.clean(lang))] }
    return (all + tail).joined(separator: " ")
  }
}

/// The global options as plain values: built by `GlobalOptions`, or directly (all nil) by
/// the no-argument start of the full-screen client, which skips the argument parser.
struct GlobalValues {
  var store: String?
  var now: String?
  var lang: String?
  var json = false

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  /// The clock: frozen by --now / TALABATI_NOW, the system clock otherwise.
  func clock() throws -> any Clock {
    guard let text = now ?? environment["TALABATI_NOW"], !text.isEmpty else {
      return SystemClock()
    }
    guard let date = parseInstant(text) else {
      throw CLIFailure.usage(
        tr(
          "cli.error.notInstant", Diagnostics.lang,
          ["value": Bidi.isolate("'\(Sanitizer.clean(text))'")]))
    }
    return FixedClock(date)
  }

  /// The language asked for on the command line or in the environment, if any.
  func requestedLanguage() throws -> Language? {
    guard let text = lang ?? environment["TALABATI_LANG"], !text.isEmpty else { return nil }
    guard let l = Language(rawValue: text.lowercased()) else {
      throw CLIFailure.usage(
        tr(
          "cli.error.notLang", Diagnostics.lang,
          ["value": Bidi.isolate("'\(Sanitizer.clean(text))'")]))
    }
    return l
  }

  /// Where the store lives, and whether it is the embedded default (seeded on first run).
  func storeLocation() throws -> (path: String, isDefault: Bool) {
    if let p = store ?? environment["TALABATI_STORE"], !p.isEmpty {
      return (p, false)
    }
    let base: String
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      base = xdg
    } else if let home = environment["HOME"], !home.isEmpty {
      base = home + "/.local/share"
    } else {
      throw CLIFailure.store(
        "cannot find a place for the store: set HOME, XDG_DATA_HOME or --store")
    }
    return (base + "/talabati/talabati.sqlite", true)
  }
}

/// Parses an ISO-8601 instant `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)` by hand: the frozen
/// clock is read on every start, and Foundation's formatter costs ~3 ms and 2.6 MB of ICU there.
func parseInstant(_ text: String) -> Date? {
  let b = Array(text.utf8)
  var i = 0
  func num(_ n: Int) -> Int? {
    guard i + n <= b.count else { return nil }
    var v = 0
    for k in 0..<n {
      let c = b[i + k]
      guard c >= 48 && c <= 57 else { return nil }
      v = v * 10 + Int(c - 48)
    }
    i += n
    return v
  }
  func take(_ c: UInt8) -> Bool {
    guard i < b.count, b[i] == c else { return false }
    i += 1
    return true
  }
  guard let y = num(4), take(45), let mo = num(2), take(45), let d = num(2),
    take(84) || take(116) || take(32), let h = num(2), take(58), let mi = num(2)
  else { return nil }
  var sec = 0
  var frac = 0.0
  if take(58) {
    guard let s = num(2) else { return nil }
    sec = s
    if take(46) || take(44) {
      var scale = 0.1
      var any = false
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        frac += Double(b[i] - 48) * scale
        scale /= 10
        i += 1
        any = true
      }
      guard any else { return nil }
    }
  }
  var offset = 0
  if take(90) || take(122) {
    offset = 0
  } else if i < b.count, b[i] == 43 || b[i] == 45 {
    let sign = b[i] == 45 ? -1 : 1
    i += 1
    guard let oh = num(2) else { return nil }
    _ = take(58)
    guard let om = num(2), oh <= 23, om <= 59 else { return nil }
    offset = sign * (oh * 3600 + om * 60)
  } else {
    return nil
  }
  guard i == b.count, (1...12).contains(mo), h <= 23, mi <= 59, sec <= 60 else { return nil }
  let monthDays = [
    31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30,
    31, 31, 30, 31, 30, 31,
  ]
  guard (1...monthDays[mo - 1]).contains(d) else { return nil }
  // Days from the civil date (Howard Hinnant's algorithm), proleptic Gregorian.
  let yy = mo <= 2 ? y - 1 : y
  let era = (yy >= 0 ? yy : yy - 399) / 400
  let yoe = yy - era * 400
  let mp = (mo + 9) % 12
  let doy = (153 * mp + 2) / 5 + d - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  let days = era * 146097 + doe - 719468
  let seconds = days * 86400 + h * 3600 + mi * 60 + sec - offset
  return Date(timeIntervalSince1970: Double(seconds) + frac)
}

/// Everything a subcommand needs: the shopper service (store, account, clock, actor), the
/// language and the output mode.
struct Context {
  var shopper: Shopper
  var clock: any Clock
  var lang: Language
  var json: Bool

  /// The store's account, if it holds one.
  var account: Account? { shopper.account }

  /// Opens the store (creating and, for the default location, seeding it with demo data).
  /// `readOnly`: the command only reads (`orders`, `show`, `export`), so an existing store is
  /// opened without writing or syncing anything (`AppDatabase.openForReading`, issue 12).
  static func open(_ options: GlobalOptions, readOnly: Bool = false) throws -> Context {
    try open(options.values, readOnly: readOnly)
  }

  /// Opens the store (creating and, for the default location, seeding it with demo data);
  /// R29: closures whose withdrawal period has ended are carried out before anything is read.
  static func open(_ options: GlobalValues, readOnly: Bool = false, actor: String = "cli") throws
    -> Context
  {
    let clock = try options.clock()
    let requested = try options.requestedLanguage()
    let (path, isDefault) = try options.storeLocation()
    let shopper = try Shopper.open(
      at: path, clock: clock, actor: actor, readOnly: readOnly, seedDemoIfNew: isDefault)
    let lang: Language = requested ?? shopper.account.map { $0.language } ?? .ar
    Diagnostics.known = lang
    return Context(shopper: shopper, clock: clock, lang: lang, json: options.json)
  }

  /// The account, or a clear "empty store" failure.
  func requireAccount() throws -> Account {
    guard let account else {
      throw CLIFailure.notFound(tr("cli.error.noAccount", lang))
    }
    return account
  }

  var now: Date { clock.now() }
}

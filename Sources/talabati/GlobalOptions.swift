import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiStore
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

  @Option(name: .long, help: ArgumentHelp("Language: ar or en (env TALABATI_LANG).", valueName: "ar|en"))
  var lang: String?

  @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
  var json = false

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  /// The clock: frozen by --now / TALABATI_NOW, the system clock otherwise.
  func clock() throws -> any Clock {
    guard let text = now ?? environment["TALABATI_NOW"], !text.isEmpty else {
      return SystemClock()
    }
    guard let date = parseInstant(text) else {
      throw CLIFailure.usage(
        "--now: '\(Sanitizer.clean(text))' is not an ISO-8601 instant such as 2026-11-27T10:00:00Z")
    }
    return FixedClock(date)
  }

  /// The language asked for on the command line or in the environment, if any.
  func requestedLanguage() throws -> Language? {
    guard let text = lang ?? environment["TALABATI_LANG"], !text.isEmpty else { return nil }
    guard let l = Language(rawValue: text.lowercased()) else {
      throw CLIFailure.usage("--lang: '\(Sanitizer.clean(text))' is not one of ar, en")
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
      throw CLIFailure.store("cannot find a place for the store: set HOME, XDG_DATA_HOME or --store")
    }
    return (base + "/talabati/talabati.sqlite", true)
  }
}

/// Parses an ISO-8601 instant with or without fractional seconds and with Z or an offset.
func parseInstant(_ text: String) -> Date? {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  if let d = f.date(from: text) { return d }
  f.formatOptions = [.withInternetDateTime]
  return f.date(from: text)
}

/// Everything a subcommand needs: the open store, the account, the clock and the language.
struct Context {
  var db: AppDatabase
  var account: Account?
  var clock: any Clock
  var lang: Lang
  var json: Bool
  var storePath: String

  /// Opens the store (creating and, for the default location, seeding it with demo data).
  static func open(_ options: GlobalOptions) throws -> Context {
    let clock = try options.clock()
    let requested = try options.requestedLanguage()
    let (path, isDefault) = try options.storeLocation()
    let existed = FileManager.default.fileExists(atPath: path)
    let db = try AppDatabase.openFile(at: path)
    if isDefault && !existed {
      try DemoGenerator.populate(db, orders: 60, seed: 2026, now: clock.now())
    }
    let account = try db.defaultAccount()
    let lang: Lang = requested.map(Lang.init) ?? account.map { Lang($0.language) } ?? .ar
    return Context(
      db: db, account: account, clock: clock, lang: lang, json: options.json, storePath: path)
  }

  /// The account, or a clear "empty store" failure.
  func requireAccount() throws -> Account {
    guard let account else {
      throw CLIFailure.notFound(
        "this store has no account yet: run 'talabati import FILE.json' or 'talabati demo'")
    }
    return account
  }

  var now: Date { clock.now() }
}

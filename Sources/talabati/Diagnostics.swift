import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

// MARK: - The words of errors

/// What the CLI says when something goes wrong: in the shopper's language, laid out for the
/// terminal like standard output (issue 13 item 16), pointing to the help of the subcommand
/// that was typed (item 17).
enum Diagnostics {
  /// The language of the command, once `Context.open` knows it (the account's language or
  /// the one asked for).
  nonisolated(unsafe) static var known: Language?

  /// The language errors are written in: the command's, else `--lang`/`TALABATI_LANG`, else
  /// the language of the store's account (read only when the store file exists), else Arabic.
  static var lang: Language {
    if let known { return known }
    let resolved = resolveLanguage(arguments: Array(CommandLine.arguments.dropFirst()))
    known = resolved
    return resolved
  }

  static func resolveLanguage(
    arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Language {
    if let text = optionValue("--lang", in: arguments) ?? environment["TALABATI_LANG"],
      let l = Language(rawValue: text.lowercased())
    {
      return l
    }
    let values = GlobalValues(store: optionValue("--store", in: arguments))
    if let (path, _) = try? values.storeLocation(),
      let language = Shopper.storedLanguage(at: path)
    {
      return language
    }
    return .ar
  }

  /// The value of `--name VALUE` or `--name=VALUE` in `arguments`, the last one given.
  static func optionValue(_ name: String, in arguments: [String]) -> String? {
    var value: String?
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      if a == "--" { break }
      if a == name, i + 1 < arguments.count {
        value = arguments[i + 1]
        i += 1
      } else if a.hasPrefix(name + "=") {
        value = String(a.dropFirst(name.count + 1))
      }
      i += 1
    }
    return value
  }

  /// Writes `message` (and `details`, indented) to standard error as the CLI's one report:
  /// `talabati: …`, shaped, reordered and wrapped by the program on a terminal like standard
  /// output, in logical order into a pipe or a file.
  static func report(_ message: String, details: [String] = [], lang: Language? = nil) {
    let out = Output(lang: lang ?? Diagnostics.lang, stream: .standardError)
    out.line("talabati: " + message, maxLines: .max)
    for d in details { out.line("  " + d, maxLines: .max) }
  }

  // MARK: Subcommands

  /// The names of the subcommand typed in `arguments` (`["account", "close"]`), empty for
  /// none: options and their values are skipped, names and aliases are matched level by level.
  static func subcommandPath(
    _ arguments: [String], root: any ParsableCommand.Type = Talabati.self
  ) -> [String] {
    var path: [String] = []
    var current: any ParsableCommand.Type = root
    for a in arguments {
      if a == "--" { break }
      if a.hasPrefix("-") { continue }
      guard let sub = subcommand(named: a, of: current) else { continue }
      path.append(sub._commandName)
      current = sub
    }
    return path
  }

  /// `Run 'talabati cancel --help' for usage.`, for the subcommand typed in `arguments`.
  static func helpHint(_ arguments: [String], lang: Language) -> String {
    let command = (["talabati"] + subcommandPath(arguments) + ["--help"]).joined(separator: " ")
    return tr("cli.error.help", lang, ["command": Bidi.isolate(command)])
  }

  // MARK: Global options before the subcommand

  /// The options every subcommand takes, with whether each takes a value.
  static let globalOptions: [String: Bool] = [
    "--store": true, "--now": true, "--lang": true, "--json": false,
  ]

  /// `arguments` with the global options written before the subcommand (`talabati --lang en
  /// orders`, the git and kubectl habit) moved after it, where the parser reads them. Nothing
  /// changes when the first word is not a global option or no subcommand follows them.
  static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
    var leading: [String] = []
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      let name = String(a.prefix { $0 != "=" })
      guard let takesValue = globalOptions[name] else { break }
      leading.append(a)
      if takesValue && !a.contains("=") {
        guard i + 1 < arguments.count else { return arguments }
        leading.append(arguments[i + 1])
        i += 1
      }
      i += 1
    }
    guard !leading.isEmpty, i < arguments.count else { return arguments }
    // The subcommand words that follow (`orders`, `account close`), then the options.
    var rest = Array(arguments[i...])
    var names = 0
    var current: any ParsableCommand.Type = Talabati.self
    for word in rest {
      guard let sub = subcommand(named: word, of: current) else { break }
      current = sub
      names += 1
    }
    guard names > 0 else { return arguments }
    rest.insert(contentsOf: leading, at: names)
    return rest
  }

  static func subcommand(named word: String, of command: any ParsableCommand.Type)
    -> (any ParsableCommand.Type)?
  {
    command.configuration.subcommands.first {
      $0._commandName == word || $0.configuration.aliases.contains(word)
    }
  }

  // MARK: Argument-parser errors

  /// The argument parser's English usage message in `lang`: the common ones (missing
  /// argument or value, unknown option, unexpected argument, invalid value) are translated,
  /// others are kept as they are.
  static func usageMessage(_ english: String, lang: Language) -> String {
    let first = String(english.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    guard lang == .ar else { return first }
    func quoted(after prefix: String, in text: String) -> (String, String)? {
      guard text.hasPrefix(prefix + "'") else { return nil }
      let rest = text.dropFirst(prefix.count + 1)
      guard let end = rest.firstIndex(of: "'") else { return nil }
      return (String(rest[..<end]), String(rest[rest.index(after: end)...]))
    }
    let iso = { (s: String) in Bidi.isolate("'" + Sanitizer.clean(s) + "'") }
    if let (what, _) = quoted(after: "Missing expected argument ", in: first) {
      return tr("cli.error.missingArgument", lang, ["what": iso(what)])
    }
    if let (what, _) = quoted(after: "Missing value for ", in: first) {
      return tr("cli.error.missingValue", lang, ["what": iso(what)])
    }
    if let (what, rest) = quoted(after: "Unknown option ", in: first) {
      var text = tr("cli.error.unknownOption", lang, ["what": iso(what)])
      if let (suggestion, _) = quoted(after: ". Did you mean ", in: rest) {
        text += " " + tr("cli.error.didYouMean", lang, ["what": iso(suggestion)])
      }
      return text
    }
    if let (what, _) = quoted(after: "Unexpected argument ", in: first) {
      return tr("cli.error.unexpectedArgument", lang, ["what": iso(what)])
    }
    if first.contains(" unexpected arguments: ") {
      let list = first.components(separatedBy: " unexpected arguments: ").last ?? ""
      return tr("cli.error.unexpectedArgument", lang, ["what": iso(list)])
    }
    if let (value, rest) = quoted(after: "The value ", in: first),
      let (what, _) = quoted(after: " is invalid for ", in: rest)
    {
      return tr("cli.error.invalidValue", lang, ["value": iso(value), "what": iso(what)])
    }
    if let (what, rest) = quoted(after: "The option ", in: first),
      let (value, _) = quoted(after: " does not take any value, but ", in: rest)
    {
      return tr("cli.error.noValueTaken", lang, ["value": iso(value), "what": iso(what)])
    }
    return first
  }

  // MARK: Store errors

  /// The exit code of a failure of the shopper service (README): 2 input the store cannot
  /// accept, 3 changed meanwhile, 4 not found, 5 the store or a file beside it unusable.
  static func exitCode(_ error: ShopperError) -> Int32 {
    switch error {
    case .invalidInput: 2
    case .changedMeanwhile: 3
    case .notFound, .noAccount: 4
    case .notADatabase, .corrupt, .readOnly, .newerVersion, .io, .file: 5
    }
  }

  /// A failure of the shopper service in `lang`.
  static func storeMessage(_ error: ShopperError, lang: Language) -> String {
    let iso = { (s: String) in Bidi.isolate(Sanitizer.clean(s)) }
    switch error {
    case .notFound(let what):
      let words = what.split(separator: " ").map(String.init)
      if words.count == 2, let key = notFoundKeys[words[0]] {
        return tr(key, lang, ["id": iso(words[1])])
      }
      if words.count == 5, words[0] == "item", words[2] == "in", words[3] == "order" {
        return tr(
          "cli.error.notFound.itemInOrder", lang, ["id": iso(words[1]), "order": iso(words[4])])
      }
      return tr("cli.error.notFound", lang, ["what": iso(what)])
    case .notADatabase(let path): return tr("cli.error.notADatabase", lang, ["path": iso(path)])
    case .corrupt(let path): return tr("cli.error.corrupt", lang, ["path": iso(path)])
    case .readOnly(let path): return tr("cli.error.readOnly", lang, ["path": iso(path)])
    case .newerVersion(let path): return tr("cli.error.newerVersion", lang, ["path": iso(path)])
    case .io(let message): return tr("cli.error.io", lang, ["message": iso(message)])
    case .changedMeanwhile: return tr("cli.error.changedMeanwhile", lang)
    case .invalidInput(let message):
      return tr("cli.error.invalidInput", lang, ["message": iso(message)])
    case .noAccount: return tr("cli.error.noAccount", lang)
    case .file(let message): return Sanitizer.clean(message)
    }
  }

  // MARK: Refusals

  /// A policy refusal as the CLI reports it: the one place a `Refusal` becomes exit code 3
  /// (the main entry point uses it for every refusal a command does not word itself; the
  /// support and account commands word theirs through it). Support and closure refusals say
  /// their rule in `lang`; the others their English description in English, "refused" in
  /// Arabic.
  static func refusalFailure(_ refusal: Refusal, lang: Language) -> CLIFailure {
    switch refusal {
    case .support(let code):
      return CLIFailure(code: 3, message: plain(tr("support.refusal.\(code.rawValue)", lang)))
    case .cancel, .archive, .returns:
      return CLIFailure(
        code: 3, message: lang == .en ? refusal.description : tr("cli.error.refused", lang))
    }
  }

  static let notFoundKeys = [
    "order": "cli.error.notFound.order", "account": "cli.error.notFound.account",
    "return": "cli.error.notFound.return", "call-back": "cli.error.notFound.callback",
  ]
}

import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiInterchange
import TalabatiStore
import TalabatiText

// MARK: - demo

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a reproducible demo store of any size, relative to the clock (--now fixes it)."
  )

  @OptionGroup var global: GlobalOptions
  @Option(help: "How many orders (1–5,000,000).") var orders = 60
  @Option(help: "Random seed: the same seed and --now give the same store.") var seed: UInt64 = 2026

  func validate() throws {
    if !(1...5_000_000).contains(orders) {
      throw ValidationError("--orders must be between 1 and 5000000")
    }
  }

  struct ResultJSON: Encodable {
    var store: String
    var orders: Int
    var seed: UInt64
    var seconds: Double
  }

  func run() throws {
    let clock = try global.clock()
    let (path, _) = try global.storeLocation()
    if FileManager.default.fileExists(atPath: path) {
      let db = try AppDatabase.openFile(at: path)
      if try db.defaultAccount() != nil {
        throw CLIFailure(
          code: 5,
          message:
            "\(Sanitizer.clean(path)) already holds an account; demo fills only a new or empty store"
        )
      }
    }
    let db = try AppDatabase.openFile(at: path)
    let start = Date()
    let showProgress = !global.json && isatty(STDERR_FILENO) == 1 && orders >= 50_000
    let account = try DemoGenerator.populate(db, orders: orders, seed: seed, now: clock.now()) {
      done in
      if showProgress {
        let pct = done * 100 / max(orders, 1)
        FileHandle.standardError.write(Data("\r\(done)/\(orders) (\(pct)%)".utf8))
      }
    }
    // A return in progress and a finished one, so the return screens have something to show.
    _ = try DemoGenerator.addDemoReturns(db, account: account.id, now: clock.now())
    if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
    let seconds = Date().timeIntervalSince(start)
    if global.json {
      try printJSON(ResultJSON(store: path, orders: orders, seed: seed, seconds: seconds))
    } else {
      let lang = try global.requestedLanguage().map(Lang.init) ?? .ar
      Output(lang: lang).line(
        tr(
          "cli.demo.done", lang,
          [
            "count": Format.quantity(orders, unit: "order", lang: lang),
            "store": Bidi.isolate(Sanitizer.clean(path)),
            "seconds": String(format: "%.1f", seconds),
          ]))
    }
  }
}

// MARK: - import / export

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import an account and its orders from talabati's JSON format (docs/interchange.md).",
    discussion: "All or nothing: a malformed file leaves the store unchanged.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The JSON file ('-' for standard input).") var file: String

  struct ImportJSON: Encodable {
    var account: Int64
    var accountCreated: Bool
    var imported: Int
    var skipped: [String]
    var returns: Int
    var importedRefunds: Int
    var callbacks: Int
    var closures: Int
    var closuresNotImported: Int
  }

  func run() throws {
    let data: Data
    do {
      data =
        file == "-"
        ? FileHandle.standardInput.readDataToEndOfFile()
        : try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
      throw CLIFailure.notFound("cannot read \(Sanitizer.clean(file)): no such readable file")
    }
    let doc: InterchangeDocument
    do {
      doc = try InterchangeDocument.decode(data)
    } catch {
      throw CLIFailure.usage("\(Sanitizer.clean(file)): \(error)")
    }
    let ctx = try Context.open(global)
    let report = try ctx.db.importDocument(doc, actor: "cli", at: ctx.now)
    if ctx.json {
      try printJSON(
        ImportJSON(
          account: report.account, accountCreated: report.accountCreated,
          imported: report.imported, skipped: report.skipped, returns: report.returns,
          importedRefunds: report.importedRefunds, callbacks: report.callbacks,
          closures: report.closures, closuresNotImported: report.closuresNotImported))
    } else {
      // The summary speaks the imported account's language unless one was asked for (an
      // English account's import was summarised in Arabic, issue 11).
      let requested = try global.requestedLanguage().map(Lang.init)
      let imported = try ctx.db.defaultAccount().map { Lang($0.language) }
      let lang = requested ?? imported ?? ctx.lang
      let out = Output(lang: lang)
      out.line(
        tr(
          "cli.import.done", lang,
          [
            "inserted": Format.quantity(report.imported, unit: "order", lang: lang),
            "skipped": Format.quantity(report.skipped.count, unit: "order", lang: lang),
          ]))
      if report.returns + report.importedRefunds + report.callbacks + report.closures > 0 {
        out.line(
          tr(
            "cli.import.more", lang,
            [
              "returns": Format.quantity(report.returns, unit: "return", lang: lang),
              "refunds": Format.quantity(report.importedRefunds, unit: "refund", lang: lang),
              "callbacks": Format.quantity(report.callbacks, unit: "callback", lang: lang),
              "closures": Format.quantity(report.closures, unit: "closure", lang: lang),
            ]))
      }
      if report.closuresNotImported > 0 {
        out.line(
          tr(
            "cli.import.closuresLeft", lang,
            ["count": Format.quantity(report.closuresNotImported, unit: "closure", lang: lang)]))
      }
    }
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export the account and its orders as talabati's JSON format (docs/interchange.md).")

  @OptionGroup var global: GlobalOptions
  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func run() throws {
    let ctx = try Context.open(global, readOnly: true)
    let account = try ctx.requireAccount()
    let data = try ctx.db.exportDocument(account: account.id).encoded()
    if let output {
      let tmp = output + ".tmp-\(getpid())"
      do {
        try data.write(to: URL(fileURLWithPath: tmp))
        if rename(tmp, output) != 0 {
          throw CLIFailure.store("cannot write \(Sanitizer.clean(output))")
        }
      } catch {
        unlink(tmp)
        throw CLIFailure.store(
          "cannot write \(Sanitizer.clean(output)): \(error.localizedDescription)")
      }
    } else {
      FileHandle.standardOutput.write(data)
      if data.last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
  }
}

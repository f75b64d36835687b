import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
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
    if try Shopper.holdsAccount(at: path) {
      throw CLIFailure(
        code: 5,
        message:
          "\(Sanitizer.clean(path)) already holds an account; demo fills only a new or empty store"
      )
    }
    let start = Date()
    let showProgress = !global.json && isatty(STDERR_FILENO) == 1 && orders >= 50_000
    // With a return in progress and a finished one, so the return screens have something to show.
    try Shopper.populateDemo(at: path, orders: orders, seed: seed, now: clock.now()) { done in
      if showProgress {
        let pct = done * 100 / max(orders, 1)
        FileHandle.standardError.write(Data("\r\(done)/\(orders) (\(pct)%)".utf8))
      }
    }
    if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
    let seconds = Date().timeIntervalSince(start)
    if global.json {
      try printJSON(ResultJSON(store: path, orders: orders, seed: seed, seconds: seconds))
    } else {
      let lang = try global.requestedLanguage() ?? .ar
      Output(lang: lang).line(
        tr(
          "cli.demo.done", lang,
          [
            "count": Words(lang).count(orders, "order"),
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
    let document: Shopper.Interchange
    do {
      document = try Shopper.decodeInterchange(data)
    } catch {
      throw CLIFailure.usage("\(Sanitizer.clean(file)): \(error)")
    }
    let ctx = try Context.open(global)
    let (report, importedAccount) = try ctx.shopper.importInterchange(document)
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
      let requested = try global.requestedLanguage()
      let imported = importedAccount.map { $0.language }
      let lang = requested ?? imported ?? ctx.lang
      let out = Output(lang: lang)
      out.line(
        tr(
          "cli.import.done", lang,
          [
            "inserted": Words(lang).count(report.imported, "order"),
            "skipped": Words(lang).count(report.skipped.count, "order"),
          ]))
      if report.returns + report.importedRefunds + report.callbacks + report.closures > 0 {
        out.line(
          tr(
            "cli.import.more", lang,
            [
              "returns": Words(lang).count(report.returns, "return"),
              "refunds": Words(lang).count(report.importedRefunds, "refund"),
              "callbacks": Words(lang).count(report.callbacks, "callback"),
              "closures": Words(lang).count(report.closures, "closure"),
            ]))
      }
      if report.closuresNotImported > 0 {
        out.line(
          tr(
            "cli.import.closuresLeft", lang,
            ["count": Words(lang).count(report.closuresNotImported, "closure")]))
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
    _ = try ctx.requireAccount()
    let data = try ctx.shopper.exportInterchange()
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

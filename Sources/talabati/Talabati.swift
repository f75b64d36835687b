import ArgumentParser
import CSystemShims
import Foundation
import TalabatiDomain
import TalabatiServices

/// The `talabati` command: with no subcommand it opens the full-screen client; every
/// subcommand is scriptable and has `--json` output.
///
/// Exit codes (documented in the README): 0 ok, 2 usage, 3 refused by policy, 4 not found,
/// 5 store error, 6 terminal unusable for the full-screen client, 128+N killed by signal N.
@main
struct Talabati: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "talabati",
    abstract: "طلباتي — your orders in the terminal: browse, cancel, archive.",
    discussion: """
      Exit codes: 0 ok · 2 usage · 3 refused by policy · 4 not found · 5 store error · \
      6 no usable terminal.
      Environment: TALABATI_STORE, TALABATI_NOW, TALABATI_LANG, TALABATI_BIDI, NO_COLOR.
      """,
    version: "0.1.0",
    subcommands: [
      Browse.self, Orders.self, Show.self, Cancel.self, Reasons.self, Archive.self,
      Unarchive.self, ReturnItems.self, Returns.self, Label.self, Track.self,
      SupportCommand.self, ContactSeller.self, AccountCommand.self, Outbox.self, Demo.self,
      Import.self, Export.self, ImportAmazon.self, Serve.self,
    ],
    defaultSubcommand: Browse.self
  )

  static func main() {
    disableCrashBacktracerInteraction()
    do {
      if CommandLine.arguments.count == 1 {
        // No arguments: the default subcommand with every option unset, as `parseAsRoot`
        // would give, without its reflection over 19 subcommands (docs/performance.md).
        try Browse.open(global: GlobalValues(), theme: nil, bidi: nil)
      } else {
        // Global options written before the subcommand are read after it (git habit).
        let arguments = Diagnostics.hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst()))
        var command = try parseAsRoot(arguments)
        try command.run()
      }
    } catch let failure as CLIFailure {
      failure.report()
      Foundation.exit(failure.code)
    } catch let refusal as Refusal {
      let failure = Diagnostics.refusalFailure(refusal, lang: Diagnostics.lang)
      failure.report()
      Foundation.exit(failure.code)
    } catch let error as ShopperError {
      Diagnostics.report(Diagnostics.storeMessage(error, lang: Diagnostics.lang))
      Foundation.exit(Diagnostics.exitCode(error))
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      // Argument-parser's usage errors: one line in the shopper's language, the help of the
      // subcommand typed (issue 13 item 17), and exit code 2.
      let lang = Diagnostics.lang
      let arguments = Array(CommandLine.arguments.dropFirst())
      Diagnostics.report(
        Diagnostics.usageMessage(message(for: error), lang: lang),
        details: [], lang: lang)
      Output(lang: lang, stream: .standardError).line(
        Diagnostics.helpHint(arguments, lang: lang), maxLines: .max)
      Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
    }
  }
}

/// The Swift runtime's backtracer, on a crash in an interactive terminal, prints a stack trace
/// and waits ~30 s for a key (TERMINAL-NOTES.md). A shopper must never see that: when both
/// standard input and output are terminals and `SWIFT_BACKTRACE` is not set (a developer who
/// sets it gets what they asked for), the crash signals get their default action back. The
/// client's exit guard restores the terminal first and then hands the signal on, so a crash
/// leaves a usable terminal and an exit status of 128+N, at once. This replaces re-executing the
/// binary with `SWIFT_BACKTRACE=enable=no`, which cost every interactive start a second
/// process start (issue 12). Scripts and pipes keep the runtime's backtraces.
private func disableCrashBacktracerInteraction() {
  guard getenv("SWIFT_BACKTRACE") == nil, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1
  else { return }
  tl_default_crash_signals()
}

/// A failure the CLI reports as one line on standard error with a documented exit code.
struct CLIFailure: Error {
  var code: Int32
  var message: String
  /// Extra lines (e.g. per-item refusal reasons) printed after the message.
  var details: [String] = []

  static func usage(_ m: String) -> CLIFailure { CLIFailure(code: 2, message: m) }
  static func notFound(_ m: String) -> CLIFailure { CLIFailure(code: 4, message: m) }
  static func store(_ m: String) -> CLIFailure { CLIFailure(code: 5, message: m) }

  func report() { Diagnostics.report(message, details: details) }
}

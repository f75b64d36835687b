import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiTerminal
import TalabatiText
import TalabatiUI

#if canImport(Glibc)
  import Glibc
#endif

/// The full-screen client (the default command).
struct Browse: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Open the full-screen client (the default when no subcommand is given).")

  @OptionGroup var global: GlobalOptions

  @Option(
    help: ArgumentHelp(
      "Theme: default-dark, light, high-contrast, monochrome or one of yours (env TALABATI_THEME).",
      valueName: "name"))
  var theme: String?

  @Option(
    help: ArgumentHelp(
      "Who reorders right-to-left text: app (default) or terminal (Konsole, mlterm) (env TALABATI_BIDI).",
      valueName: "app|terminal"))
  var bidi: String?

  @Flag(
    help:
      "Presenter's clock in a demo store: + moves the session clock 5 minutes forward, * one hour.")
  var presenter = false

  func run() throws {
    try Browse.open(global: global.values, theme: theme, bidi: bidi, presenter: presenter)
  }

  /// Opens the client with these options. `talabati` with no arguments calls this directly
  /// with every option unset (what the parser would give), skipping the argument parser's
  /// reflection over the command tree: ~25% of the start-up CPU (docs/performance.md).
  static func open(
    global: GlobalValues, theme: String?, bidi: String?, presenter: Bool = false
  ) throws {
    let env = ProcessInfo.processInfo.environment
    var bidiMode = BidiMode.detect(environment: env)
    if let b = bidi {
      guard let m = BidiMode(rawValue: b) else {
        throw CLIFailure.usage("--bidi: '\(Sanitizer.clean(b))' is not one of app, terminal")
      }
      bidiMode = m
    }
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw CLIFailure(
        code: 6,
        message:
          "the full-screen client needs a terminal on standard input and output; "
          + "use 'talabati orders' (or --json) in scripts and pipes")
    }
    let ctx = try Context.open(global, actor: "tui")
    let account = try ctx.requireAccount()
    // The presenter's clock: asked for with --presenter, or by `talabati serve` for a
    // visitor's demo store (TALABATI_PRESENTER=1); only ever on a demo store (issue 10).
    let wantsPresenter = presenter || env["TALABATI_PRESENTER"] == "1"
    let isDemoStore = ctx.shopper.isDemoAccount
    if presenter && !isDemoStore {
      throw CLIFailure.usage(
        "--presenter moves the clock of demo stores only; this store holds a real account")
    }
    let sessionClock = PresenterClock(base: ctx.clock)

    // Theme: the named one, else the one last chosen with T (kept as the language is), else
    // the default; a broken file is reported and the default used.
    let userDir = ThemeLoader.userDirectory(environment: env)
    // The one service every effect runs against, at the session's clock.
    let service = ctx.shopper.with(clock: sessionClock)
    let themeName = theme ?? env["TALABATI_THEME"] ?? service.savedTheme() ?? "default-dark"
    var chosen = ThemeLoader.defaultTheme
    var themeWarning: String?
    // The built-in default is parsed once, for `defaultTheme`; parsing it again through
    // `load` was ~10% of the start-up CPU (docs/performance.md).
    if themeName != chosen.name || userThemeExists(themeName, in: userDir) {
      do {
        chosen = try ThemeLoader.load(name: themeName, userDirectory: userDir)
      } catch {
        themeWarning = "\(error)"
      }
    }
    // The shopper's choice, even where NO_COLOR paints it in monochrome: `T` moves on from it.
    let chosenName = chosen.name
    chosen = ThemeLoader.forEnvironment(chosen, environment: env)

    var model = AppModel(
      lang: ctx.lang, bidiMode: bidiMode,
      themeNames: ThemeLoader.available(userDirectory: userDir), themeName: chosenName,
      timeZone: account.timeZone, email: account.email, now: ctx.now)
    model.accountName = account.name
    model.presenter = wantsPresenter && isDemoStore
    let options = TerminalOptions(
      bidiMode: bidiMode, theme: chosen, environment: env)
    let terminal: Terminal
    do {
      terminal = try Terminal(options: options)
    } catch {
      // TerminalError's text already starts with "talabati: "; report() adds it again.
      let text = "\(error)"
      let prefix = "talabati: "
      throw CLIFailure(
        code: 6, message: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
    }
    let code: Int32
    do {
      defer { terminal.restore() }
      let (w, h) = terminal.size
      model.width = w
      model.height = h
      var app = FullScreenApp(
        model: model, service: service, clock: sessionClock,
        terminal: terminal, userThemeDirectory: userDir, environment: env)
      app.start(warning: themeWarning)
      code = terminal.run(&app)
    }
    if code != 0 { throw ExitCode(code) }
  }
}

/// True when the user's theme directory holds `<name>.toml`, which `ThemeLoader.load` would
/// prefer to the built-in theme of that name.
private func userThemeExists(_ name: String, in directory: String?) -> Bool {
  guard let directory else { return false }
  return FileManager.default.fileExists(atPath: directory + "/" + name + ".toml")
}

/// Connects the pure core (update/view) to the terminal and the store: keys become actions,
/// effects run against the store and their results go back into `update`.
struct FullScreenApp: TerminalApp {
  var model: AppModel
  let service: Shopper
  let clock: PresenterClock
  let terminal: Terminal
  let userThemeDirectory: String?
  let environment: [String: String]
  var quitRequested = false

  mutating func start(warning: String?) {
    run(launch(&model))
    if let warning { dispatch(.failed(warning)) }
  }

  mutating func handle(_ key: Key) -> Bool {
    if case .resize(let w, let h) = key {
      dispatch(.resized(width: w, height: h))
    } else if let action = Keymap.action(for: key, in: model) {
      dispatch(action)
    }
    return !quitRequested
  }

  func render(width: Int, height: Int) -> Screen { view(model, width: width, height: height) }

  mutating func tick() {
    let now = clock.now()
    if Int(now.timeIntervalSince1970) != Int(model.now.timeIntervalSince1970) {
      dispatch(.tick(now))
    }
  }

  /// Applies an action and everything its effects lead to.
  mutating func dispatch(_ action: Action) {
    run(update(&model, action))
  }

  private mutating func run(_ first: [Effect]) {
    var effects = first
    while !effects.isEmpty {
      let effect = effects.removeFirst()
      switch effect {
      case .quit:
        quitRequested = true
      case .redraw:
        terminal.redrawAll()
      case .moveClock(let seconds):
        // Everything done afterwards is recorded at the moved time: effects read this clock.
        clock.advance(by: seconds)
      case .applyTheme(let name):
        do {
          let theme = try ThemeLoader.load(name: name, userDirectory: userThemeDirectory)
          terminal.setTheme(ThemeLoader.forEnvironment(theme, environment: environment))
        } catch {
          effects += update(&model, .failed("\(error)"))
        }
      default:
        if let result = perform(effect, on: service, now: clock.now()) {
          effects += update(&model, result)
        }
      }
    }
  }
}

/// The session's clock: the store's clock plus what the presenter moved it forward by
/// (`+`, `*` in a demo store; issue 10). Zero offset everywhere else.
final class PresenterClock: Clock, @unchecked Sendable {
  private let base: any Clock
  private let lock = NSLock()
  private var offset: TimeInterval = 0

  init(base: any Clock) { self.base = base }

  func now() -> Date { base.now().addingTimeInterval(lock.withLock { offset }) }

  /// Forward only, so events stay in order.
  func advance(by seconds: TimeInterval) {
    guard seconds > 0 else { return }
    lock.withLock { offset += seconds }
  }
}

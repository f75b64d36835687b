import Foundation
import Testing

/// Golden files of the CLI's whole output (issue 11 item 7), in the manner of
/// swift-argument-parser's own tests: every subcommand (its `--help` included) is run as a
/// shopper runs it, with the real binary, and what it printed — the command line, the exit code,
/// standard output and standard error — is compared whole with a file under `__Golden__/`.
/// A difference fails its case with a line diff.
///
/// - `__Golden__/ar/` and `__Golden__/en/`: text output in Arabic and English (every case).
/// - `__Golden__/json/`: `--json` output, for the cases that have one (no `--lang`: its text
///   fields are in the account's language, Arabic, as a script gets them).
/// - `__Golden__/fixtures/`: the store every case starts from (`orders.json`, a copy of
///   `docs/examples/orders.json`, imported into a fresh store), an Amazon export for
///   `import-amazon`, and two bad documents for `import`.
///
/// Each case runs on its own copy of the fixture store (so changing commands start from the
/// same state), at the fixed instant `GoldenTests.now`, with a fixed environment (`TZ=UTC`,
/// `LANG=C.UTF-8`, `COLUMNS=80`, `HOME` in the case's directory, no `TALABATI_*` variable but
/// `TALABATI_LANG` for the help and usage cases, which take no `--lang`).
/// Output goes to pipes, so Arabic is in logical order (as scripts and `grep` see it). The
/// case's directory is written `$DIR` and the fixtures' `$FIXTURES`; Maildir file names (pid
/// and host name) and elapsed times are replaced by placeholders.
///
/// Re-recording: `GOLDEN_RECORD=1 swift test --skip-build --filter TalabatiCLITests.GoldenTests`
/// rewrites every file the run covers and passes (`…GoldenTests/english`, `/arabic` or `/json`
/// for one folder) and removes files no case owns; without it, a missing file is recorded and
/// its case fails once. Review the result with `git diff Tests/TalabatiCLITests/__Golden__`:
/// each file is plain text, one line per output line, so the diff shows what changed.
@Suite(.serialized) struct GoldenTests {
  /// The instant every case runs at: 11:00 in Riyadh, the support line open; the fixture was
  /// exported at 07:45Z, so its newest orders are minutes old.
  static let now = "2026-11-27T08:00:00Z"

  static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("__Golden__")
  static let fixtures = goldenDir.appendingPathComponent("fixtures")
  static var recording: Bool {
    let v = ProcessInfo.processInfo.environment["GOLDEN_RECORD"] ?? ""
    return !v.isEmpty && v != "0"
  }

  /// The fixture store, imported once; every case copies its directory.
  static let base: Result<URL, Failure> = {
    let dir = CLI.tempDir()
    do {
      let r = try CLI.run(
        [
          "import", fixtures.appendingPathComponent("orders.json").path,
          "--store", dir.appendingPathComponent("store.sqlite").path, "--now", now,
        ], env: environment(home: dir), clearEnvironment: true)
      guard r.code == 0 else { return .failure(Failure("fixture import failed: \(r.stderr)")) }
    } catch {
      return .failure(Failure("fixture import failed: \(error)"))
    }
    return .success(dir)
  }()

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
  }

  /// The whole environment of a run: nothing from the developer's shell leaks in.
  static func environment(home: URL) -> [String: String] {
    [
      "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home.path, "TZ": "UTC",
      "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "80", "LINES": "24", "TERM": "dumb",
      "SWIFT_BACKTRACE": "enable=no",
    ]
  }

  // MARK: Running a case

  /// Runs `c` in `variant` on a fresh copy of its store; returns the golden text.
  static func output(of c: GoldenCase, variant: Variant) throws -> String {
    let dir = CLI.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    switch c.store {
    case .fixture:
      let base = try Self.base.get()
      for name in try FileManager.default.contentsOfDirectory(atPath: base.path) {
        try FileManager.default.copyItem(
          at: base.appendingPathComponent(name), to: dir.appendingPathComponent(name))
      }
    case .empty: break
    case .file(let name):
      try FileManager.default.copyItem(
        at: fixtures.appendingPathComponent(name), to: dir.appendingPathComponent("store.sqlite"))
    }
    var text = ""
    for (n, step) in c.steps.enumerated() {
      var args = step.args.map { substitute($0, dir: dir, variant: variant) }
      var env = environment(home: dir)
      if step.globals {
        args += ["--store", dir.appendingPathComponent("store.sqlite").path, "--now", now]
        args += variant == .json ? ["--json"] : ["--lang", variant.lang]
      } else {
        // Help, usage and no-store cases: the language from the environment, as a shopper
        // who sets it once would.
        env["TALABATI_LANG"] = variant.lang
      }
      let stdin = try step.stdin.map {
        try Data(contentsOf: URL(fileURLWithPath: substitute($0, dir: dir, variant: variant)))
      }
      let r = try CLI.run(args, env: env, stdin: stdin, clearEnvironment: true)
      if n > 0 { text += "\n" }
      let shown =
        (step.globals ? "" : "TALABATI_LANG=\(variant.lang) ") + "talabati "
        + args.map(shellQuoted).joined(separator: " ") + (step.stdin.map { " < " + $0 } ?? "")
      text += "$ " + shown + "\n"
      text += "[exit \(r.code)]\n"
      text += "[stdout]\n" + terminated(r.stdout)
      text += "[stderr]\n" + terminated(r.stderr)
    }
    return normalised(text, dir: dir)
  }

  static func substitute(_ arg: String, dir: URL, variant: Variant) -> String {
    arg.replacingOccurrences(of: "$DIR", with: dir.path)
      .replacingOccurrences(of: "$FIXTURES", with: fixtures.path)
      .replacingOccurrences(of: "$LANG", with: variant.lang)
      .replacingOccurrences(of: "$NOW", with: now)
  }

  static func terminated(_ s: String) -> String { s.isEmpty || s.hasSuffix("\n") ? s : s + "\n" }

  static func shellQuoted(_ s: String) -> String {
    let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./:=,$@+%"))
    if !s.isEmpty, s.unicodeScalars.allSatisfy({ safe.contains($0) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// What differs from run to run replaced by a name for it.
  static func normalised(_ text: String, dir: URL) -> String {
    var t = text.replacingOccurrences(of: dir.path, with: "$DIR")
      .replacingOccurrences(of: fixtures.path, with: "$FIXTURES")
    // Maildir names: `<epoch>.<pid>_<counter>.<host>`.
    t = t.replacingOccurrences(
      of: #"\b[0-9]{9,11}\.[0-9]+_[0-9]+\.[A-Za-z0-9._-]+"#, with: "<maildir-name>",
      options: .regularExpression)
    // Elapsed times (`demo`, `import-amazon`): `in 0.1 s`, `خلال 0.1 ث`, `"seconds" : 0.017`.
    t = t.replacingOccurrences(
      of: #"(in|خلال|في) [0-9]+\.[0-9]+ (s|ث)"#, with: "$1 <elapsed> $2",
      options: .regularExpression)
    t = t.replacingOccurrences(
      of: #""seconds" : [0-9.e-]+"#, with: #""seconds" : "<elapsed>""#,
      options: .regularExpression)
    return t
  }

  // MARK: Comparing

  static func check(_ c: GoldenCase, _ variant: Variant) throws {
    let actual = try output(of: c, variant: variant)
    let file = goldenDir.appendingPathComponent(variant.rawValue)
      .appendingPathComponent(c.name + ".txt")
    let expected = try? String(contentsOf: file, encoding: .utf8)
    if recording || expected == nil {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: file, atomically: true, encoding: .utf8)
      if expected == nil && !recording {
        Issue.record(
          "recorded a new golden file \(variant.rawValue)/\(c.name).txt: read it, run again")
      }
      return
    }
    if let expected, expected != actual {
      Issue.record(
        """
        \(variant.rawValue)/\(c.name).txt differs from the output (- golden, + now); \
        GOLDEN_RECORD=1 re-records:
        \(lineDiff(expected, actual))
        """)
    }
  }

  @Test(arguments: GoldenCase.all.filter(\.text))
  func arabic(_ c: GoldenCase) throws { try Self.check(c, .ar) }

  @Test(arguments: GoldenCase.all.filter(\.text))
  func english(_ c: GoldenCase) throws { try Self.check(c, .en) }

  @Test(arguments: GoldenCase.all.filter(\.json))
  func json(_ c: GoldenCase) throws { try Self.check(c, .json) }

  /// Every file under `__Golden__/{ar,en,json}` belongs to a case: a renamed or removed case
  /// does not leave a file behind that nothing checks (re-recording deletes them).
  @Test func everyGoldenFileHasACase() throws {
    for variant in Variant.allCases {
      let dir = Self.goldenDir.appendingPathComponent(variant.rawValue)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      let known = Set(
        GoldenCase.all.filter { variant == .json ? $0.json : $0.text }.map { $0.name + ".txt" })
      for name in names where !known.contains(name) {
        if Self.recording {
          try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        } else {
          Issue.record("\(variant.rawValue)/\(name) has no case (GOLDEN_RECORD=1 removes it)")
        }
      }
    }
  }

  /// The comparison itself: a changed line fails with a diff naming it.
  @Test func aChangedLineIsShownInTheDiff() {
    let diff = lineDiff("a\nb\nc\n", "a\nB\nc\n")
    #expect(diff == " a\n-b\n+B\n c\n ")
    #expect(!diff.contains("-a"))
  }
}

// MARK: - Cases

enum Variant: String, CaseIterable, Sendable {
  case ar, en, json
  var lang: String { self == .ar ? "ar" : "en" }
}

/// One command line of a case. `globals`: append `--store $DIR/store.sqlite --now NOW` and
/// `--lang L` (or `--json`); without them the language comes from `TALABATI_LANG`.
struct Step: Sendable {
  var args: [String]
  var globals = true
  var stdin: String?
}

/// A golden case: its file name, the command lines run one after another on one fresh store
/// (a changing command can be followed by a read that shows its effect), and which variants.
struct GoldenCase: Sendable, CustomTestStringConvertible {
  /// The fixture store, none (the command creates it), or a fixture file copied as the store.
  enum Store: Sendable {
    case fixture, empty
    case file(String)
  }

  var name: String
  var steps: [Step]
  var store = Store.fixture
  var text = true
  var json = false

  var testDescription: String { name }

  static func c(
    _ name: String, _ args: [String], json: Bool = false, text: Bool = true,
    store: Store = .fixture, globals: Bool = true, stdin: String? = nil
  ) -> GoldenCase {
    GoldenCase(
      name: name, steps: [Step(args: args, globals: globals, stdin: stdin)], store: store,
      text: text, json: json)
  }

  static func seq(
    _ name: String, _ steps: [[String]], json: Bool = false, store: Store = .fixture
  ) -> GoldenCase {
    GoldenCase(name: name, steps: steps.map { Step(args: $0) }, store: store, json: json)
  }

  // The fixture's orders (docs/examples/orders.json) at 08:00Z:
  /// Apple Pay; item 1 (seller) cancelled, item 2 (store, ×2, shipment 2) cancellable.
  static let fresh = "402-7321817-0033068"
  /// mada; one seller item whose 30-minute window ended at 07:44 (R3).
  static let sellerLate = "402-1803391-3920479"
  /// mada; one store item in the shipping process since 06:15 (R1).
  static let shipping = "402-1457774-3178753"
  /// Apple Pay; shipment 101 delivered (water ×3, returned as RMA-0000001), 102 shipped
  /// (two seller items); two imported refunds.
  static let delivered = "402-5593731-6324438"
  /// mada; delivered, item 151 cancelled, item 152 replaced (RMA-0000002 → RPL-0000002).
  static let replaced = "402-9729688-9470123"
  /// Credit card; shipment 161 (a seller's book) delivered 21 Nov, 162 cancelled.
  static let book = "402-4556880-4099260"
  /// Apple Pay; archived, its only item cancelled.
  static let archived = "402-4211263-3357534"
  static let replacement = "RPL-0000002"
  static let unknown = "402-0000000-0000000"

  static let subcommands = [
    "browse", "orders", "show", "cancel", "reasons", "archive", "unarchive", "return", "returns",
    "label", "track", "support", "contact-seller", "account", "account show", "account close",
    "account withdraw-closure", "outbox", "demo", "import", "export", "import-amazon", "serve",
  ]

  static let help: [GoldenCase] =
    [
      c("help", ["--help"], globals: false),
      c("help-subcommand-help", ["help", "cancel"], globals: false),
      c("version", ["--version"], globals: false),
    ]
    + subcommands.map { sub in
      c(
        "help-" + sub.replacingOccurrences(of: " ", with: "-"),
        sub.split(separator: " ").map(String.init) + ["--help"], globals: false)
    }

  static let reads: [GoldenCase] = [
    c("orders", ["orders"], json: true),
    c("orders-limit", ["orders", "--limit", "3"], json: true),
    // The cursor the page above prints (placedAt in ms : order number).
    c(
      "orders-next-page",
      ["orders", "--limit", "3", "--after", "1795763640000:402-1803391-3920479"]),
    c("orders-archived", ["orders", "--archived"]),
    c("orders-cancelled", ["orders", "--cancelled"]),
    c("orders-all", ["orders", "--all"]),
    c("orders-search-latin", ["orders", "--search", "kindle"], json: true),
    c("orders-search-arabic", ["orders", "--search", "سماعات"]),
    c("orders-search-none", ["orders", "--search", "zzzz"]),
    c("orders-limit-zero", ["orders", "--limit", "0"]),
    c("orders-after-bad-cursor", ["orders", "--after", "nonsense"]),
    c("orders-two-views", ["orders", "--archived", "--cancelled"]),
    c("orders-unknown-option", ["orders", "--bogus"]),
    c(
      "orders-global-options-first",
      [
        "--lang", "$LANG", "--store", "$DIR/store.sqlite", "--now", "$NOW", "orders", "--limit",
        "2",
      ],
      globals: false),
    c("show-cancellable", ["show", fresh], json: true),
    c("show-seller-window-over", ["show", sellerLate], json: true),
    c("show-shipping", ["show", shipping]),
    c("show-delivered-returned", ["show", delivered], json: true),
    c("show-replaced", ["show", replaced]),
    c("show-book", ["show", book]),
    c("show-archived", ["show", archived]),
    c("show-replacement-order", ["show", replacement]),
    c("show-unknown", ["show", unknown], json: true),
    c("show-missing-order", ["show"]),
    c("track-delivered", ["track", delivered], json: true),
    c("track-not-shipped", ["track", fresh]),
    c("track-shipping", ["track", shipping]),
    c("track-unknown", ["track", unknown]),
    c("reasons", ["reasons"], json: true),
    c("returns", ["returns"], json: true),
    c("returns-policy", ["returns", "--policy"], json: true),
    c("returns-limit", ["returns", "--limit", "1"]),
    c("support", ["support"], json: true),
    c("support-order", ["support", "--order", fresh]),
    c("support-unknown-order", ["support", "--order", unknown]),
    c("support-callbacks", ["support", "--callbacks"], json: true),
    c("support-two-actions", ["support", "--callbacks", "--cancel-callback", "1"]),
    c("account", ["account"], json: true),
    c("outbox-empty", ["outbox"], json: true),
    c("outbox-limit-zero", ["outbox", "--limit", "0"]),
    c("export", ["export"], json: true, text: false),
    c("bad-now", ["orders", "--now", "tomorrow"], globals: false),
    c("bad-lang", ["orders", "--lang", "fr"], globals: false),
    c("unknown-subcommand", ["frobnicate"], globals: false),
    c("browse-no-terminal", ["browse"]),
    c("store-not-a-database", ["orders"], store: .file("not-json.json")),
  ]

  static let changes: [GoldenCase] = [
    seq(
      "cancel-item",
      [["cancel", fresh, "--items", "2", "--reason", "changed-mind"], ["show", fresh]], json: true),
    c("cancel-all", ["cancel", fresh, "--all", "--reason", "found-cheaper"]),
    c("delete-items", ["delete-items", fresh, "--items", "2", "--reason", "wrong-payment"]),
    c("cancel-shipment", ["cancel", fresh, "--shipment", "2", "--reason", "delivery-too-long"]),
    c("cancel-replacement-order", ["cancel", replacement, "--all", "--reason", "duplicate-order"]),
    c(
      "cancel-refused-seller-window", ["cancel", sellerLate, "--all", "--reason", "changed-mind"],
      json: true),
    c(
      "cancel-refused-shipping", ["cancel", shipping, "--items", "51", "--reason", "changed-mind"],
      json: true),
    c("cancel-refused-already-cancelled", ["cancel", fresh, "--items", "1", "--reason", "other"]),
    c("cancel-refused-delivered", ["cancel", delivered, "--all", "--reason", "other"]),
    c("cancel-unknown-item", ["cancel", fresh, "--items", "999", "--reason", "other"]),
    c("cancel-bad-items", ["cancel", fresh, "--items", "two", "--reason", "other"]),
    c("cancel-unknown-reason", ["cancel", fresh, "--all", "--reason", "bored"]),
    c("cancel-missing-reason", ["cancel", fresh, "--all"]),
    c("cancel-nothing-chosen", ["cancel", fresh, "--reason", "other"]),
    c("cancel-unknown-order", ["cancel", unknown, "--all", "--reason", "other"]),
    seq(
      "cancel-then-outbox",
      [["cancel", fresh, "--items", "2", "--reason", "changed-mind"], ["outbox"]], json: true),
    seq("archive", [["archive", fresh], ["orders", "--archived"]], json: true),
    c("archive-already-archived", ["archive", archived], json: true),
    c("archive-unknown", ["archive", unknown]),
    seq("unarchive", [["unarchive", archived], ["orders"]], json: true),
    c("unarchive-not-archived", ["unarchive", fresh]),
    seq(
      "return-refund",
      [["return", book, "--items", "161", "--reason", "not-as-described"], ["returns"]], json: true),
    c(
      "return-replace", ["return", book, "--items", "161", "--reason", "defective", "--replace"],
      json: true),
    c(
      "return-refused-already-returned",
      ["return", delivered, "--items", "101", "--reason", "damaged"], json: true),
    c(
      "return-refused-not-delivered", ["return", shipping, "--items", "51", "--reason", "damaged"]),
    c("return-refused-cancelled", ["return", replaced, "--items", "151", "--reason", "damaged"]),
    c(
      "return-refused-in-transit",
      ["return", delivered, "--items", "102,103", "--reason", "wrong-item"]),
    seq(
      "return-refused-window-closed",
      [
        ["import-amazon", "$FIXTURES/amazon-export"],
        ["return", "402-0000001-0000001", "--items", "171928720014074", "--reason", "damaged"],
      ], json: true),
    c("return-unknown-reason", ["return", book, "--items", "161", "--reason", "meh"]),
    c("return-unknown-order", ["return", unknown, "--items", "1", "--reason", "damaged"]),
    c("label", ["label", "RMA-0000001"], json: true),
    c(
      "label-light-background",
      ["label", "RMA-0000002", "--light-background", "--svg", "$DIR/l.svg"]),
    c("label-unknown", ["label", "RMA-9999999"]),
    seq(
      "support-callback",
      [
        ["support", "--callback", "13:30", "--phone", "0501234567", "--order", fresh],
        ["support", "--callbacks"],
      ], json: true),
    c(
      "support-callback-closed-hours",
      ["support", "--callback", "2026-11-28 02:00", "--phone", "0501234567"], json: true),
    c(
      "support-callback-past",
      ["support", "--callback", "2026-11-27T07:00:00Z", "--phone", "0501234567"]),
    c("support-callback-not-a-time", ["support", "--callback", "soon", "--phone", "0501234567"]),
    c("support-callback-no-phone", ["support", "--callback", "13:30"]),
    c("support-callback-bad-phone", ["support", "--callback", "13:30", "--phone", "12"]),
    c("support-cancel-callback", ["support", "--cancel-callback", "1"], json: true),
    c("support-cancel-callback-already", ["support", "--cancel-callback", "2"]),
    c("support-cancel-callback-unknown", ["support", "--cancel-callback", "99"]),
    c(
      "support-report-fraud",
      [
        "support", "--report-fraud", "SMS: your parcel is held, pay 5 SAR", "--url",
        "http://amaz0n-pay.example/x",
      ], json: true),
    c("support-url-without-report", ["support", "--url", "http://x.example"]),
    seq(
      "contact-seller",
      [
        ["contact-seller", sellerLate, "--item", "31", "--message", "هل يتوفر باللون الأبيض؟"],
        ["show", sellerLate],
      ], json: true),
    c(
      "contact-seller-store-item",
      ["contact-seller", shipping, "--item", "51", "--message", "Hello"], json: true),
    c(
      "contact-seller-unknown-item",
      ["contact-seller", fresh, "--item", "999", "--message", "Hello"]),
    c(
      "account-close-pending", ["account", "close", "--reason", "privacy", "--confirm"], json: true),
    seq("account-withdraw-closure", [["account", "withdraw-closure"], ["account"]], json: true),
    seq(
      "account-withdraw-closure-twice",
      [["account", "withdraw-closure"], ["account", "withdraw-closure"]]),
    seq(
      "account-close-warning",
      [["account", "withdraw-closure"], ["account", "close", "--reason", "privacy"]], json: true),
    seq(
      "account-close",
      [
        ["account", "withdraw-closure"],
        ["account", "close", "--reason", "bad-experience", "--confirm"], ["account"],
      ], json: true),
    seq(
      "account-close-unknown-reason",
      [["account", "withdraw-closure"], ["account", "close", "--reason", "bored", "--confirm"]]),
    c("import", ["import", "$FIXTURES/orders.json"], json: true, store: .empty),
    c("import-stdin", ["import", "-"], store: .empty, stdin: "$FIXTURES/orders.json"),
    c("import-again", ["import", "$FIXTURES/orders.json"], json: true),
    c("import-not-json", ["import", "$FIXTURES/not-json.json"], store: .empty),
    c("import-newer-version", ["import", "$FIXTURES/newer-version.json"], store: .empty),
    c("import-missing-file", ["import", "$DIR/nothing.json"], store: .empty),
    seq(
      "import-amazon",
      [
        ["import-amazon", "$FIXTURES/amazon-export"],
        ["orders", "--all"], ["show", "402-0000001-0000001"], ["show", "402-0000004-0000004"],
      ], json: true),
    c(
      "import-amazon-dry-run", ["import-amazon", "$FIXTURES/amazon-export", "--dry-run"], json: true
    ),
    c(
      "import-amazon-csv-file",
      [
        "import-amazon", "$FIXTURES/amazon-export/Your Amazon Orders/Order History.csv",
        "--max-rejected", "0",
      ]),
    c("import-amazon-missing", ["import-amazon", "$DIR/nothing"]),
    c("import-amazon-not-an-export", ["import-amazon", "$DIR"], store: .empty),
    seq(
      "demo", [["demo", "--orders", "3", "--seed", "1"], ["orders"]], json: true, store: .empty),
    c("demo-too-many", ["demo", "--orders", "0"], store: .empty),
    c("export-to-file", ["export", "-o", "$DIR/out.json"], json: false),
  ]

  static let all: [GoldenCase] = help + reads + changes
}

// MARK: - Diff

/// A line diff of `old` and `new` (longest common subsequence), with three lines of context
/// around each change: ` ` kept, `-` only in `old`, `+` only in `new`.
func lineDiff(_ old: String, _ new: String) -> String {
  let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let n = a.count
  let m = b.count
  var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
  for i in stride(from: n - 1, through: 0, by: -1) {
    for j in stride(from: m - 1, through: 0, by: -1) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
    }
  }
  var lines: [(Character, String)] = []
  var i = 0
  var j = 0
  while i < n || j < m {
    if i < n, j < m, a[i] == b[j] {
      lines.append((" ", a[i]))
      i += 1
      j += 1
    } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
      lines.append(("-", a[i]))
      i += 1
    } else {
      lines.append(("+", b[j]))
      j += 1
    }
  }
  let changed = lines.indices.filter { lines[$0].0 != " " }
  var out: [String] = []
  var last = -1
  for k in lines.indices where changed.contains(where: { abs($0 - k) <= 3 }) {
    if last >= 0, k > last + 1 { out.append("…") }
    out.append(String(lines[k].0) + lines[k].1)
    last = k
  }
  return out.joined(separator: "\n")
}

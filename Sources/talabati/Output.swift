import Foundation
import TalabatiDomain
import TalabatiText

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the CLI's human-readable output. On a terminal, Arabic lines are shaped and put in
/// visual order by the text layer (most terminals do no bidi) and right-aligned; into a pipe or
/// a file they stay in logical order so that scripts and `grep` see the text as stored.
struct Output {
  /// Where the lines go. Standard error gets the same treatment as standard output (issue 13
  /// item 16): an Arabic error on a terminal is shaped, reordered and wrapped too.
  enum Stream {
    case standardOutput, standardError

    var descriptor: Int32 { self == .standardOutput ? STDOUT_FILENO : STDERR_FILENO }
  }

  var lang: Language
  var visual: Bool
  var mode: BidiMode
  var columns: Int
  var stream: Stream

  init(
    lang: Language, stream: Stream = .standardOutput,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.lang = lang
    self.stream = stream
    self.visual = isatty(stream.descriptor) == 1
    self.mode = BidiMode.detect(environment: environment)
    var ws = winsize()
    if ioctl(stream.descriptor, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 {
      columns = Int(ws.ws_col)
    } else {
      columns = 80
    }
  }

  /// Prints one logical line (labels trusted; callers sanitise untrusted parts first). On a
  /// terminal a long line is wrapped by the program before it is reordered, into at most
  /// `maxLines` lines.
  func line(_ logical: String = "", maxLines: Int = 3) {
    guard visual, !logical.isEmpty else {
      write(plain(logical))
      return
    }
    for piece in wrapped(logical, maxLines: maxLines) { write(visualLine(piece)) }
  }

  private func write(_ text: String) {
    switch stream {
    case .standardOutput: print(text)
    case .standardError: FileHandle.standardError.write(Data((text + "\n").utf8))
    }
  }

  /// `logical` cut at spaces into lines of at most `columns` columns (a word longer than that
  /// is cut where it reaches the edge): a long message wraps on a terminal instead of losing
  /// its end. Lines are broken before the bidi pass, as UAX #9 orders each line on its own.
  /// At most `maxLines` lines: the last one then holds the rest, which `visualLine` cuts with
  /// an ellipsis (a 10,000-character title must not push the order off the screen).
  func wrapped(_ logical: String, maxLines: Int = .max) -> [String] {
    let width = max(columns, 10)
    guard TextWidth.columns(logical) > width else { return [logical] }
    let all = wrappedLines(logical, width: width)
    guard all.count > maxLines, maxLines > 0 else { return Self.balanceIsolates(all) }
    let kept = Array(all.prefix(maxLines - 1)) + [all[(maxLines - 1)...].joined(separator: " ")]
    return Self.balanceIsolates(kept)
  }

  private func wrappedLines(_ logical: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    for word in logical.split(separator: " ", omittingEmptySubsequences: false) {
      var w = String(word)
      var ww = TextWidth.columns(w)
      let gap = current.isEmpty ? 0 : 1
      if currentWidth + gap + ww <= width {
        current += (gap == 1 ? " " : "") + w
        currentWidth += gap + ww
        continue
      }
      if !current.isEmpty { lines.append(current) }
      current = ""
      currentWidth = 0
      while ww > width {
        var head = ""
        var hw = 0
        for ch in w {
          let cw = TextWidth.columns(String(ch))
          if hw + cw > width { break }
          head.append(ch)
          hw += cw
        }
        if head.isEmpty { break }
        lines.append(head)
        w.removeFirst(head.count)
        ww = TextWidth.columns(w)
      }
      current = w
      currentWidth = ww
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// Closes the isolates (LRI, RLI, FSI … PDI) a wrapped line leaves open at its end and
  /// opens them again at the start of the next, so an isolated run split by wrapping keeps
  /// its direction on both lines (the text layer adds isolates; untrusted ones are gone).
  static func balanceIsolates(_ lines: [String]) -> [String] {
    guard lines.count > 1 else { return lines }
    var open: [Unicode.Scalar] = []
    var out: [String] = []
    for line in lines {
      var text = String(String.UnicodeScalarView(open))
      text += line
      for s in line.unicodeScalars {
        switch s.value {
        case 0x2066...0x2068: open.append(s)
        case 0x2069: if !open.isEmpty { open.removeLast() }
        default: break
        }
      }
      text += String(repeating: "\u{2069}", count: open.count)
      out.append(text)
    }
    return out
  }

  /// One logical line as a terminal shows it: in visual order, shaped, right-aligned in RTL
  /// when the application does the bidi (for a terminal; pipes get `plain`).
  func visualLine(_ logical: String) -> String {
    let v = Layout.fit(
      logical, columns: min(columns, max(TextWidth.columns(logical), 1)), base: lang.direction,
      align: .start, mode: mode)
    let text = v.glyphs.map(\.text).joined()
    if lang.direction == .rtl && mode == .app {
      return String(repeating: " ", count: max(0, columns - v.width)) + text
    }
    return text
  }
}

/// Encodes a value as the CLI's JSON: sorted keys, pretty, ISO-8601 dates.
func printJSON<T: Encodable>(_ value: T) throws {
  let e = JSONEncoder()
  e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  e.dateEncodingStrategy = .custom { date, encoder in
    var c = encoder.singleValueContainer()
    try c.encode(isoString(date))
  }
  let data = terminalSafeJSON(try e.encode(value))
  FileHandle.standardOutput.write(data)
  FileHandle.standardOutput.write(Data("\n".utf8))
}

/// JSON text with the scalars a terminal acts on and JSONEncoder leaves raw (DEL, the C1
/// controls such as U+009B CSI, the bidi embeddings and overrides U+202A–U+202E) written as
/// `\uXXXX` escapes: a parser reads the same data, a terminal shows it inert (issue 7).
func terminalSafeJSON(_ data: Data) -> Data {
  func unsafe(_ s: Unicode.Scalar) -> Bool {
    (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
  }
  let text = String(decoding: data, as: UTF8.self)
  guard text.unicodeScalars.contains(where: unsafe) else { return data }
  var out = String.UnicodeScalarView()
  for s in text.unicodeScalars {
    if unsafe(s) {
      out.append(contentsOf: String(format: "\\u%04x", s.value).unicodeScalars)
    } else {
      out.append(s)
    }
  }
  return Data(String(out).utf8)
}

/// An instant as ISO-8601 UTC with milliseconds.
func isoString(_ date: Date) -> String {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  return f.string(from: date)
}

// MARK: - Labels

// The command line's names for the shared words (`Words`, the text layer): the words
// themselves are defined there once, for the client and the command line alike (issue 11).
func label(_ status: Status, _ lang: Language) -> String { Words(lang).status(status) }
func label(_ reason: CancelReason, _ lang: Language) -> String { Words(lang).reason(reason) }
func label(_ refusal: CancelRefusal, _ lang: Language) -> String { Words(lang).refusal(refusal) }
func label(_ alt: Alternative, _ lang: Language) -> String { Words(lang).alternative(alt) }
/// How an order was paid, the card masked: `Credit card •••• 8516`.
func label(_ p: PaymentMethod, _ lang: Language) -> String { Words(lang).payment(p) }

func money(_ m: Money, _ lang: Language) -> String { Words(lang).money(m) }

/// An order number isolated so it reads left to right inside Arabic.
func orderNumber(_ id: OrderID) -> String { Bidi.isolate(Sanitizer.clean(id)) }

/// Logical text without the isolates and anchors the text layer adds for display: what pipes,
/// files and JSON get, so that scripts see plain fields.
func plain(_ text: String) -> String { Words.plain(text) }

import CNcursesw
import CSystemShims
import Foundation
import TalabatiUI
import Testing

@testable import TalabatiTerminal

/// A pseudo-terminal pair for driving `Terminal` without a real terminal: the slave is what
/// curses writes to and reads from; the test reads what it wrote and types keys on the master.
final class Pty {
  let master: Int32
  let slave: Int32
  /// Every byte read from the master so far.
  private(set) var output: [UInt8] = []

  init(rows: Int32 = 24, cols: Int32 = 80) throws {
    let m = posix_openpt(O_RDWR | O_NOCTTY)
    guard m >= 0, grantpt(m) == 0, unlockpt(m) == 0, let name = ptsname(m) else {
      throw PtyError.open
    }
    let s = open(name, O_RDWR | O_NOCTTY)
    guard s >= 0 else { throw PtyError.open }
    master = m
    slave = s
    _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
    resize(rows: rows, cols: cols)
  }

  deinit {
    close(slave)
    close(master)
  }

  enum PtyError: Error { case open }

  /// Sets the window size (the test then raises SIGWINCH itself: it is not the pty's session).
  func resize(rows: Int32, cols: Int32) {
    _ = tl_set_winsize(master, rows, cols)
  }

  /// Reads everything available on the master; returns the new bytes.
  @discardableResult
  func drain() -> [UInt8] {
    var fresh: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      fresh.append(contentsOf: buffer[0..<n])
    }
    output.append(contentsOf: fresh)
    return fresh
  }

  /// Types `text` as if on the keyboard.
  func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Options for a `Terminal` on this pty.
  func options(
    term: String = "xterm-256color", environment: [String: String] = [:],
    theme: Theme = ThemeLoader.defaultTheme
  ) -> TerminalOptions {
    TerminalOptions(
      bidiMode: .app, inputFD: slave, outputFD: slave, termType: term, theme: theme,
      environment: environment)
  }
}

/// The screen a VT emulator (python3-pyte) shows after a byte stream: the check that the cells
/// land where the user would see them. REP (`CSI n b`, which ncurses uses for runs) is added
/// here because pyte 0.8 lacks it.
struct Emulated {
  /// rows[r][c] is the text of the cell (base + combining marks; "" for a wide glyph's 2nd half).
  var rows: [[String]]
  var cursor: (x: Int, y: Int)

  static let python = "/usr/bin/python3"

  static var available: Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = ["-c", "import pyte"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  static let script = #"""
    import json, sys, pyte
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    class Screen(pyte.Screen):
        last = " "
        def draw(self, data):
            super().draw(data)
            if data:
                self.last = data[-1]
        def repeat_last(self, count=1, *args, **kwargs):
            super().draw(self.last * max(1, count))
    class Stream(pyte.ByteStream):
        csi = dict(pyte.ByteStream.csi, b="repeat_last")
    screen = Screen(cols, rows)
    stream = Stream(screen)
    stream.feed(open(sys.argv[3], "rb").read())
    out = [[screen.buffer[y][x].data for x in range(cols)] for y in range(rows)]
    json.dump({"rows": out, "cursor": [screen.cursor.x, screen.cursor.y]}, sys.stdout)
    """#

  /// Runs the emulator over `bytes` at `cols` × `rows`.
  static func run(_ bytes: [UInt8], cols: Int, rows: Int) throws -> Emulated {
    let dir = FileManager.default.temporaryDirectory
    let input = dir.appendingPathComponent("talabati-pty-\(UUID().uuidString).bin")
    let code = dir.appendingPathComponent("talabati-pyte-\(UUID().uuidString).py")
    try Data(bytes).write(to: input)
    try script.write(to: code, atomically: true, encoding: .utf8)
    defer {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: code)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = [code.path, String(cols), String(rows), input.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    struct Output: Decodable {
      var rows: [[String]]
      var cursor: [Int]
    }
    let decoded = try JSONDecoder().decode(Output.self, from: data)
    return Emulated(rows: decoded.rows, cursor: (decoded.cursor[0], decoded.cursor[1]))
  }

  /// Row `r` as the user reads it (wide glyphs' second halves skipped, trailing blanks cut).
  func line(_ r: Int) -> String {
    var s = rows[r].joined()
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}

extension Array where Element == UInt8 {
  /// True when `needle` occurs in these bytes.
  func contains(bytes needle: String) -> Bool { range(of: needle) != nil }

  /// The start index of the last occurrence of `needle`.
  func lastIndex(of needle: String) -> Int? {
    let n = Array(needle.utf8)
    guard n.count <= count else { return nil }
    for i in stride(from: count - n.count, through: 0, by: -1)
    where Array(self[i..<i + n.count]) == n {
      return i
    }
    return nil
  }

  func range(of needle: String) -> Int? {
    let n = Array(needle.utf8)
    guard n.count <= count else { return nil }
    for i in 0...(count - n.count) where Array(self[i..<i + n.count]) == n { return i }
    return nil
  }
}

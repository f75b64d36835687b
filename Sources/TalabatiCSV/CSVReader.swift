#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming RFC 4180 reader over bytes: one record at a time, in bounded memory.
///
/// - Fields are separated by `,`, records by CRLF, LF or a lone CR. A field that starts with
///   `"` is quoted: it may hold commas, line breaks and doubled quotes (`""` → `"`).
/// - A UTF-8 byte order mark at the very start is skipped. Blank lines are skipped (they still
///   count as lines).
/// - `line` is the physical line (1-based) on which the current record starts, counting every
///   line break, those inside quoted fields included: what an editor shows.
/// - Errors are per record (`CSVError`, with its line): after one, `next()` carries on with the
///   following record. An unterminated quote does not swallow the rest of the input: the reader
///   reports it and resumes on the line after the one where the quote opened.
/// - The input is read in chunks; one record may not exceed `Options.maxRecordBytes`.
///
/// The current record's fields are read through `fieldCount`, `string(at:)`, `withBytes(at:_:)`
/// and `fields`; they are valid until the next call to `next()`.
public final class CSVReader {
  /// Tuning and limits.
  public struct Options: Sendable {
    /// The longest record accepted, in bytes; longer ones are reported and skipped.
    public var maxRecordBytes: Int
    /// How many bytes to read from the source at a time.
    public var chunkSize: Int

    public init(maxRecordBytes: Int = 1 << 20, chunkSize: Int = 1 << 18) {
      self.maxRecordBytes = max(16, maxRecordBytes)
      self.chunkSize = max(1, chunkSize)
    }
  }

  private let source: any CSVByteSource
  private let options: Options
  private var buf: UnsafeMutablePointer<UInt8>
  private var cap: Int
  /// Next unread byte, and end of valid bytes, in `buf`.
  private var pos = 0
  private var end = 0
  /// Input offset of `buf[0]`.
  private var bufOffset: Int64 = 0
  private var eof = false
  private var started = false
  /// The line on which the next record starts.
  private var nextLine = 1

  /// The unescaped bytes of the current record's fields, back to back.
  private var out: [UInt8] = []
  /// `ends[i]` is where field `i` ends in `out`.
  private var ends: [Int] = []

  /// The physical line (1-based) on which the current record starts.
  public private(set) var line = 0
  /// The input offset at which the current record starts.
  public private(set) var byteOffset: Int64 = 0

  /// A reader over `source`.
  public init(source: any CSVByteSource, options: Options = Options()) {
    self.source = source
    self.options = options
    cap = options.chunkSize * 2
    buf = .allocate(capacity: cap)
    out.reserveCapacity(4096)
    ends.reserveCapacity(64)
  }

  /// A reader over the file at `path`; throws `CSVInputError` if it cannot be opened.
  public convenience init(path: String, options: Options = Options()) throws {
    self.init(source: try CSVFileSource(path: path), options: options)
  }

  /// A reader over bytes in memory.
  public convenience init(bytes: [UInt8], options: Options = Options()) {
    self.init(source: CSVMemorySource(bytes), options: options)
  }

  deinit { buf.deallocate() }

  // MARK: - The current record

  /// How many fields the current record has (at least 1).
  public var fieldCount: Int { ends.count }

  /// Input bytes consumed so far (for progress).
  public var bytesConsumed: Int64 { bufOffset + Int64(pos) }

  /// Field `index` as text ("" when the record has no such field). Already valid UTF-8.
  public func string(at index: Int) -> String {
    guard index >= 0, index < ends.count else { return "" }
    let start = index == 0 ? 0 : ends[index - 1]
    return out.withUnsafeBufferPointer { all in
      String(decoding: UnsafeBufferPointer(rebasing: all[start..<ends[index]]), as: UTF8.self)
    }
  }

  /// Calls `body` with the bytes of field `index` (empty when there is no such field).
  public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R)
    rethrows -> R
  {
    guard index >= 0, index < ends.count else {
      return try body(UnsafeBufferPointer(start: nil, count: 0))
    }
    let start = index == 0 ? 0 : ends[index - 1]
    return try out.withUnsafeBufferPointer { all in
      try body(UnsafeBufferPointer(rebasing: all[start..<ends[index]]))
    }
  }

  /// Every field of the current record as text.
  public var fields: [String] { (0..<ends.count).map(string(at:)) }

  // MARK: - Reading

  /// Moves to the next record. Returns false at the end of the input.
  ///
  /// Throws `CSVError` for a record that cannot be read (the reader has already moved past it:
  /// call `next()` again to go on), and `CSVInputError` when the source fails.
  public func next() throws -> Bool {
    if !started { try start() }
    while true {
      if pos == end {
        if eof { return false }
        try fill(keepingFrom: pos)
        continue
      }
      let start = pos
      let recordLine = nextLine
      switch scan(from: start) {
      case .complete(let next, let newlines, let blank):
        pos = next
        nextLine = recordLine + newlines + 1
        if blank { continue }
        line = recordLine
        byteOffset = bufOffset + Int64(start)
        if next - start > options.maxRecordBytes {
          let limit = options.maxRecordBytes
          ends.removeAll(keepingCapacity: true)
          out.removeAll(keepingCapacity: true)
          throw CSVError(
            kind: .recordTooLong(limit: limit), line: recordLine, byteOffset: byteOffset,
            rawLine: rawLine(from: start))
        }
        if let column = invalidUTF8Column() {
          throw CSVError(
            kind: .invalidUTF8(column: column), line: recordLine, byteOffset: byteOffset,
            rawLine: rawLine(from: start))
        }
        return true
      case .needMore(let inQuotes):
        if end - start >= options.maxRecordBytes {
          let kind: CSVError.Kind =
            inQuotes ? .unterminatedQuote : .recordTooLong(limit: options.maxRecordBytes)
          try recover(kind, start: start, line: recordLine, from: start, newlines: 0)
        }
        try fill(keepingFrom: start)
      case .unterminated:
        try recover(.unterminatedQuote, start: start, line: recordLine, from: start, newlines: 0)
      case .malformed(let kind, let at, let newlines):
        try recover(kind, start: start, line: recordLine, from: at, newlines: newlines)
      }
    }
  }

  /// Skips the rest of the physical line containing `from`, then throws the error.
  private func recover(
    _ kind: CSVError.Kind, start: Int, line recordLine: Int, from: Int, newlines: Int
  ) throws -> Never {
    var start = start
    var from = from
    // Bring the whole first line (up to 1 KiB) into the buffer for `rawLine`.
    while !eof && end - start < 1024
      && !UnsafeBufferPointer(start: buf + start, count: end - start).contains(where: {
        $0 == 10 || $0 == 13
      })
    {
      let shift = start
      pos = from
      try fill(keepingFrom: start)
      start -= shift
      from -= shift
    }
    let error = CSVError(
      kind: kind, line: recordLine, byteOffset: bufOffset + Int64(start),
      rawLine: rawLine(from: start))
    ends.removeAll(keepingCapacity: true)
    out.removeAll(keepingCapacity: true)
    pos = from
    try skipLine()
    nextLine = recordLine + newlines + 1
    throw error
  }

  /// Moves `pos` past the next line break (CRLF, LF or CR), reading more as needed.
  private func skipLine() throws {
    while true {
      while pos < end {
        let c = buf[pos]
        pos += 1
        if c == 10 { return }
        if c == 13 {
          if pos == end && !eof { try fill(keepingFrom: pos) }
          if pos < end && buf[pos] == 10 { pos += 1 }
          return
        }
      }
      if eof { return }
      try fill(keepingFrom: pos)
    }
  }

  /// The first physical line from `start`, at most 1 KiB, as far as it is in the buffer.
  private func rawLine(from start: Int) -> [UInt8] {
    var p = start
    let limit = min(end, start + 1024)
    while p < limit && buf[p] != 10 && buf[p] != 13 { p += 1 }
    return Array(UnsafeBufferPointer(start: buf + start, count: p - start))
  }

  /// The first read: skips a UTF-8 BOM.
  private func start() throws {
    started = true
    while end < 3 && !eof { try fill(keepingFrom: 0) }
    if end >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
  }

  /// Drops the bytes before `keep`, makes room, and reads one more chunk.
  private func fill(keepingFrom keep: Int) throws {
    if keep > 0 {
      let live = end - keep
      if live > 0 { memmove(buf, buf + keep, live) }
      bufOffset += Int64(keep)
      end = live
      pos -= keep
    }
    if cap - end < options.chunkSize {
      let newCap = max(cap * 2, end + options.chunkSize)
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
      bigger.update(from: buf, count: end)
      buf.deallocate()
      buf = bigger
      cap = newCap
    }
    let n = try source.read(
      into: UnsafeMutableRawBufferPointer(start: buf + end, count: cap - end))
    if n <= 0 { eof = true } else { end += n }
  }

  // MARK: - Scanning one record

  private enum Scan {
    /// A whole record; `next` is the first byte after its line break.
    case complete(next: Int, newlines: Int, blank: Bool)
    /// The buffer ended inside the record (and the input has more).
    case needMore(inQuotes: Bool)
    /// The input ended inside a quoted field.
    case unterminated
    /// A syntax error at byte `at`, after `newlines` line breaks inside quotes.
    case malformed(CSVError.Kind, at: Int, newlines: Int)
  }

  /// Parses one record starting at `start` into `out`/`ends`.
  private func scan(from start: Int) -> Scan {
    out.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    let b = buf
    let end = self.end
    let eof = self.eof
    var p = start
    var newlines = 0

    func append(_ from: Int, _ to: Int) {
      if to > from {
        out.append(contentsOf: UnsafeBufferPointer(start: b + from, count: to - from))
      }
    }
    /// A record ends at the line break at `p` (CR or LF).
    func terminate(_ p: Int, blank: Bool) -> Scan {
      if b[p] == 13 {
        if p + 1 == end {
          return eof
            ? .complete(next: end, newlines: newlines, blank: blank) : .needMore(inQuotes: false)
        }
        return .complete(next: b[p + 1] == 10 ? p + 2 : p + 1, newlines: newlines, blank: blank)
      }
      return .complete(next: p + 1, newlines: newlines, blank: blank)
    }

    while true {
      // The start of a field.
      if p < end && b[p] == 34 {
        p += 1
        var s = p
        while true {
          while p < end {
            let c = b[p]
            if c > 34 {
              p += 1
              continue
            }
            if c == 34 { break }
            if c == 10 {
              newlines += 1
            } else if c == 13 {
              if p + 1 == end && !eof { return .needMore(inQuotes: true) }
              if p + 1 == end || b[p + 1] != 10 { newlines += 1 }
            }
            p += 1
          }
          if p == end { return eof ? .unterminated : .needMore(inQuotes: true) }
          // At a quote: doubled, or the closing one?
          append(s, p)
          p += 1
          if p == end {
            if !eof { return .needMore(inQuotes: true) }
            ends.append(out.count)
            return .complete(next: end, newlines: newlines, blank: false)
          }
          if b[p] == 34 {
            out.append(34)
            p += 1
            s = p
            continue
          }
          break
        }
        let c = b[p]
        ends.append(out.count)
        if c == 44 {
          p += 1
          continue
        }
        if c == 10 || c == 13 { return terminate(p, blank: false) }
        return .malformed(.textAfterClosingQuote(column: ends.count), at: p, newlines: newlines)
      }
      // An unquoted field.
      let s = p
      while p < end {
        let c = b[p]
        if c > 44 || (c != 44 && c != 34 && c != 10 && c != 13) {
          p += 1
          continue
        }
        break
      }
      if p == end {
        guard eof else { return .needMore(inQuotes: false) }
        append(s, p)
        ends.append(out.count)
        return .complete(next: end, newlines: newlines, blank: ends.count == 1 && out.isEmpty)
      }
      let c = b[p]
      append(s, p)
      if c == 34 {
        return .malformed(.quoteInUnquotedField(column: ends.count + 1), at: p, newlines: newlines)
      }
      ends.append(out.count)
      if c == 44 {
        p += 1
        continue
      }
      return terminate(p, blank: ends.count == 1 && out.isEmpty)
    }
  }

  // MARK: - UTF-8

  /// The 1-based column of the first field that is not valid UTF-8, or nil.
  private func invalidUTF8Column() -> Int? {
    out.withUnsafeBufferPointer { all -> Int? in
      guard !Self.isASCII(all) else { return nil }
      var start = 0
      for (i, e) in ends.enumerated() {
        if !Self.isValidUTF8(UnsafeBufferPointer(rebasing: all[start..<e])) { return i + 1 }
        start = e
      }
      return nil
    }
  }

  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let n = bytes.count
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i + 8 <= n {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      i += 8
    }
    while i < n {
      if base[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }

  /// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
  public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
      let c = bytes[i]
      if c < 0x80 {
        i += 1
        continue
      }
      func cont(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
      if c >= 0xC2 && c <= 0xDF {
        guard cont(1) else { return false }
        i += 2
      } else if c >= 0xE0 && c <= 0xEF {
        guard cont(1), cont(2) else { return false }
        let c1 = bytes[i + 1]
        if c == 0xE0 && c1 < 0xA0 { return false }  // overlong
        if c == 0xED && c1 > 0x9F { return false }  // surrogate
        i += 3
      } else if c >= 0xF0 && c <= 0xF4 {
        guard cont(1), cont(2), cont(3) else { return false }
        let c1 = bytes[i + 1]
        if c == 0xF0 && c1 < 0x90 { return false }
        if c == 0xF4 && c1 > 0x8F { return false }
        i += 4
      } else {
        return false
      }
    }
    return true
  }
}

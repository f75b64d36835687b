/// A record the reader could not read: what is wrong, and where the record starts.
///
/// Record-level errors never end the stream: after one is thrown, `CSVReader.next()` goes on
/// with the following record. `description` is one English line; the raw bytes are never
/// included in it (they are untrusted), only in `rawLine` for callers that need them.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong with the record.
  public enum Kind: Hashable, Sendable {
    /// A quoted field that is never closed: the file ended, or the record grew past the size
    /// limit, inside the quotes. Reading resumes on the line after the record's first line.
    case unterminatedQuote
    /// A `"` inside a field that did not start with one (`ab"c`); 1-based column.
    case quoteInUnquotedField(column: Int)
    /// Something other than `,` or a line break right after a closing quote (`"ab"c`).
    case textAfterClosingQuote(column: Int)
    /// The field's bytes are not valid UTF-8; 1-based column.
    case invalidUTF8(column: Int)
    /// One record (one line, or several inside quotes) is longer than the limit, in bytes.
    case recordTooLong(limit: Int)
  }

  public var kind: Kind
  /// The physical line (1-based) on which the record starts.
  public var line: Int
  /// The byte offset in the input at which the record starts (a BOM counts).
  public var byteOffset: Int64
  /// The first bytes (at most 1 KiB) of the record's first physical line, as read: lets a
  /// caller guess what the record belonged to. Untrusted.
  public var rawLine: [UInt8]

  public init(kind: Kind, line: Int, byteOffset: Int64, rawLine: [UInt8] = []) {
    self.kind = kind
    self.line = line
    self.byteOffset = byteOffset
    self.rawLine = rawLine
  }

  /// The problem without its position, e.g. "a quote inside unquoted field 3".
  public var reason: String {
    switch kind {
    case .unterminatedQuote:
      return "a quoted field opened here is never closed"
    case .quoteInUnquotedField(let column):
      return "a quote (\") inside unquoted field \(column)"
    case .textAfterClosingQuote(let column):
      return "text after the closing quote of field \(column)"
    case .invalidUTF8(let column):
      return "field \(column) is not valid UTF-8"
    case .recordTooLong(let limit):
      return "the record is longer than \(limit) bytes"
    }
  }

  public var description: String { "line \(line): \(reason)" }
}

/// The input itself could not be read (a file system error): reading stops.
public struct CSVInputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

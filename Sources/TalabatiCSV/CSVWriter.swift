/// Writes records as RFC 4180 CSV: the reference the reader is tested against.
public enum CSVWriter {
  /// One record: fields joined by commas, quoted when they hold `,`, `"`, CR or LF (or when
  /// the record is a single empty field, which would otherwise be a blank line), ended by
  /// `lineEnding`.
  public static func record(_ fields: [String], lineEnding: String = "\r\n") -> String {
    var line = String.UnicodeScalarView()
    for (i, f) in fields.enumerated() {
      if i > 0 { line.append(",") }
      let needsQuotes =
        f.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        || (fields.count == 1 && f.isEmpty)
      guard needsQuotes else {
        line.append(contentsOf: f.unicodeScalars)
        continue
      }
      line.append("\"")
      for s in f.unicodeScalars {
        if s == "\"" { line.append("\"") }
        line.append(s)
      }
      line.append("\"")
    }
    return String(line) + lineEnding
  }

  /// A whole document.
  public static func document(_ records: [[String]], lineEnding: String = "\r\n") -> String {
    records.map { record($0, lineEnding: lineEnding) }.joined()
  }
}

import Foundation
import TalabatiDomain

/// Parsers for the cells of Amazon's order-history exports: money, dates, quantities,
/// carriers, payment methods. Integer arithmetic only (no floating point for money).
public enum AmazonValues {
  /// True for cells Amazon fills with a placeholder instead of leaving empty.
  public static func isMissing(_ cell: String) -> Bool {
    let t = cell.trimmed
    let n = t.utf8.count
    guard n <= 14 else { return false }
    if n == 0 { return true }
    let l = t.asciiLowercased
    return l == "not available" || l == "not applicable" || l == "n/a"
  }

  /// The cell trimmed, or nil when it is a placeholder ("Not Available", …).
  public static func value(_ cell: String) -> String? {
    isMissing(cell) ? nil : cell.trimmed
  }

  /// The parts of a cell that holds several values ("X and Y"), in order.
  public static func parts(_ cell: String) -> [String] {
    guard cell.has(" and ") else {
      let t = cell.trimmed
      return t.isEmpty ? [] : [t]
    }
    var result: [String] = []
    var rest = cell
    while let r = rest.byteRange(of: " and ") {
      let bytes = Array(rest.utf8)
      result.append(String(decoding: bytes[..<r.lowerBound], as: UTF8.self))
      rest = String(decoding: bytes[r.upperBound...], as: UTF8.self)
    }
    result.append(rest)
    return result.map(\.trimmed).filter { !$0.isEmpty }
  }

  // MARK: - Money

  /// Digits after the decimal point of `currency` (ISO 4217): 0, 2 or 3.
  public static func minorDigits(_ currency: String) -> Int {
    switch currency {
    case "JPY", "KRW", "CLP", "ISK", "VND", "PYG", "UGX", "XAF", "XOF": 0
    case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
    default: 2
    }
  }

  /// Parses an amount such as `1,234.50`, `$12.99`, `SAR 15`, `-3.00` or `(3.00)` into minor
  /// units of `currency` (`1,234.50` USD → 123450). Digits beyond the currency's precision are
  /// rounded half away from zero. Nil when the text is not an amount or is absurdly large.
  public static func money(_ cell: String, currency: String) -> Int64? {
    // Most cells are plain digits with `,` and `.` (`1,234.50`): no sign, parentheses, blanks
    // or currency to strip, so the String and Unicode work below is skipped (issue 12).
    let plain =
      !cell.utf8.isEmpty
      && cell.utf8.allSatisfy {
        (48...57).contains($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".")
      }
    var s = Substring(plain ? cell : cell.trimmed)
    var negative = false
    if plain {
      // nothing to strip
    } else if s.hasPrefix("(") && s.hasSuffix(")") {
      negative = true
      s = s.dropFirst().dropLast()
    }
    // A currency code or symbol before or after the number.
    func stripAffix() {
      s = Substring(String(s).trimmed)
      if s.hasPrefix(currency) { s = s.dropFirst(currency.count) }
      if s.hasSuffix(currency) { s = s.dropLast(currency.count) }
      s = Substring(String(s).trimmed)
      while let f = s.unicodeScalars.first, f.properties.generalCategory == .currencySymbol {
        s = Substring(s.unicodeScalars.dropFirst())
      }
      while let l = s.unicodeScalars.last, l.properties.generalCategory == .currencySymbol {
        s = Substring(s.unicodeScalars.dropLast())
      }
      s = Substring(String(s).trimmed)
    }
    if !plain {
      if s.hasPrefix("-") {
        negative.toggle()
        s = s.dropFirst()
      }
      stripAffix()
      if s.hasPrefix("-") {
        negative.toggle()
        s = s.dropFirst()
      }
    }
    let digits = minorDigits(currency)
    var whole: Int64 = 0
    var fraction: [UInt8] = []
    var seenDigit = false
    var inFraction = false
    var previous: UInt8 = 0
    // After a thousands separator, exactly three digits must follow before the next one.
    var sinceComma = -1
    for c in s.utf8 {
      if (c == UInt8(ascii: ",") || c == UInt8(ascii: ".")) && sinceComma >= 0 && !inFraction {
        guard sinceComma == 3 else { return nil }
      }
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        seenDigit = true
        if inFraction {
          fraction.append(c - 48)
          if fraction.count > 18 { return nil }
        } else {
          if sinceComma >= 0 { sinceComma += 1 }
          let (m, o1) = whole.multipliedReportingOverflow(by: 10)
          let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
          guard !o1, !o2, a <= 1_000_000_000_000 else { return nil }
          whole = a
        }
      case UInt8(ascii: ","):
        // A thousands separator: only between digits of the whole part.
        guard !inFraction, (48...57).contains(previous) else { return nil }
        sinceComma = 0
      case UInt8(ascii: "."):
        guard !inFraction else { return nil }
        inFraction = true
      default:
        return nil
      }
      previous = c
    }
    guard seenDigit, previous != UInt8(ascii: ","), inFraction || sinceComma < 0 || sinceComma == 3
    else { return nil }
    var minor = whole
    for _ in 0..<digits { minor *= 10 }
    var scale: Int64 = 1
    for _ in 0..<max(0, digits - 1) { scale *= 10 }
    for d in fraction.prefix(digits) {
      minor += Int64(d) * scale
      scale /= 10
    }
    if fraction.count > digits, fraction[digits] >= 5 { minor += 1 }
    return negative ? -minor : minor
  }

  // MARK: - Dates

  /// Parses `2024-03-01T12:34:56Z`, with optional fractional seconds and a `±HH:MM` offset
  /// instead of `Z`, a date alone (`2024-03-01`, midnight UTC), or `MM/DD/YYYY` (US exports).
  public static func date(_ cell: String) -> Date? {
    let t = cell.trimmed
    let u = Array(t.utf8)
    func num(_ from: Int, _ len: Int) -> Int64? {
      guard from >= 0, from + len <= u.count else { return nil }
      var v: Int64 = 0
      for c in u[from..<from + len] {
        guard (48...57).contains(c) else { return nil }
        v = v * 10 + Int64(c - 48)
      }
      return v
    }
    if u.count == 10, u[2] == UInt8(ascii: "/"), u[5] == UInt8(ascii: "/"),
      let m = num(0, 2), let d = num(3, 2), let y = num(6, 4)
    {
      return civil(y, m, d, 0, 0, 0, 0, offsetSeconds: 0)
    }
    guard u.count >= 10, let y = num(0, 4), u[4] == UInt8(ascii: "-"), let m = num(5, 2),
      u[7] == UInt8(ascii: "-"), let d = num(8, 2)
    else { return nil }
    if u.count == 10 { return civil(y, m, d, 0, 0, 0, 0, offsetSeconds: 0) }
    guard u.count >= 20, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
      let h = num(11, 2), u[13] == UInt8(ascii: ":"), let mi = num(14, 2),
      u[16] == UInt8(ascii: ":"), let s = num(17, 2)
    else { return nil }
    var i = 19
    var ms: Int64 = 0
    if u[i] == UInt8(ascii: ".") {
      i += 1
      var k = 0
      while i < u.count, (48...57).contains(u[i]) {
        if k < 3 { ms = ms * 10 + Int64(u[i] - 48) }
        k += 1
        i += 1
      }
      guard k > 0 else { return nil }
      for _ in min(k, 3)..<3 { ms *= 10 }
    }
    var offset: Int64 = 0
    if i == u.count - 1, u[i] == UInt8(ascii: "Z") {
      offset = 0
    } else if i + 6 == u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"),
      let oh = num(i + 1, 2), u[i + 3] == UInt8(ascii: ":"), let om = num(i + 4, 2), oh < 24,
      om < 60
    {
      offset = (oh * 60 + om) * 60 * (u[i] == UInt8(ascii: "+") ? 1 : -1)
    } else {
      return nil
    }
    return civil(y, m, d, h, mi, s, ms, offsetSeconds: offset)
  }

  private static func civil(
    _ y: Int64, _ m: Int64, _ d: Int64, _ h: Int64, _ mi: Int64, _ s: Int64, _ ms: Int64,
    offsetSeconds: Int64
  ) -> Date? {
    guard (1970...9999).contains(y), (1...12).contains(m), h < 24, mi < 60, s < 60 else {
      return nil
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let monthDays: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...monthDays[Int(m - 1)]).contains(d) else { return nil }
    // Howard Hinnant's days_from_civil.
    let yy = m <= 2 ? y - 1 : y
    let era = yy / 400
    let yoe = yy - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    let seconds = ((days * 24 + h) * 60 + mi) * 60 + s - offsetSeconds
    return Date(timeIntervalSince1970: Double(seconds * 1000 + ms) / 1000)
  }

  // MARK: - Quantities, carriers, payment

  /// A whole quantity between 1 and 100,000 (`2`, `2.0`); nil otherwise.
  public static func quantity(_ cell: String) -> Int? {
    var t = cell.trimmed
    if t.hasSuffix(".0") { t.removeLast(2) }
    guard let n = Int(t), (1...100_000).contains(n) else { return nil }
    return n
  }

  /// Splits `UPS(1Z999AA10123456784)` into carrier and tracking number; a cell with several
  /// ("X and Y") gives the first carrier and every tracking number joined by ", ".
  public static func carrier(_ cell: String) -> (carrier: String, tracking: String) {
    guard let text = value(cell) else { return ("", "") }
    var carriers: [String] = []
    var numbers: [String] = []
    for part in parts(text) {
      if let open = part.firstIndex(of: "("), part.hasSuffix(")") {
        carriers.append(String(part[..<open]).trimmed)
        numbers.append(
          String(part[part.index(after: open)..<part.index(before: part.endIndex)])
            .trimmed)
      } else {
        carriers.append(part)
      }
    }
    return (carriers.first ?? "", numbers.filter { !$0.isEmpty }.joined(separator: ", "))
  }

  /// The payment method named by the first part of the cell (`Visa - 1234`,
  /// `Gift Certificate/Card and Visa`, `mada`); a card when unknown.
  public static func payment(_ cell: String) -> PaymentMethod {
    guard let first = value(cell).flatMap({ parts($0).first }) else {
      return PaymentMethod(kind: .card)
    }
    let l = first.asciiLowercased
    let kind: PaymentKind =
      l.has("gift")
      ? .giftCard
      : l.has("mada")
        ? .mada
        : l.has("apple")
          ? .applePay
          : (l.has("cash") || l.has("cod")) ? .cashOnDelivery : .card
    // The last four digits, when the cell ends with them ("Visa - 1234", "ending in 1234").
    // On the UTF-8 bytes: reversing Characters breaks graphemes for every row (issue 12). A
    // digit followed by a combining mark ends the run either way (the mark is not a digit).
    var run = 0
    for b in first.utf8.reversed() {
      guard (48...57).contains(b) else { break }
      run += 1
    }
    let last4 = run == 4 ? String(decoding: first.utf8.suffix(4), as: UTF8.self) : ""
    return PaymentMethod(kind: kind, last4: last4)
  }
}

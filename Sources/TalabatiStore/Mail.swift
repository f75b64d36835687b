import Foundation
import GRDB
import TalabatiDomain
import TalabatiText

/// One confirmation e-mail, rendered as an RFC 5322 message for a Maildir (R6, R9, R17).
///
/// Lines end with LF, as messages are stored in a Maildir (the delivery agent's local
/// convention); the body is UTF-8 sent as 8bit, every line well under 998 octets.
struct MailMessage: Sendable {
  var to: String
  var subject: String
  var body: String
  var date: Date
  var timeZone: TimeZone
  var messageID: String
  /// What the message is, written as an `X-Talabati-Kind` header so a mail reader can file it
  /// by kind (nil: no header).
  var kind: OutboxMessage.Kind? = nil

  static let from = "talabati <no-reply@talabati.invalid>"

  /// The whole message: headers, a blank line, the body.
  func rendered() -> String {
    let words = MailFormat.encodedWords(subject)
    var lines = [
      "From: \(Self.from)",
      "To: <\(MailFormat.headerSafe(to))>",
      "Subject: " + words.joined(separator: "\n "),
      "Date: \(MailFormat.rfc5322Date(date, timeZone: timeZone))",
      "Message-ID: <\(messageID)>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "Auto-Submitted: auto-generated",
    ]
    if let kind { lines.append("X-Talabati-Kind: \(kind.rawValue)") }
    lines.append("")
    lines.append(
      contentsOf: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    var text = lines.joined(separator: "\n")
    if !text.hasSuffix("\n") { text += "\n" }
    return text
  }
}

/// Encoding helpers for messages: RFC 2047 words, RFC 5322 dates, sanitising, money.
enum MailFormat {
  /// Bytes of UTF-8 per encoded word: 42 bytes → 56 base64 characters → a 68-character word
  /// ("=?UTF-8?B?" + 56 + "?="), so even the first line "Subject: " + word stays ≤ 78.
  static let bytesPerWord = 42

  /// The subject as RFC 2047 encoded-words (`=?UTF-8?B?…?=`, each ≤ 75 characters), split only
  /// between Unicode scalars, never inside a UTF-8 sequence. Plain ASCII stays as it is.
  static func encodedWords(_ text: String) -> [String] {
    let clean = sanitize(text, limit: 400)
    if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
      && !clean.contains("=?")
    {
      return [clean]
    }
    var words: [String] = []
    var chunk: [UInt8] = []
    for scalar in clean.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      if chunk.count + bytes.count > bytesPerWord {
        words.append(word(chunk))
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
    return words
  }

  private static func word(_ bytes: [UInt8]) -> String {
    "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
  }

  /// `Thu, 27 Nov 2025 10:48:00 +0300` in the account's time zone.
  static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.calendar = Calendar(identifier: .gregorian)
    formatter.timeZone = timeZone
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: date)
  }

  /// Untrusted text made safe for a message: no control characters (C0, C1, line breaks become
  /// spaces), no bidi embeddings, overrides, isolates or marks, no BOM; at most `limit`
  /// characters (an ellipsis marks the cut).
  static func sanitize(_ text: String, limit: Int = 200) -> String {
    var scalars = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      switch s.value {
      case 0x0A, 0x0D, 0x09, 0x2028, 0x2029: scalars.append(" ")
      case 0x00...0x1F, 0x7F...0x9F: continue
      case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
        continue
      default: scalars.append(s)
      }
    }
    let clean = String(scalars).trimmingCharacters(in: .whitespaces)
    if clean.count <= limit { return clean }
    return String(clean.prefix(limit - 1)) + "…"
  }

  /// A header value that cannot break out of its header (no CR/LF, no angle brackets).
  static func headerSafe(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        sanitize(text, limit: 254).unicodeScalars.filter {
          $0 != "<" && $0 != ">" && $0 != " "
        }))
  }

  /// `1,234.50 ر.س.` (Arabic) or `SAR 1,234.50` (English): the screens' `Format.money`
  /// (the currency's own decimals, KWD 3 and JPY 0, and its Arabic symbol) without the bidi
  /// isolates a plain-text e-mail does not need (issue 11: one money format per language).
  static func money(_ amount: Money, language: Language) -> String {
    let text = Format.money(
      minor: amount.minor, currency: amount.currency, lang: language == .ar ? .ar : .en)
    return String(
      String.UnicodeScalarView(text.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) })
    )
  }
}

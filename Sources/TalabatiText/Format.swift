import Foundation
import Synchronization
import TalabatiDomain

// MARK: - Formatting numbers, money, dates and durations

/// Which digits numbers are written with.
public enum DigitStyle: String, Sendable, Hashable, CaseIterable {
  /// 0123456789 (the default in both languages).
  case western
  /// Arabic-Indic ٠١٢٣٤٥٦٧٨٩, with ٬ (U+066C) for thousands and ٫ (U+066B) for decimals.
  case arabicIndic
}

/// How much of an instant `Format.date` shows.
public enum DateStyle: String, Sendable, Hashable, CaseIterable {
  /// `27 Nov 2026` / `27 نوفمبر 2026`.
  case date
  /// `27 Nov 2026, 14:05` / `27 نوفمبر 2026، 14:05`.
  case dateTime
  /// `14:05` (24-hour clock).
  case time
  /// `2026-11-27`, always left to right.
  case numeric
  /// `2026-11-27 14:05`, always left to right.
  case numericDateTime
}

/// Formats numbers, money, dates and durations for display, without Foundation's locale data
/// (which on Linux gives `ar_SA` the Umm al-Qura calendar and RLM-wrapped numbers,
/// TERMINAL-NOTES.md). Every result is one isolated bidi run, safe to insert into a label of
/// either direction.
public enum Format {
  /// The time zone used when none is given or the given one is unknown (R19: Saudi time).
  public static let defaultTimeZone = "Asia/Riyadh"

  // MARK: Numbers

  /// `s` with its Western digits replaced by `style`'s digits (and `.`/`,` by ٫/٬ when
  /// `separators` is true).
  public static func digits(_ s: String, _ style: DigitStyle, separators: Bool = false) -> String {
    guard style == .arabicIndic else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      switch u.value {
      case 0x30...0x39: out.append(Unicode.Scalar(u.value - 0x30 + 0x0660)!)
      case 0x2E where separators: out.append("\u{066B}")
      case 0x2C where separators: out.append("\u{066C}")
      default: out.append(u)
      }
    }
    return String(out)
  }

  /// An integer with thousands separators: `1,234,567` or `١٬٢٣٤٬٥٦٧`. Not isolated.
  public static func number(_ n: Int64, digits style: DigitStyle = .western) -> String {
    digits(grouped(n.magnitude, negative: n < 0), style, separators: true)
  }

  /// An integer with thousands separators (see `number(_:digits:)`).
  public static func number(_ n: Int, digits style: DigitStyle = .western) -> String {
    number(Int64(n), digits: style)
  }

  /// `magnitude` with `,` every three digits, `-` in front when `negative`.
  static func grouped(_ magnitude: UInt64, negative: Bool) -> String {
    let plain = String(magnitude)
    var out = negative ? "-" : ""
    out.reserveCapacity(plain.utf8.count * 4 / 3 + 1)
    var left = plain.utf8.count
    for ch in plain {
      out.append(ch)
      left -= 1
      if left > 0 && left % 3 == 0 { out.append(",") }
    }
    return out
  }

  // MARK: Money

  /// Digits after the decimal point for an ISO 4217 code (2 unless listed).
  public static func minorDigits(_ currency: String) -> Int {
    switch currency {
    case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
    case "JPY", "KRW", "CLP", "ISK", "VND", "UGX", "XAF", "XOF": 0
    default: 2
    }
  }

  /// Arabic symbols of the Gulf and nearby currencies; other codes show as the code.
  static let arabicSymbols: [String: String] = [
    "SAR": "ر.س.", "AED": "د.إ.", "KWD": "د.ك.", "BHD": "د.ب.", "QAR": "ر.ق.", "OMR": "ر.ع.",
    "EGP": "ج.م.", "JOD": "د.أ.", "USD": "US$", "EUR": "€", "GBP": "UK£",
  ]

  /// A currency code that is safe to show: three ASCII letters upper-cased, else `¤`.
  static func safeCode(_ currency: String) -> String {
    let up = currency.uppercased()
    guard up.utf8.count == 3, up.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return "¤" }
    return up
  }

  /// An amount from integer minor units, computed without floating point:
  /// `1,234.50 ر.س.` in Arabic, `SAR 1,234.50` in English (`١٬٢٣٤٫٥٠ ر.س.` with Arabic-Indic
  /// digits). The number and its currency are one isolated run (RLI…PDI in Arabic, LRI…PDI in
  /// English) with the number itself isolated left to right, so a price is never split from
  /// its currency and a minus sign stays in front of its number.
  public static func money(
    minor: Int64, currency: String, lang: Language, digits style: DigitStyle = .western
  ) -> String {
    let code = safeCode(currency)
    let places = minorDigits(code)
    var divisor: UInt64 = 1
    for _ in 0..<places { divisor *= 10 }
    let magnitude = minor.magnitude
    var amount = grouped(magnitude / divisor, negative: minor < 0)
    if places > 0 {
      let fraction = String(magnitude % divisor)
      amount += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    let number = Bidi.isolate(digits(amount, style, separators: true))
    switch lang {
    case .ar: return Bidi.rtl(number + " " + (arabicSymbols[code] ?? code))
    case .en: return Bidi.ltr(code + " " + number)
    }
  }

  // MARK: Dates

  static let arabicMonths = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
    "نوفمبر", "ديسمبر",
  ]
  static let englishMonths = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  static let arabicHijriMonths = [
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
    "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
  ]
  static let englishHijriMonths = [
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
  ]

  /// The time zone named `identifier`, or Asia/Riyadh when it is unknown.
  public static func timeZone(_ identifier: String) -> TimeZone {
    TimeZone(identifier: identifier) ?? TimeZone(identifier: defaultTimeZone)
      ?? TimeZone(secondsFromGMT: 3 * 3600)!
  }

  /// A calendar of `identifier` in `timeZone`, independent of the process locale; made once
  /// per calendar and zone.
  static func calendar(_ identifier: Calendar.Identifier, _ timeZone: String) -> Calendar {
    let key = CalendarKey(identifier: identifier, zone: timeZone)
    if let hit = calendars.withLock({ $0[key] }) { return hit }
    var c = Calendar(identifier: identifier)
    c.timeZone = Format.timeZone(timeZone)
    c.locale = Locale(identifier: "en_US_POSIX")
    calendars.withLock { table in
      if table.count >= 64 { table.removeAll() }
      table[key] = c
    }
    return c
  }

  private struct CalendarKey: Hashable {
    var identifier: Calendar.Identifier
    var zone: String
  }
  private static let calendars = Mutex<[CalendarKey: Calendar]>([:])

  // MARK: Civil time without a Calendar

  /// A UTC day in one time zone: the memo key of `utcOffset`.
  private struct ZoneDay: Hashable {
    var zone: String
    var day: Int
  }
  /// The zone's offset for a whole UTC day, or nil when it changes during that day.
  private static let dayOffsets = Mutex<[ZoneDay: Int?]>([:])

  /// Instants `civil` handles (1700–5000): outside them `date` asks Foundation's calendar,
  /// which switches to the Julian calendar before 1582.
  private static let civilRange: ClosedRange<Double> = -8_520_336_000...95_617_584_000

  /// Seconds east of UTC in `zone` at `t` (seconds since 1970). Memoised per UTC day: a list
  /// frame formats a date per row, and asking the time zone (ICU) and a `Calendar` for every
  /// row of every frame was ~6% of a move's CPU (docs/performance.md). A day during which the
  /// zone's offset changes (a daylight-saving switch) is never memoised.
  ///
  /// The system's tz database answers first (`ZoneInfo`: no ICU, which Foundation's
  /// `TimeZone` loads on Linux); Foundation only when that cannot (a daylight-saving rule
  /// beyond the file's last transition, no such file).
  static func utcOffset(_ t: Double, zone: String) -> Int {
    if let info = ZoneInfo.named(zone), let hit = info.offset(at: Int64(t.rounded(.down))) {
      return hit.seconds
    }
    let day = Int((t / 86_400).rounded(.down))
    let key = ZoneDay(zone: zone, day: day)
    if let hit = dayOffsets.withLock({ $0[key] }), let offset = hit { return offset }
    let tz = timeZone(zone)
    let start = Date(timeIntervalSince1970: Double(day) * 86_400)
    let offset = tz.secondsFromGMT(for: start)
    let end = start.addingTimeInterval(86_400)
    let noSwitch = tz.nextDaylightSavingTimeTransition(after: start).map { $0 >= end } ?? true
    let uniform = noSwitch && tz.secondsFromGMT(for: end.addingTimeInterval(-1)) == offset
    dayOffsets.withLock { table in
      if table.count >= 4096 { table.removeAll() }
      table[key] = uniform ? offset : nil
    }
    return uniform ? offset : tz.secondsFromGMT(for: Date(timeIntervalSince1970: t))
  }

  /// The proleptic Gregorian date and time of local seconds `s` since 1970-01-01T00:00
  /// (Howard Hinnant's `civil_from_days`).
  static func civil(localSeconds s: Int) -> (
    year: Int, month: Int, day: Int, hour: Int, minute: Int
  ) {
    let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
    let secs = s - days * 86_400
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (y, m, d, secs / 3600, secs % 3600 / 60)
  }

  /// The Gregorian year, month, day, hour and minute of `d` in `zone`.
  static func components(_ d: Date, zone: String) -> (
    year: Int, month: Int, day: Int, hour: Int, minute: Int
  ) {
    let t = d.timeIntervalSince1970
    if civilRange.contains(t) {
      let whole = Int(t.rounded(.down))
      return civil(localSeconds: whole + utcOffset(t, zone: zone))
    }
    let c = calendar(.gregorian, zone).dateComponents(
      [.year, .month, .day, .hour, .minute], from: d)
    return (c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0)
  }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// An instant in the Gregorian calendar (always: `ar_SA` would default to Umm al-Qura) in
  /// `timeZone` (IANA; unknown names fall back to Asia/Riyadh), with the Hijri (Umm al-Qura)
  /// date after it in brackets when `hijri` is true. One isolated run.
  public static func date(
    _ d: Date, lang: Language, timeZone: String = defaultTimeZone, style: DateStyle = .date,
    hijri: Bool = false, digits style2: DigitStyle = .western
  ) -> String {
    let c = components(d, zone: timeZone)
    let (y, m, day) = (c.year, c.month, c.day)
    let time = "\(twoDigits(c.hour)):\(twoDigits(c.minute))"
    let monthIndex = min(max(m, 1), 12) - 1
    var text: String
    switch style {
    case .numeric, .numericDateTime:
      var s = "\(y)-\(twoDigits(m))-\(twoDigits(day))"
      if style == .numericDateTime { s += " " + time }
      text = Bidi.ltr(digits(s, style2))
    case .time:
      text = Bidi.ltr(digits(time, style2))
    case .date, .dateTime:
      switch lang {
      case .ar:
        var s = "\(day) \(arabicMonths[monthIndex]) \(y)"
        if style == .dateTime { s += "، " + Bidi.ltr(time) }
        text = digits(s, style2)
      case .en:
        var s = "\(day) \(englishMonths[monthIndex]) \(y)"
        if style == .dateTime { s += ", " + time }
        text = digits(s, style2)
      }
    }
    if hijri {
      text += " (" + Format.hijri(d, lang: lang, timeZone: timeZone, digits: style2) + ")"
    }
    return lang == .ar ? Bidi.rtl(text) : Bidi.ltr(text)
  }

  /// The Hijri date (Umm al-Qura, the Saudi civil calendar) of `d` in `timeZone`:
  /// `6 جمادى الآخرة 1448 هـ` / `6 Jumada al-Akhirah 1448 AH`. One isolated run.
  public static func hijri(
    _ d: Date, lang: Language, timeZone: String = defaultTimeZone,
    digits style: DigitStyle = .western
  ) -> String {
    let c = calendar(.islamicUmmAlQura, timeZone).dateComponents([.year, .month, .day], from: d)
    let monthIndex = min(max(c.month ?? 1, 1), 12) - 1
    let (y, day) = (c.year ?? 1, c.day ?? 1)
    switch lang {
    case .ar: return Bidi.rtl(digits("\(day) \(arabicHijriMonths[monthIndex]) \(y) هـ", style))
    case .en: return Bidi.ltr(digits("\(day) \(englishHijriMonths[monthIndex]) \(y) AH", style))
    }
  }

  // MARK: Durations

  /// The CLDR plural category of `n` in Arabic (`one`, `two`, `few` 3–10, `many` 11–99,
  /// `other`; by `n % 100` above 100). English uses the same keys with the same words.
  public static func arabicPluralCategory(_ n: Int) -> String {
    let r = n % 100
    if n == 1 { return "one" }
    if n == 2 { return "two" }
    if (3...10).contains(r) { return "few" }
    if (11...99).contains(r) { return "many" }
    return "other"
  }

  /// `n` of `unit` (`second`, `minute`, `hour`, `day`, `order`, `row`) with Arabic number
  /// agreement:
  /// دقيقة واحدة، دقيقتين، ٣ دقائق، ١٢ دقيقة، ١٠٠ دقيقة.
  public static func quantity(
    _ n: Int, unit: String, lang: Language, digits style: DigitStyle = .western
  )
    -> String
  {
    // `unit.<unit>.<category>` (one, two, few, many, other), `other` when a unit has no form
    // of its own for the category.
    var key = "unit.\(unit).\(arabicPluralCategory(n))"
    if StringTable.entries[key] == nil { key = "unit.\(unit).other" }
    return digits(tr(key, lang, ["n": number(n, digits: style)]), style)
  }

  /// A duration relative to now for the seller window (R3) and tracking: positive `seconds`
  /// are in the future (`خلال ١٢ دقيقة` / `in 12 min`), negative in the past (`منذ ٥ دقائق` /
  /// `5 min ago`), 0 is `الآن` / `now`. Under a minute counts seconds; under an hour counts
  /// minutes rounded up (time left is never overstated as ending sooner); then hours and days
  /// rounded to the nearest. One isolated run.
  public static func relative(seconds: Int, lang: Language, digits style: DigitStyle = .western)
    -> String
  {
    guard seconds != 0 else { return isolated(tr("relative.now", lang), lang) }
    let future = seconds > 0
    let s = seconds == Int.min ? Int.max : abs(seconds)
    let amount: String
    if s < 60 {
      amount = quantity(s, unit: "second", lang: lang, digits: style)
    } else if s < 3600 {
      let minutes = future ? (s + 59) / 60 : s / 60
      amount = quantity(minutes, unit: "minute", lang: lang, digits: style)
    } else if s < 86_400 {
      amount = quantity(max(1, (s + 1800) / 3600), unit: "hour", lang: lang, digits: style)
    } else {
      let days = s / 86_400 + (s % 86_400 >= 43_200 ? 1 : 0)
      amount = quantity(days, unit: "day", lang: lang, digits: style)
    }
    let text = tr(future ? "relative.in" : "relative.ago", lang, ["n": amount])
    return isolated(text, lang)
  }

  static func isolated(_ s: String, _ lang: Language) -> String {
    lang == .ar ? Bidi.rtl(s) : Bidi.ltr(s)
  }
}

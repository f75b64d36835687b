import Foundation

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
    minor: Int64, currency: String, lang: Lang, digits style: DigitStyle = .western
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

  /// A calendar of `identifier` in `timeZone`, independent of the process locale.
  static func calendar(_ identifier: Calendar.Identifier, _ timeZone: String) -> Calendar {
    var c = Calendar(identifier: identifier)
    c.timeZone = Format.timeZone(timeZone)
    c.locale = Locale(identifier: "en_US_POSIX")
    return c
  }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// An instant in the Gregorian calendar (always: `ar_SA` would default to Umm al-Qura) in
  /// `timeZone` (IANA; unknown names fall back to Asia/Riyadh), with the Hijri (Umm al-Qura)
  /// date after it in brackets when `hijri` is true. One isolated run.
  public static func date(
    _ d: Date, lang: Lang, timeZone: String = defaultTimeZone, style: DateStyle = .date,
    hijri: Bool = false, digits style2: DigitStyle = .western
  ) -> String {
    let c = calendar(.gregorian, timeZone).dateComponents(
      [.year, .month, .day, .hour, .minute], from: d)
    let (y, m, day) = (c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    let time = "\(twoDigits(c.hour ?? 0)):\(twoDigits(c.minute ?? 0))"
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
    _ d: Date, lang: Lang, timeZone: String = defaultTimeZone, digits style: DigitStyle = .western
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

  /// `n` of `unit` (`second`, `minute`, `hour`, `day`) with Arabic number agreement:
  /// دقيقة واحدة، دقيقتين، ٣ دقائق، ١٢ دقيقة، ١٠٠ دقيقة.
  public static func quantity(
    _ n: Int, unit: String, lang: Lang, digits style: DigitStyle = .western
  )
    -> String
  {
    let key: String
    switch (unit, arabicPluralCategory(n)) {
    case ("second", "one"): key = "unit.second.one"
    case ("second", "two"): key = "unit.second.two"
    case ("second", "few"): key = "unit.second.few"
    case ("second", "many"): key = "unit.second.many"
    case ("second", _): key = "unit.second.other"
    case ("minute", "one"): key = "unit.minute.one"
    case ("minute", "two"): key = "unit.minute.two"
    case ("minute", "few"): key = "unit.minute.few"
    case ("minute", "many"): key = "unit.minute.many"
    case ("minute", _): key = "unit.minute.other"
    case ("hour", "one"): key = "unit.hour.one"
    case ("hour", "two"): key = "unit.hour.two"
    case ("hour", "few"): key = "unit.hour.few"
    case ("hour", "many"): key = "unit.hour.many"
    case ("hour", _): key = "unit.hour.other"
    case ("day", "one"): key = "unit.day.one"
    case ("day", "two"): key = "unit.day.two"
    case ("day", "few"): key = "unit.day.few"
    case ("day", "many"): key = "unit.day.many"
    default: key = "unit.day.other"
    }
    return digits(tr(key, lang, ["n": number(n, digits: style)]), style)
  }

  /// A duration relative to now for the seller window (R3) and tracking: positive `seconds`
  /// are in the future (`خلال ١٢ دقيقة` / `in 12 min`), negative in the past (`منذ ٥ دقائق` /
  /// `5 min ago`), 0 is `الآن` / `now`. Under a minute counts seconds; under an hour counts
  /// minutes rounded up (time left is never overstated as ending sooner); then hours and days
  /// rounded to the nearest. One isolated run.
  public static func relative(seconds: Int, lang: Lang, digits style: DigitStyle = .western)
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

  static func isolated(_ s: String, _ lang: Lang) -> String {
    lang == .ar ? Bidi.rtl(s) : Bidi.ltr(s)
  }
}

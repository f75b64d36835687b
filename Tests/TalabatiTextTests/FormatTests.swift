import Foundation
import Testing

@testable import TalabatiText

/// `s` without LRI/RLI/FSI/PDI, to compare what the shopper reads.
func plain(_ s: String) -> String {
  String(
    String.UnicodeScalarView(s.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) }))
}

@Suite("Formatting")
struct FormatTests {
  @Test("money from minor units, no floating point")
  func money() {
    #expect(plain(Format.money(minor: 123_450, currency: "SAR", lang: .ar)) == "1,234.50 ر.س.")
    #expect(plain(Format.money(minor: 123_450, currency: "SAR", lang: .en)) == "SAR 1,234.50")
    #expect(
      plain(Format.money(minor: 123_450, currency: "SAR", lang: .ar, digits: .arabicIndic))
        == "١٬٢٣٤٫٥٠ ر.س.")
    #expect(plain(Format.money(minor: 5, currency: "SAR", lang: .en)) == "SAR 0.05")
    #expect(plain(Format.money(minor: -99_999, currency: "sar", lang: .en)) == "SAR -999.99")
    #expect(plain(Format.money(minor: 1_234_567, currency: "KWD", lang: .ar)) == "1,234.567 د.ك.")
    #expect(plain(Format.money(minor: 1500, currency: "JPY", lang: .en)) == "JPY 1,500")
    #expect(plain(Format.money(minor: 100, currency: "\u{1B}[2J", lang: .en)) == "¤ 1.00")
    // The extremes do not trap.
    #expect(
      plain(Format.money(minor: .min, currency: "SAR", lang: .en))
        == "SAR -92,233,720,368,547,758.08")
    // One isolated run: a price is never split from its currency.
    let m = Format.money(minor: 100, currency: "SAR", lang: .ar)
    #expect(m.unicodeScalars.first == Bidi.rli && m.unicodeScalars.last == Bidi.pdi)
  }

  @Test("a negative price keeps its minus in front of the number in Arabic")
  func negativeInRTL() {
    let line = Bidi.visual(Format.money(minor: -500, currency: "SAR", lang: .ar), base: .rtl)
    #expect(line.text.hasSuffix(" -5.00"))
  }

  /// Foundation on Linux gives `ar_SA` the Umm al-Qura calendar (TERMINAL-NOTES.md): a
  /// formatter built from the locale alone prints the Hijri year. `Format.date` never does.
  @Test("the Umm al-Qura trap: Gregorian is set explicitly")
  func ummAlQuraTrap() {
    let d = Date(timeIntervalSince1970: 1_795_780_800)  // 2026-11-27 09:00 UTC
    let f = DateFormatter()
    f.locale = Locale(identifier: "ar_SA@numbers=latn")
    f.timeZone = TimeZone(identifier: "Asia/Riyadh")
    f.dateFormat = "y"
    let trap = f.string(from: d)
    if f.calendar.identifier == .islamicUmmAlQura {
      #expect(trap.contains("1448"), "Foundation's ar_SA default is Hijri here")
    }
    #expect(plain(Format.date(d, lang: .ar, style: .date)) == "27 نوفمبر 2026")
    #expect(plain(Format.date(d, lang: .en, style: .date)) == "27 Nov 2026")
    #expect(plain(Format.date(d, lang: .ar, style: .numeric)) == "2026-11-27")
  }

  @Test("Asia/Riyadh is UTC+3; other zones and unknown names")
  func timeZones() {
    let d = Date(timeIntervalSince1970: 1_795_815_000)  // 2026-11-27 21:30 UTC
    #expect(plain(Format.date(d, lang: .en, style: .dateTime)) == "28 Nov 2026, 00:30")
    #expect(plain(Format.date(d, lang: .ar, style: .dateTime)) == "28 نوفمبر 2026، 00:30")
    #expect(plain(Format.date(d, lang: .en, timeZone: "UTC", style: .time)) == "21:30")
    #expect(
      plain(Format.date(d, lang: .en, timeZone: "America/New_York", style: .numericDateTime))
        == "2026-11-27 16:30")
    #expect(plain(Format.date(d, lang: .en, timeZone: "Mars/Olympus", style: .time)) == "00:30")
    #expect(
      plain(Format.date(d, lang: .ar, style: .time, digits: .arabicIndic)) == "٠٠:٣٠")
  }

  /// 1 Ramadan 1446 was Saturday 1 March 2025 and 1 Shawwal 1446 (Eid al-Fitr) Sunday
  /// 30 March 2025 in Saudi Arabia (published Umm al-Qura dates).
  @Test("Hijri alongside on request, Umm al-Qura")
  func hijri() {
    let ramadan = Date(timeIntervalSince1970: 1_740_812_400)  // 2025-03-01 07:00 UTC
    #expect(plain(Format.hijri(ramadan, lang: .ar)) == "1 رمضان 1446 هـ")
    #expect(plain(Format.hijri(ramadan, lang: .en)) == "1 Ramadan 1446 AH")
    let eid = Date(timeIntervalSince1970: 1_743_318_000)  // 2025-03-30 07:00 UTC
    #expect(plain(Format.hijri(eid, lang: .ar, digits: .arabicIndic)) == "١ شوال ١٤٤٦ هـ")
    #expect(
      plain(Format.date(eid, lang: .en, style: .date, hijri: true))
        == "30 Mar 2025 (1 Shawwal 1446 AH)")
  }

  @Test("relative durations with Arabic number agreement (R3 seller window)")
  func relative() {
    #expect(plain(Format.relative(seconds: 720, lang: .ar)) == "خلال 12 دقيقة")
    #expect(
      plain(Format.relative(seconds: 690, lang: .ar, digits: .arabicIndic)) == "خلال ١٢ دقيقة")
    #expect(plain(Format.relative(seconds: 720, lang: .en)) == "in 12 min")
    #expect(plain(Format.relative(seconds: 60, lang: .ar)) == "خلال دقيقة واحدة")
    #expect(plain(Format.relative(seconds: 120, lang: .ar)) == "خلال دقيقتين")
    #expect(plain(Format.relative(seconds: 180, lang: .ar)) == "خلال 3 دقائق")
    #expect(plain(Format.relative(seconds: 1800, lang: .ar)) == "خلال 30 دقيقة")
    #expect(plain(Format.relative(seconds: 45, lang: .ar)) == "خلال 45 ثانية")
    #expect(plain(Format.relative(seconds: 5, lang: .ar)) == "خلال 5 ثوانٍ")
    #expect(plain(Format.relative(seconds: -300, lang: .ar)) == "منذ 5 دقائق")
    #expect(plain(Format.relative(seconds: -300, lang: .en)) == "5 min ago")
    #expect(plain(Format.relative(seconds: 6000, lang: .ar)) == "خلال ساعتين")
    #expect(plain(Format.relative(seconds: 86_400 * 11, lang: .ar)) == "خلال 11 يومًا")
    #expect(plain(Format.relative(seconds: 0, lang: .ar)) == "الآن")
    #expect(!Format.relative(seconds: .min, lang: .en).isEmpty)
  }

  @Test("CLDR Arabic plural categories")
  func plurals() {
    let cats = [1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111].map(Format.arabicPluralCategory)
    #expect(
      cats == [
        "one", "two", "few", "few", "many", "many", "other", "other", "other",
        "few", "many",
      ])
  }

  @Test("numbers are grouped in both digit styles")
  func numbers() {
    #expect(Format.number(1_234_567) == "1,234,567")
    #expect(Format.number(-1000, digits: .arabicIndic) == "-١٬٠٠٠")
    #expect(Format.number(12) == "12")
  }
}

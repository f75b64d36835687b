import Foundation
import PropertyBased
import Testing

@testable import TalabatiText

/// The zones of the property: fixed offsets (Riyadh, Dubai, UTC), a quarter-hour one
/// (Kathmandu), and daylight saving north and south, by whole hours and by half an hour
/// (Lord Howe), with rules that changed (Cairo dropped and restored DST).
private let zones = [
  "Asia/Riyadh", "Asia/Dubai", "Africa/Cairo", "Europe/London", "America/New_York",
  "Australia/Lord_Howe", "Asia/Kathmandu", "UTC",
]

/// 1970-01-01 … 2100-12-31 (seconds since 1970).
private let instants1970to2100: ClosedRange<Int64> = 0...4_133_980_799

private func foundationOffset(_ t: Int64, _ zone: String) -> Int {
  TimeZone(identifier: zone)!.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
}

@Suite("Time zones from the system's tz database (issue 12: no ICU on the first frame)")
struct ZoneInfoTests {
  @Test("the reader's offset equals Foundation's for any instant 1970–2100 in eight zones")
  func offsetsEqualFoundation() async {
    for zone in zones { #expect(ZoneInfo.named(zone) != nil, "\(zone) was not read") }
    await propertyCheck(
      count: 2000, input: Gen.int64(in: instants1970to2100), Gen.element(of: zones)
    ) { t, zone in
      let zone = zone!
      let expected = foundationOffset(t, zone)
      #expect(Format.utcOffset(Double(t), zone: zone) == expected, "\(zone) at \(t)")
      if let mine = ZoneInfo.named(zone)?.offset(at: t) {
        #expect(mine.seconds == expected, "\(zone) at \(t)")
      }
    }
  }

  /// Where a wrong reader is most likely wrong: a second before, at, and after each change.
  @Test("the offset equals Foundation's around every transition 1970–2100")
  func offsetsAroundTransitions() throws {
    for zone in zones {
      let info = try #require(ZoneInfo.named(zone))
      for t in info.transitions where instants1970to2100.contains(t) {
        for s in [t - 1, t, t + 1] {
          // From the last transition on, a zone with daylight saving is Foundation's (nil).
          if let mine = info.offset(at: s) {
            #expect(mine.seconds == foundationOffset(s, zone), "\(zone) at \(s)")
          }
          #expect(Format.utcOffset(Double(s), zone: zone) == foundationOffset(s, zone))
        }
      }
    }
  }

  /// What the first frame asks: Saudi time (R19) and the other fixed zones are answered from
  /// the file for all time, so Foundation's `TimeZone` (ICU on Linux) is never needed.
  @Test("fixed-offset zones are answered without Foundation, before and after the last change")
  func fixedZonesNeedNoFoundation() throws {
    let expected = [
      "Asia/Riyadh": 3 * 3600, "Asia/Dubai": 4 * 3600, "Asia/Kathmandu": 5 * 3600 + 45 * 60,
      "UTC": 0,
    ]
    for (zone, offset) in expected {
      let info = try #require(ZoneInfo.named(zone))
      // 1987 (Kathmandu was UTC+5:30 until 1986), 2026, 2100, 3000.
      for t: Int64 in [536_457_600, 1_795_780_800, 4_133_980_799, 32_503_680_000] {
        #expect(info.offset(at: t)?.seconds == offset, "\(zone) at \(t)")
      }
    }
    // 2026-11-27 21:30 UTC is 00:30 the next day in Riyadh (the list's date column).
    let d = Date(timeIntervalSince1970: 1_795_815_000)
    #expect(plain(Format.date(d, lang: .en, style: .dateTime)) == "28 Nov 2026, 00:30")
  }

  /// Beyond the file's last transition a zone with daylight saving follows the footer's rule,
  /// which this reader does not evaluate: Foundation answers, and answers the same as before.
  @Test("daylight saving beyond the last transition falls back to Foundation")
  func daylightSavingRuleFallsBack() throws {
    let london = try #require(ZoneInfo.named("Europe/London"))
    let last = try #require(london.transitions.last)
    #expect(london.fixedFooterOffset == nil)
    #expect(london.offset(at: last + 1) == nil)
    let june2090: Int64 = 3_802_291_200  // 2090-06-28, summer time
    #expect(Format.utcOffset(Double(june2090), zone: "Europe/London") == 3600)
    let december2089: Int64 = 3_786_480_000  // 2089-12-27
    #expect(Format.utcOffset(Double(december2089), zone: "Europe/London") == 0)
  }

  @Test("names that would leave the zoneinfo directory or are not zones are refused")
  func unsafeNamesAreRefused() {
    for bad in [
      "", "/etc/passwd", "../../../etc/passwd", "Asia/../../../etc/passwd", "Asia/./Riyadh",
      "Asia//Riyadh", "Asia/Riyadh/", ".hidden", "localtime", "posixrules", "Factory",
      "posix/Asia/Riyadh", "right/UTC", "Asia/Riyadh\0", "Asia/Riy adh", "Asia/رياض",
      "WET", "EET", "EST5EDT", "Egypt",
      String(repeating: "A", count: 65),
    ] {
      #expect(!ZoneInfo.isPlainName(bad), "\(bad.debugDescription)")
      #expect(ZoneInfo.named(bad) == nil, "\(bad.debugDescription)")
    }
    for good in ["Asia/Riyadh", "UTC", "GMT", "America/Argentina/Buenos_Aires", "Etc/GMT+3"] {
      #expect(ZoneInfo.isPlainName(good), "\(good)")
    }
    // An unknown or unsafe name still shows Saudi time, as before (Foundation's fallback).
    let d = Date(timeIntervalSince1970: 1_795_815_000)
    for name in ["Mars/Olympus", "../../../etc/localtime", "localtime"] {
      #expect(plain(Format.date(d, lang: .en, timeZone: name, style: .time)) == "00:30")
    }
  }

  @Test("POSIX TZ strings without daylight saving give their offset, others nil")
  func posixFooter() {
    func fixed(_ s: String) -> Int32? { ZoneInfo.posixFixedOffset(Array(s.utf8)) }
    #expect(fixed("<+03>-3") == 10_800)
    #expect(fixed("<+0545>-5:45") == 20_700)
    #expect(fixed("<-03>3") == -10_800)
    #expect(fixed("UTC0") == 0)
    #expect(fixed("EST5") == -18_000)
    #expect(fixed("<+1030>-10:30:15") == 37_815)
    #expect(fixed("EST5EDT,M3.2.0,M11.1.0") == nil)
    #expect(fixed("GMT0BST,M3.5.0/1,M10.5.0") == nil)
    #expect(fixed("<+03>") == nil)
    #expect(fixed("AB-3") == nil)
    #expect(fixed("<+03>-25") == nil)
    #expect(fixed("<+03>-3:60") == nil)
    #expect(fixed("") == nil)
  }

  /// Damaged files never crash and never give an offset: every truncation of a real file,
  /// and random bytes flipped in it, are refused or still parse to a zone whose offsets are
  /// in range. A version-1-only file and one with leap seconds are refused.
  @Test("truncated, corrupted, old and leap-second files are refused without crashing")
  func malformedFilesAreRefused() async throws {
    let path = ZoneInfo.defaultDirectory + "/Asia/Riyadh"
    let bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
    #expect(ZoneInfo.parse(bytes) == ZoneInfo.named("Asia/Riyadh"))
    for n in 0..<bytes.count - 1 {
      #expect(ZoneInfo.parse(Array(bytes[0..<n])) == nil, "truncated to \(n) bytes")
    }
    var v1 = bytes
    v1[4] = 0
    #expect(ZoneInfo.parse(v1) == nil)
    await propertyCheck(
      count: 500, input: Gen.int(in: 0..<bytes.count), Gen.uint8(in: 0...255)
    ) { at, value in
      var damaged = bytes
      damaged[at] = value
      if let zone = ZoneInfo.parse(damaged) {
        #expect(zone.offsets.allSatisfy { (-89_999...93_599).contains($0) })
        #expect(zip(zone.transitions, zone.transitions.dropFirst()).allSatisfy { $0 < $1 })
      }
    }
    if FileManager.default.fileExists(atPath: ZoneInfo.defaultDirectory + "/right/UTC") {
      #expect(ZoneInfo.load(path: ZoneInfo.defaultDirectory + "/right/UTC") == nil)
    }
    #expect(ZoneInfo.load(path: ZoneInfo.defaultDirectory + "/zone.tab") == nil)
    #expect(ZoneInfo.load(path: "/nonexistent/zoneinfo/Asia/Riyadh") == nil)
  }
}

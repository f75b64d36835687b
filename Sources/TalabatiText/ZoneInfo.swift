import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A time zone read from the system's compiled tz database (`/usr/share/zoneinfo/<name>`,
/// TZif, RFC 8536), so that the offset of an instant is found without Foundation's
/// `TimeZone(identifier:)`, which on Linux loads ICU and its data: 8% of the first frame
/// (docs/performance.md, issue 12).
///
/// Only what it can answer exactly is answered: the UTC offset of an instant from the
/// version 2+ (64-bit) transitions, and after the last transition from the footer's POSIX TZ
/// string when that string has no daylight-saving rule (Asia/Riyadh's `<+03>-3`). Every other
/// case — a rule with daylight saving beyond the last transition, a file with leap seconds, a
/// missing, unreadable or malformed file, a name that is not a plain zone name — answers nil,
/// and the caller asks Foundation as before.
struct ZoneInfo: Sendable, Equatable {
  /// Transition instants (seconds since 1970, UTC), strictly ascending.
  let transitions: [Int64]
  /// The UTC offset (seconds east) that starts at each transition.
  let offsets: [Int32]
  /// The offset before the first transition (RFC 8536: time type 0).
  let initialOffset: Int32
  /// The offset after the last transition when the footer names a zone without daylight
  /// saving; nil when the footer has a daylight-saving rule or is missing.
  let fixedFooterOffset: Int32?

  /// The offset in effect at `t`, and the instant of the next change (nil: none known, or
  /// the footer's rule applies from there). Nil when the file cannot tell (see the type), and
  /// before 1970: the tz database merges zones that agree since 1970 (Asia/Kuwait is a link to
  /// Asia/Riyadh), while Foundation's ICU data keeps their older history apart.
  func offset(at t: Int64) -> (seconds: Int, until: Int64?)? {
    guard t >= 0 else { return nil }
    guard let last = transitions.last else {
      // No transitions: one offset for all time, the footer's if it has one.
      if let fixed = fixedFooterOffset { return (Int(fixed), nil) }
      return (Int(initialOffset), nil)
    }
    if t < transitions[0] { return (Int(initialOffset), transitions[0]) }
    if t >= last {
      guard let fixed = fixedFooterOffset else { return nil }
      // The footer must agree with the last transition's offset (RFC 8536 §3.3), else the
      // file is inconsistent and Foundation decides.
      guard fixed == offsets[offsets.count - 1] else { return nil }
      return (Int(fixed), nil)
    }
    // The last transition at or before t.
    var lo = 0
    var hi = transitions.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if transitions[mid] <= t { lo = mid } else { hi = mid - 1 }
    }
    return (Int(offsets[lo]), transitions[lo + 1])
  }

  // MARK: Names and the cache

  /// Where the compiled tz database lives on Debian and most other systems.
  static let defaultDirectory = "/usr/share/zoneinfo"

  /// Whether `name` is a plain IANA zone name that is safe to open under the zoneinfo
  /// directory: `Area/Location` (or `UTC`, `GMT`), each part of ASCII letters, digits, `_`,
  /// `-`, `+`, starting with a letter; no `..`, no leading `/`, no empty part. The files that
  /// are not zones of their own (`localtime`, the machine's zone; `posixrules`, `Factory`; the
  /// `posix/` and `right/` copies) are refused, so a name Foundation rejects is never given an
  /// offset here; so are the other names without an area (`WET`, `EET`, `EST5EDT`, `Egypt`):
  /// tzdata 2024b made some of them links to a city whose history differs from ICU's.
  static func isPlainName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard !bytes.isEmpty, bytes.count <= 64 else { return false }
    var partStart = true
    for b in bytes {
      switch b {
      case UInt8(ascii: "/"):
        if partStart { return false }  // leading `/` or `//`
        partStart = true
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
        partStart = false
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
        UInt8(ascii: "+"):
        if partStart { return false }  // also refuses `.`, `..` and hidden names
      default:
        return false
      }
    }
    if partStart { return false }  // trailing `/`
    guard bytes.contains(UInt8(ascii: "/")) || name == "UTC" || name == "GMT" else { return false }
    let first = name.split(separator: "/", maxSplits: 1).first.map(String.init) ?? name
    if ["posix", "right", "localtime", "posixrules", "Factory"].contains(first) { return false }
    return true
  }

  /// Zones read so far, by name (a zone that could not be read is remembered as nil). A
  /// process shows one or two zones, so two short arrays searched in order: no dictionary,
  /// whose first use of a new key type costs the Swift runtime a conformance lookup at start.
  private struct Cache {
    var names: [String] = []
    var zones: [ZoneInfo?] = []
  }
  private static let cache = Mutex(Cache())

  /// The zone `name` read from `defaultDirectory`, read once per process.
  static func named(_ name: String) -> ZoneInfo? {
    let hit: ZoneInfo?? = cache.withLock { c in
      c.names.firstIndex(of: name).map { c.zones[$0] }
    }
    if let hit { return hit }
    let zone = isPlainName(name) ? load(path: defaultDirectory + "/" + name) : nil
    cache.withLock { c in
      if c.names.count >= 16 { c = Cache() }
      c.names.append(name)
      c.zones.append(zone)
    }
    return zone
  }

  // MARK: Reading a TZif file

  /// The zone in the TZif file at `path`, or nil when it is missing, not TZif version 2 or
  /// later, has leap seconds, or is malformed in any way.
  static func load(path: String) -> ZoneInfo? {
    guard let bytes = readFile(path, limit: 1 << 20) else { return nil }
    return parse(bytes)
  }

  private static func readFile(_ path: String, limit: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > limit { return nil }
    }
    return out
  }

  /// The counts of one TZif header (RFC 8536 §3.1).
  private struct Header {
    var isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int

    /// Bytes of the data block that follows, with `timeSize`-byte times.
    func dataSize(timeSize: Int) -> Int {
      timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4)
        + isstdcnt + isutcnt
    }
  }

  static func parse(_ b: [UInt8]) -> ZoneInfo? {
    func u32(_ at: Int) -> UInt32 {
      UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
    func i64(_ at: Int) -> Int64 {
      var v: UInt64 = 0
      for k in 0..<8 { v = v << 8 | UInt64(b[at + k]) }
      return Int64(bitPattern: v)
    }
    func header(_ at: Int) -> Header? {
      guard at + 44 <= b.count, b[at] == 0x54, b[at + 1] == 0x5A, b[at + 2] == 0x69,
        b[at + 3] == 0x66
      else { return nil }  // "TZif"
      let c = (0..<6).map { Int(u32(at + 20 + 4 * $0)) }
      // Generous bounds: the largest real zone has ~240 transitions and ~10 types.
      guard c.allSatisfy({ $0 <= 100_000 }) else { return nil }
      return Header(
        isutcnt: c[0], isstdcnt: c[1], leapcnt: c[2], timecnt: c[3], typecnt: c[4],
        charcnt: c[5])
    }
    guard let v1 = header(0), b[4] >= 0x32 else { return nil }  // version '2' or later
    let second = 44 + v1.dataSize(timeSize: 4)
    guard let h = header(second), h.typecnt >= 1, h.charcnt >= 1, h.leapcnt == 0,
      h.isstdcnt == 0 || h.isstdcnt == h.typecnt, h.isutcnt == 0 || h.isutcnt == h.typecnt
    else { return nil }
    var p = second + 44
    let end = p + h.dataSize(timeSize: 8)
    guard end < b.count else { return nil }  // the footer's first newline must follow

    var transitions: [Int64] = []
    transitions.reserveCapacity(h.timecnt)
    for k in 0..<h.timecnt {
      let t = i64(p + 8 * k)
      if let previous = transitions.last, t <= previous { return nil }
      transitions.append(t)
    }
    p += 8 * h.timecnt
    let typeIndex = Array(b[p..<p + h.timecnt])
    p += h.timecnt
    var typeOffsets: [Int32] = []
    for k in 0..<h.typecnt {
      let utoff = Int32(bitPattern: u32(p + 6 * k))
      // RFC 8536: -89999...93599; a designation index inside the character block.
      guard utoff > -90_000, utoff < 93_600, b[p + 6 * k + 4] <= 1,
        Int(b[p + 6 * k + 5]) < h.charcnt
      else { return nil }
      typeOffsets.append(utoff)
    }
    guard typeIndex.allSatisfy({ Int($0) < h.typecnt }) else { return nil }

    // The footer: "\n" TZ-string "\n".
    guard b[end] == 0x0A, let close = b[(end + 1)...].firstIndex(of: 0x0A) else { return nil }
    let footer = b[(end + 1)..<close]
    let fixed: Int32?
    if footer.isEmpty {
      fixed = nil
    } else if let tz = posixFixedOffset(Array(footer)) {
      fixed = tz
    } else {
      fixed = nil  // a daylight-saving rule, or one this reader does not know
    }
    return ZoneInfo(
      transitions: transitions, offsets: typeIndex.map { typeOffsets[Int($0)] },
      initialOffset: typeOffsets[0], fixedFooterOffset: fixed)
  }

  /// The UTC offset (seconds east) of a POSIX TZ string naming a zone without daylight
  /// saving — `<+03>-3`, `UTC0`, `<+0545>-5:45`, `EST5` — or nil when the string has a
  /// daylight-saving part or is not of that form. POSIX offsets count west: `-3` is UTC+3.
  static func posixFixedOffset(_ s: [UInt8]) -> Int32? {
    var i = 0
    // The designation: `<...>` (letters, digits, + and -) or at least three letters.
    if i < s.count, s[i] == UInt8(ascii: "<") {
      guard let close = s[i...].firstIndex(of: UInt8(ascii: ">")), close - i >= 4 else {
        return nil
      }
      for c in s[(i + 1)..<close] {
        guard isAlpha(c) || isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
        else { return nil }
      }
      i = close + 1
    } else {
      let start = i
      while i < s.count, isAlpha(s[i]) { i += 1 }
      guard i - start >= 3 else { return nil }
    }
    // The offset: [+-]hh[:mm[:ss]], hours 0...24.
    var sign: Int32 = 1
    if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
      if s[i] == UInt8(ascii: "-") { sign = -1 }
      i += 1
    }
    var parts: [Int32] = []
    while parts.count < 3 {
      let start = i
      var v: Int32 = 0
      while i < s.count, isDigit(s[i]), i - start < 3 {
        v = v * 10 + Int32(s[i] - UInt8(ascii: "0"))
        i += 1
      }
      guard i > start else { return nil }
      parts.append(v)
      guard i < s.count, s[i] == UInt8(ascii: ":") else { break }
      i += 1
    }
    guard i == s.count else { return nil }  // a daylight-saving name or rule follows
    guard parts[0] <= 24, parts.count < 2 || parts[1] < 60, parts.count < 3 || parts[2] < 60
    else { return nil }
    let west =
      parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0)
      + (parts.count > 2 ? parts[2] : 0)
    return -sign * west
  }

  private static func isAlpha(_ c: UInt8) -> Bool {
    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
  }
  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

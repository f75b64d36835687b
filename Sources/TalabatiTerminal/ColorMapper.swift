import TalabatiUI

/// How many colours the terminal can show, from curses' `COLORS` (and `NO_COLOR`).
public enum ColorSupport: Hashable, Sendable {
  /// No colour: attributes only (bold, reverse, underline, dim).
  case none
  /// The 8 ANSI colours.
  case ansi8
  /// The 16 ANSI colours (8 plus their bright variants).
  case ansi16
  /// The xterm 256-colour palette.
  case indexed256

  /// The support level for a terminal reporting `colors` colours (`COLORS`, -1 when unknown).
  public static func from(colors: Int) -> ColorSupport {
    if colors >= 256 { return .indexed256 }
    if colors >= 16 { return .ansi16 }
    if colors >= 8 { return .ansi8 }
    return .none
  }
}

/// Pure colour degradation: theme colours to the colour numbers a terminal supports.
///
/// `nil` means "the terminal's default colour" (curses colour -1, with `use_default_colors`).
public enum ColorMapper {
  /// xterm's default RGB values of the 16 ANSI colours.
  public static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
    (0x00, 0x00, 0x00), (0xcd, 0x00, 0x00), (0x00, 0xcd, 0x00), (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee), (0xcd, 0x00, 0xcd), (0x00, 0xcd, 0xcd), (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f), (0xff, 0x00, 0x00), (0x00, 0xff, 0x00), (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff), (0xff, 0x00, 0xff), (0x00, 0xff, 0xff), (0xff, 0xff, 0xff),
  ]

  /// The levels of the 6×6×6 colour cube (indices 16–231).
  static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  /// The curses colour number for `color` on a terminal with `support`; nil = default colour.
  public static func map(_ color: ThemeColor, to support: ColorSupport) -> Int? {
    switch color {
    case .terminalDefault:
      return nil
    case .ansi(let n):
      let n = min(max(n, 0), 15)
      switch support {
      case .none: return nil
      case .ansi8: return n & 7  // bright-red → red
      case .ansi16, .indexed256: return n
      }
    case .indexed(let i):
      let i = min(max(i, 0), 255)
      if i < 16 { return map(.ansi(i), to: support) }
      switch support {
      case .none: return nil
      case .indexed256: return i
      case .ansi8, .ansi16:
        let (r, g, b) = rgb(ofIndex: i)
        return nearestANSI(r, g, b, count: support == .ansi8 ? 8 : 16)
      }
    case .rgb(let r, let g, let b):
      switch support {
      case .none: return nil
      case .indexed256: return nearest256(r, g, b)
      case .ansi16: return nearestANSI(r, g, b, count: 16)
      case .ansi8: return nearestANSI(r, g, b, count: 8)
      }
    }
  }

  /// The nearest xterm-256 index (cube 16–231 or grey ramp 232–255) to an RGB colour.
  public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    func cubeIndex(_ v: UInt8) -> Int {
      let v = Int(v)
      var best = 0
      for (k, level) in cubeLevels.enumerated() where abs(level - v) < abs(cubeLevels[best] - v) {
        best = k
      }
      return best
    }
    let (ri, gi, bi) = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
    let cube = 16 + 36 * ri + 6 * gi + bi
    let cubeDistance = distance((r, g, b), rgb(ofIndex: cube))

    // Grey ramp: 232 + k has level 8 + 10k.
    let average = (Int(r) + Int(g) + Int(b)) / 3
    let k = min(max((average - 8 + 5) / 10, 0), 23)
    let grey = 232 + k
    let greyDistance = distance((r, g, b), rgb(ofIndex: grey))
    return greyDistance < cubeDistance ? grey : cube
  }

  /// The nearest of the first `count` (8 or 16) ANSI colours to an RGB colour.
  public static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> Int {
    var best = 0
    var bestDistance = Int.max
    for i in 0..<min(count, ansiPalette.count) {
      let d = distance((r, g, b), ansiPalette[i])
      if d < bestDistance {
        best = i
        bestDistance = d
      }
    }
    return best
  }

  /// The RGB value xterm shows for a 256-colour index.
  public static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
    let i = min(max(index, 0), 255)
    if i < 16 { return ansiPalette[i] }
    if i >= 232 {
      let v = UInt8(8 + 10 * (i - 232))
      return (v, v, v)
    }
    let c = i - 16
    return (
      UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6])
    )
  }

  /// Squared distance, weighted roughly by how sensitive the eye is to each channel.
  static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
    let dr = Int(a.0) - Int(b.0)
    let dg = Int(a.1) - Int(b.1)
    let db = Int(a.2) - Int(b.2)
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db
  }
}

import TalabatiUI
import Testing

@testable import TalabatiTerminal

/// Theme colours degrade to what the terminal has: 24-bit → 256 → 16 → 8 → none.
@Suite("Colour degradation")
struct ColorMapperTests {
  @Test("COLORS decides the support level")
  func supportLevels() {
    #expect(ColorSupport.from(colors: 256) == .indexed256)
    #expect(ColorSupport.from(colors: 16_777_216) == .indexed256)
    #expect(ColorSupport.from(colors: 16) == .ansi16)
    #expect(ColorSupport.from(colors: 8) == .ansi8)
    #expect(ColorSupport.from(colors: 0) == .none)
    #expect(ColorSupport.from(colors: -1) == .none)
  }

  @Test("exact cube and grey-ramp colours map to their own 256 index")
  func exact256() {
    // Round trip: every index from 16 up maps back to itself (or an identical-looking one).
    for i in 16...255 {
      let (r, g, b) = ColorMapper.rgb(ofIndex: i)
      let j = ColorMapper.nearest256(r, g, b)
      #expect(ColorMapper.rgb(ofIndex: j) == ColorMapper.rgb(ofIndex: i) || j == i, "index \(i)")
    }
    #expect(ColorMapper.map(.rgb(0xff, 0x00, 0x00), to: .indexed256) == 196)
    #expect(ColorMapper.map(.rgb(0x5f, 0xaf, 0xd7), to: .indexed256) == 74)
    #expect(ColorMapper.map(.rgb(0x80, 0x80, 0x80), to: .indexed256) == 244)
  }

  @Test("near colours snap to the nearest palette entry")
  func nearest256() {
    // #fe0101 is visibly red: cube red 196.
    #expect(ColorMapper.map(.rgb(0xfe, 0x01, 0x01), to: .indexed256) == 196)
    // A dark grey is closer to the grey ramp than to the cube.
    let grey = ColorMapper.map(.rgb(0x30, 0x30, 0x31), to: .indexed256) ?? -1
    #expect((232...255).contains(grey))
  }

  @Test("16 and 8 colours: nearest ANSI colour, bright ones folded into the base 8")
  func ansi() {
    #expect(ColorMapper.map(.rgb(0xff, 0x10, 0x10), to: .ansi16) == 9)  // bright red
    #expect(ColorMapper.map(.rgb(0xff, 0x10, 0x10), to: .ansi8) == 1)  // red
    #expect(ColorMapper.map(.rgb(0x00, 0x00, 0x10), to: .ansi8) == 0)  // black
    #expect(ColorMapper.map(.rgb(0xf0, 0xf0, 0xf0), to: .ansi8) == 7)  // white
    #expect(ColorMapper.map(.ansi(12), to: .ansi8) == 4)  // bright-blue → blue
    #expect(ColorMapper.map(.ansi(12), to: .ansi16) == 12)
    // A 256-palette index degrades through its RGB value: 196 (#ff0000) → red.
    #expect(ColorMapper.map(.indexed(196), to: .ansi8) == 1)
    #expect(ColorMapper.map(.indexed(196), to: .indexed256) == 196)
    #expect(ColorMapper.map(.indexed(3), to: .ansi8) == 3)
  }

  @Test("default colour and no-colour terminals give no colour number")
  func noColour() {
    #expect(ColorMapper.map(.terminalDefault, to: .indexed256) == nil)
    #expect(ColorMapper.map(.rgb(1, 2, 3), to: .none) == nil)
    #expect(ColorMapper.map(.ansi(1), to: .none) == nil)
  }

  @Test("every shipped theme's colours land inside the terminal's range")
  func themesInRange() {
    for name in ThemeLoader.builtinNames {
      guard let theme = ThemeLoader.builtin(named: name) else {
        Issue.record("built-in \(name) does not parse")
        continue
      }
      for (support, limit) in [(ColorSupport.indexed256, 256), (.ansi16, 16), (.ansi8, 8)] {
        for role in StyleRole.allCases {
          let style = theme.style(for: role)
          for color in [style.foreground, style.background] {
            if let n = ColorMapper.map(color, to: support) {
              #expect((0..<limit).contains(n), "\(name) \(role) \(support)")
            }
          }
        }
      }
    }
  }
}

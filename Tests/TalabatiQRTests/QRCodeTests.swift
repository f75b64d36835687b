import Testing

@testable import TalabatiQR

/// R13: the return label's QR code, through libqrencode.
@Suite struct QRCodeTests {
  @Test func aShortRMAIsAVersion1CodeWithFinderPatterns() throws {
    let m = try QRCode.encode("RMA-00000001")
    #expect(m.version == 1)
    #expect(m.size == 21)
    // The three finder patterns: a dark 7×7 ring with a dark 3×3 centre, at three corners.
    for (r0, c0) in [(0, 0), (0, m.size - 7), (m.size - 7, 0)] {
      for i in 0..<7 {
        #expect(m[r0, c0 + i] && m[r0 + 6, c0 + i] && m[r0 + i, c0] && m[r0 + i, c0 + 6])
      }
      #expect(!m[r0 + 1, c0 + 1] && m[r0 + 3, c0 + 3])
    }
    // No finder at the bottom-right corner.
    #expect(
      !(m[m.size - 1, m.size - 1] && m[m.size - 7, m.size - 1] && m[m.size - 1, m.size - 7]
        && m[m.size - 4, m.size - 4] && !m[m.size - 2, m.size - 2]))
  }

  @Test func longerTextNeedsALargerVersion() throws {
    let small = try QRCode.encode("RMA-1")
    let big = try QRCode.encode(String(repeating: "RMA-00000001 ", count: 20))
    #expect(big.version > small.version)
    #expect(big.size == 17 + 4 * big.version)
  }

  @Test func halfBlocksPackTwoRowsPerLineWithAQuietZone() throws {
    let m = try QRCode.encode("RMA-00000001")
    let lines = m.halfBlockLines(quietZone: 4)
    let side = m.size + 8
    #expect(lines.count == (side + 1) / 2)
    #expect(lines.allSatisfy { $0.count == side })
    // The quiet zone: the first two lines (rows 0–3) and the first 4 columns are blank.
    #expect(lines[0].allSatisfy { $0 == " " } && lines[1].allSatisfy { $0 == " " })
    #expect(lines.allSatisfy { $0.prefix(4).allSatisfy { $0 == " " } })
    // Only the four allowed glyphs.
    #expect(lines.joined().allSatisfy { "▀▄█ ".contains($0) })
    // Row 4 (top of the finder) and row 5 are both dark at column 4: a full block on line 2.
    let line2 = Array(lines[2])
    #expect(line2[4] == "█")
    // Every module is drawn: decoding the lines back gives the matrix.
    for r in 0..<m.size {
      for c in 0..<m.size {
        let ch = Array(lines[(r + 4) / 2])[c + 4]
        let top = (r + 4) % 2 == 0
        let dark = top ? (ch == "█" || ch == "▀") : (ch == "█" || ch == "▄")
        #expect(dark == m[r, c], "module \(r),\(c)")
      }
    }
  }

  @Test func invertedSwapsInkAndQuietZone() throws {
    let m = try QRCode.encode("RMA-7")
    let normal = m.halfBlockLines(quietZone: 2)
    let inverted = m.halfBlockLines(quietZone: 2, inverted: true)
    #expect(inverted[0].allSatisfy { $0 == "█" })
    let swap: [Character: Character] = ["█": " ", " ": "█", "▀": "▄", "▄": "▀"]
    for (a, b) in zip(normal, inverted) where a.count == b.count {
      // Only full lines (both rows inside) invert glyph by glyph.
      if a == normal.last && (m.size + 4) % 2 == 1 { continue }
      #expect(String(a.map { swap[$0] ?? $0 }) == b)
    }
  }

  @Test func svgIsAPrintableSquareWithOneRectPerRun() throws {
    let m = try QRCode.encode("RMA-00000001")
    let svg = m.svg(moduleSize: 10)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains("width=\"290\" height=\"290\""))  // (21 + 8) × 10
    #expect(svg.contains("viewBox=\"0 0 29 29\""))
    #expect(svg.hasSuffix("</svg>"))
    // Every dark module is covered by exactly the runs written.
    var runs = 0
    for r in 0..<m.size {
      var c = 0
      while c < m.size {
        if m[r, c] {
          runs += 1
          while c < m.size && m[r, c] { c += 1 }
        } else {
          c += 1
        }
      }
    }
    #expect(svg.filter { $0 == "z" }.count == runs)
  }

  @Test func badTextIsAnErrorNotACrash() {
    #expect(throws: QRError.invalidText) { try QRCode.encode("") }
    #expect(throws: QRError.invalidText) { try QRCode.encode("a\u{0}b") }
    #expect(throws: QRError.tooLong(bytes: 3000)) {
      try QRCode.encode(String(repeating: "x", count: 3000))
    }
    // Arabic text goes in as UTF-8 bytes.
    #expect((try? QRCode.encode("مرتجع RMA-1")) != nil)
  }
}

import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// A small deterministic generator (SplitMix64), so a failure reproduces.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct ViewPropertyTests {
  /// One model per screen, in both languages.
  static func models() -> [AppModel] {
    let flows: [[Action]] = [
      [], [.openSelected], [.moveDown, .openSelected, .cancel(.begin)],
      [.openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm],
      [
        .openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm,
        .cancel(.pickReason(3)),
      ],
      [
        .openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm,
        .cancel(.pickReason(3)), .confirm,
      ],
      [.openSelected, .archive(.archiveOrRestore)], [.showHelp],
      [.list(.startSearch), .list(.searchTyped("x"))],
      [.list(.nextView), .list(.nextView)],
    ]
    var out: [AppModel] = []
    for lang in Language.allCases {
      for flow in flows {
        var d = TestDriver(
          model: Fixtures.model(lang: lang),
          service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
        d.start()
        for a in flow { d.send(a) }
        out.append(d.model)
      }
    }
    return out
  }

  @Test func viewNeverOverflowsAtAnySize() {
    // Any size from 1×1 to 200×60 draws exactly that many cells per row, no crash.
    var rng = SplitMix(state: 42)
    let models = Self.models()
    for _ in 0..<300 {
      let w = Int.random(in: 1...200, using: &rng)
      let h = Int.random(in: 1...60, using: &rng)
      let m = models[Int.random(in: 0..<models.count, using: &rng)]
      let s = view(m, width: w, height: h)
      #expect(s.width == w && s.height == h)
      for r in 0..<h {
        var cols = 0
        for c in 0..<w { cols += s[r, c].isContinuation ? 0 : s[r, c].width }
        // Continuation cells belong to the wide glyph before them.
        #expect(cols + (0..<w).filter { s[r, $0].isContinuation }.count == w, "\(w)x\(h) row \(r)")
      }
    }
    for m in models {
      for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 60), (200, 1), (39, 11), (40, 12), (79, 23)] {
        let s = view(m, width: w, height: h)
        #expect(s.width == w && s.height == h)
      }
    }
  }

  @Test func resizingKeepsTheSelectionVisible() {
    var d = TestDriver(
      model: Fixtures.model(),
      service: InMemoryOrderService(orders: Fixtures.many(60), account: Fixtures.account))
    d.start()
    for _ in 0..<40 { d.send(.moveDown) }
    d.send(.resized(width: 50, height: 14))
    let selected = d.model.list.selectedRow!.id
    #expect(d.screen.text.contains(selected))
  }

  @Test func frameTimeIsWellUnderAMillisecond() {
    // Not a benchmark (debug builds are slower): prints the per-frame time for the report.
    let models = Self.models()
    let clock = ContinuousClock()
    let frames = 200
    let elapsed = clock.measure {
      for i in 0..<frames { _ = view(models[i % models.count], width: 80, height: 24) }
    }
    let perFrame = elapsed / frames
    print("view 80x24: \(perFrame) per frame")
    #expect(perFrame < .milliseconds(50))
  }
}

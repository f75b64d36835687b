import Foundation

// MARK: - Search normalisation

/// Folds text for search so that a shopper finds `أسود` by typing `اسود`, `مُحَمَّد` by `محمد`,
/// `Sony` by `sony` and `٤٠٢` by `402`. The store builds its search index with it.
public enum SearchFolding {
  /// Returns the search key of `s`:
  /// - compatibility-normalised (NFKC: presentation forms and lam-alef ligatures become letters,
  ///   full-width Latin becomes ASCII);
  /// - alef variants أ إ آ ٱ → ا, ta marbuta ة → ه, alef maqsura ى → ي, Persian ی ک → ي ك;
  /// - harakat (U+064B–065F, U+0670), Quranic marks (U+06D6–06ED) and tatweel ـ removed;
  /// - Latin case-folded; Arabic-Indic and Persian digits → 0–9 (٫ → `.`, ٬ → `,`);
  /// - controls and invisible format characters removed; runs of whitespace → one space,
  ///   trimmed at both ends.
  ///
  /// Two fast paths give the same result as `referenceFold` without Foundation's NFKC: pure
  /// ASCII text is folded byte by byte, and text of ASCII plus the basic Arabic letters and
  /// harakat (which NFKC leaves alone) skips the normalisation.
  public static func fold(_ s: String) -> String {
    var ascii = true
    var plainArabic = true
    for u in s.unicodeScalars where u.value >= 0x80 {
      ascii = false
      if !isNormalisationFree(u.value) {
        plainArabic = false
        break
      }
    }
    if ascii { return foldASCII(s) }
    if plainArabic { return mapScalars(s.unicodeScalars, lowercasingASCII: true) }
    return referenceFold(s)
  }

  /// The definition of `fold`, without fast paths: NFKC, lowercasing, then the mapping.
  /// Public so that tests can check the fast paths against it.
  public static func referenceFold(_ s: String) -> String {
    let normalised = s.precomposedStringWithCompatibilityMapping.lowercased()
    return mapScalars(normalised.unicodeScalars, lowercasingASCII: false)
  }

  /// Scalars that NFKC never changes nor composes with a neighbour and that lowercasing
  /// leaves alone: the Arabic block up to sukun (U+0600–0652) and U+0656–0673. Excluded are
  /// the combining hamza and madda (U+0653–0655, which compose with alef, waw, yeh), U+0675–
  /// 0678 (compatibility decompositions) and the honorific marks U+0610–061A (kept by the
  /// mapping, so NFKC's reordering of combining marks would show). Harakat may be reordered
  /// too, but the mapping removes every one of them.
  @inline(__always) private static func isNormalisationFree(_ v: UInt32) -> Bool {
    (0x0600...0x060F).contains(v) || (0x061B...0x0652).contains(v)
      || (0x0656...0x0673).contains(v)
  }

  /// ASCII only: lowercase letters, controls and whitespace collapsed into single spaces.
  private static func foldASCII(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    var pendingSpace = false
    for b in s.utf8 {
      // ASCII whitespace (U+0009–000D, U+0020) and controls (< 0x20, 0x7F).
      if b <= 0x20 || b == 0x7F {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(0x20)
        pendingSpace = false
      }
      out.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The letter, digit, mark and space mapping, on already normalised scalars.
  private static func mapScalars(
    _ scalars: String.UnicodeScalarView, lowercasingASCII: Bool
  ) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in scalars {
      let v = u.value
      var mapped: Unicode.Scalar? = u
      switch v {
      case 0x41...0x5A where lowercasingASCII: mapped = Unicode.Scalar(UInt8(v + 0x20))
      case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: mapped = "\u{0627}"
      case 0x0629: mapped = "\u{0647}"
      case 0x0649, 0x06CC: mapped = "\u{064A}"
      case 0x06A9: mapped = "\u{0643}"
      case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640: mapped = nil
      case 0x0660...0x0669: mapped = Unicode.Scalar(v - 0x0660 + 0x30)
      case 0x06F0...0x06F9: mapped = Unicode.Scalar(v - 0x06F0 + 0x30)
      case 0x066B: mapped = "."
      case 0x066C: mapped = ","
      default:
        if u.properties.isWhitespace || v < 0x20 || (0x7F...0x9F).contains(v) {
          pendingSpace = !out.isEmpty
          mapped = nil
        } else if u.properties.generalCategory == .format {
          mapped = nil
        }
      }
      guard let m = mapped else { continue }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      out.append(m)
    }
    return String(out)
  }
}

// MARK: - Which title a search matched

extension SearchFolding {
  /// The words of `text` once folded: runs of letters and digits (everything else separates).
  public static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for ch in fold(text) {
      if ch.isLetter || ch.isNumber {
        current.append(ch)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// The index of the title `query` matched, so a search result shows the item that was
  /// found rather than the order's first item (issue 13): the title in which the most query
  /// words begin a word (folded as the index folds them); the first such title on a tie;
  /// nil when no title has any (the order number matched).
  public static func bestMatch(_ query: String, titles: [String]) -> Int? {
    let wanted = words(String(query.prefix(256)))
    guard !wanted.isEmpty else { return nil }
    var best: (index: Int, score: Int)?
    for (i, title) in titles.enumerated() {
      let have = words(title)
      let score = wanted.filter { w in have.contains { $0.hasPrefix(w) } }.count
      if score > 0, score > (best?.score ?? 0) { best = (i, score) }
    }
    return best?.index
  }
}

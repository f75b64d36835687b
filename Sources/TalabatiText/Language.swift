import TalabatiDomain

// MARK: - Language and direction

/// The account's language (the domain's `Language`) is the one language type of every layer:
/// the text layer adds its paragraph direction.
extension Language {
  /// The base direction of paragraphs written in this language.
  public var direction: Direction {
    switch self {
    case .ar: .rtl
    case .en: .ltr
    }
  }
}

/// The base (paragraph) direction of a line of text.
public enum Direction: Sendable, Hashable {
  case ltr, rtl
}

// MARK: - Language and direction

/// A user-interface language. The text layer has its own (it cannot import the Domain module);
/// the UI maps the account's `Language` to it by raw value.
public enum Lang: String, Sendable, CaseIterable, Hashable {
  case ar, en

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

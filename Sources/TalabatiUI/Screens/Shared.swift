import Foundation
import Synchronization
import TalabatiDomain
import TalabatiText

/// One line of a scrolling body: logical text, its role, and its indent from the start edge.
struct BodyLine: Hashable {
  var text: String
  var role: StyleRole = .normal
  var indent = 0
  /// Extra indent of the rows a wrapped line continues on (0: under a `• ` bullet's text when
  /// the line starts with one, else under the line's start).
  var hang = 0
  /// False for a line that must be drawn as it is or not at all (a QR code's row).
  var wrap = true
  /// True for a detail left out when the screen is too short for every line (`fitting`): a
  /// refund's breakdown, whose total stays.
  var optional = false

  static let blank = BodyLine(text: "")
}

/// The rows `lines` take at `width` columns: every line that does not fit is wrapped
/// (`Layout.wrap`) instead of cut, since body lines explain a decision, give an amount or warn
/// (issue 13: only list cells truncate). A continued bullet (`• `) hangs under its text.
/// `firstRow[i]` is the row where line `i` starts.
func wrapBody(_ lines: [BodyLine], width: Int, mode: BidiMode) -> (
  rows: [BodyLine], firstRow: [Int]
) {
  var rows: [BodyLine] = []
  var firstRow: [Int] = []
  rows.reserveCapacity(lines.count)
  for line in lines {
    firstRow.append(rows.count)
    let indent = min(line.indent, max(0, width - 1))
    let hang = min(line.hang > 0 ? line.hang : line.text.hasPrefix("• ") ? 2 : 0, width / 2)
    let pieces =
      line.wrap
      ? WrapCache.wrap(line.text, columns: width - indent, hang: hang, mode: mode) : [line.text]
    for (k, piece) in pieces.enumerated() {
      var row = line
      row.text = piece
      if k > 0 { row.indent = min(indent + hang, max(0, width - 1)) }
      rows.append(row)
    }
  }
  return (rows, firstRow)
}

/// Draws `lines` into `rows`, wrapped to the canvas width, from wrapped row `scroll`, clamped
/// so the last row can reach the bottom. `keep` names a line whose first row must be visible
/// (a highlighted entry): the scroll moves just enough to show it.
func drawBody(
  _ lines: [BodyLine], _ c: inout Canvas, rows: Range<Int>, scroll: Int, keep: Int? = nil
) {
  let wrapped = wrapBody(lines, width: c.width, mode: c.mode)
  var scroll = scroll
  var snapped = false
  if let keep, keep < wrapped.firstRow.count {
    let top = wrapped.firstRow[keep]
    let bottom =
      (keep + 1 < wrapped.firstRow.count ? wrapped.firstRow[keep + 1] : wrapped.rows.count) - 1
    if top < scroll { scroll = top }
    if bottom >= scroll + rows.count {
      scroll = min(top, bottom - rows.count + 1)
      // Start at a line's first row: never show the tail of a sentence at the top.
      let start = wrapped.firstRow.first { $0 >= scroll } ?? scroll
      snapped = start != scroll && start <= top
      if snapped { scroll = start }
    }
  }
  let body = wrapped.rows
  // A snapped scroll may leave the last row empty rather than show half a sentence.
  let first = snapped ? scroll : max(0, min(scroll, body.count - rows.count))
  for (i, row) in rows.enumerated() {
    let n = first + i
    guard n < body.count else { break }
    let line = body[n]
    c.text(line.text, row: row, start: min(line.indent, c.width), role: line.role)
  }
}

/// `lines` as they fit `rows` rows at the canvas width: all of them when they fit, else without
/// the optional details and the blank lines, so the decisive ones (a refund's total, where it
/// goes, the key that confirms) reach the screen on a small terminal (issue 13, 40×12).
func fitting(_ lines: [BodyLine], rows: Int, _ c: Canvas) -> [BodyLine] {
  if wrapBody(lines, width: c.width, mode: c.mode).rows.count <= rows { return lines }
  return lines.filter { !$0.optional && $0 != .blank }
}

/// Wrapped lines remembered across frames, like `LayoutCache`: a frame wraps every body line.
enum WrapCache {
  private struct Key: Hashable {
    var text: String
    var columns: Int
    var hang: Int
    var mode: BidiMode
  }
  private static let table = Mutex<[Key: [String]]>([:])

  static func wrap(_ text: String, columns: Int, hang: Int = 0, mode: BidiMode) -> [String] {
    let key = Key(text: text, columns: columns, hang: hang, mode: mode)
    if let hit = table.withLock({ $0[key] }) { return hit }
    let lines = Layout.wrap(text, columns: columns, hang: hang, mode: mode)
    table.withLock { t in
      if t.count >= 2048 { t.removeAll(keepingCapacity: true) }
      t[key] = lines
    }
    return lines
  }
}

extension Labels {
  /// Separates the entries of an inline list.
  var listSeparator: String { words.listSeparator }

  /// The status name (R24).
  func status(_ s: Status) -> String { words.status(s) }

  /// The statuses of an order's items (`Words.statusSummary`, R10).
  func statusSummary(_ s: StatusSummary, full: Bool) -> String {
    words.statusSummary(s, full: full)
  }

  /// Where a refund by `route` of an order paid with `p` goes (R9, R15).
  func refundDestination(_ route: RefundRoute, _ p: PaymentMethod) -> String {
    words.refundDestination(route, p)
  }

  /// How the order was paid.
  func payment(_ p: PaymentMethod) -> String { words.payment(p) }

  /// Who sells and ships an item (R2, R3).
  func soldBy(_ item: Item) -> String { words.soldBy(item) }

  /// "Title × 2" with the title neutralised.
  func itemTitle(_ item: Item) -> String { words.itemTitle(item) }

  /// Whether an item can be cancelled now: the live countdown of a seller's window (R3), or
  /// the reason it cannot (R1, R3).
  func eligibilityLine(_ e: CancelEligibility) -> BodyLine {
    let role: StyleRole =
      e.refusal != nil ? .disabled : e.sellerWindowRemaining != nil ? .warning : .success
    return BodyLine(text: words.cancelAnswer(e), role: role)
  }

  /// What to do instead when an item cannot be cancelled (R7); nil when nothing applies.
  func alternativesLine(_ e: CancelEligibility) -> BodyLine? {
    words.instead(e.alternatives).map { BodyLine(text: $0, role: .dim) }
  }

  /// The refund breakdown (R9) laid out: the heading, items with their VAT under them,
  /// shipping, the total and where it goes; the details are optional on a small screen, the
  /// total and its destination are not.
  func refundLines(_ r: Refund) -> [BodyLine] {
    words.refundLines(r).map { line in
      switch line.kind {
      case .title: BodyLine(text: line.text, role: .header, optional: r.refundsMoney)
      case .items, .shipping: BodyLine(text: line.text, indent: 2, optional: true)
      case .vat: BodyLine(text: line.text, role: .dim, indent: 4, optional: true)
      case .total, .notCollected: BodyLine(text: line.text, role: .accent, indent: 2)
      case .destination, .notPaid: BodyLine(text: line.text, indent: 2)
      }
    }
  }

  /// Why a cancel was refused, per item, and what to do instead (R4, R7).
  func refusalLines(_ error: CancelError, order: Order?) -> [BodyLine] {
    var lines = [BodyLine(text: t("refused.title"), role: .error)]
    switch error {
    case .emptySelection:
      lines.append(BodyLine(text: t("refused.empty"), indent: 2))
    case .unknownItem, .unknownShipment:
      lines.append(BodyLine(text: t("refused.unknown"), indent: 2))
    case .refused(let list):
      lines.append(BodyLine(text: t("refused.allOrNothing"), role: .dim, indent: 2))
      for e in list {
        let title = order?.item(e.itemID).map { itemTitle($0) } ?? Bidi.isolate("#\(e.itemID)")
        lines.append(BodyLine(text: "• " + title, indent: 2))
        var reason = eligibilityLine(e)
        reason.indent = 4
        lines.append(reason)
        if var alt = alternativesLine(e) {
          alt.indent = 4
          lines.append(alt)
        }
      }
    }
    return lines
  }
}

import Foundation
import Synchronization
import TalabatiDomain
import TalabatiText

/// Your Orders (طلباتك): tabs for the views (R10, R18), a column header and the window of
/// loaded rows, newest first. In Arabic the first column is on the right.
enum OrderListScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("list.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard rows.count >= 3 else { return }
    drawTabs(model, &c, row: rows.lowerBound)
    let body = (rows.lowerBound + 2)..<rows.upperBound
    let list = model.list
    let top = max(0, min(list.top, list.selected, list.rowCount - 1))
    let first = list.selected >= top + body.count ? list.selected - body.count + 1 : top
    // A number is never cut (issue 13): the total column widens to the widest amount shown,
    // and the item column gives way.
    var widest = 0
    var index = 0
    scan: for page in list.pages {
      for summary in page.rows {
        defer { index += 1 }
        guard index >= first else { continue }
        guard index < first + body.count else { break scan }
        widest = max(widest, moneyWidth(c.money(summary.total)))
      }
    }
    let columns = layout(width: c.width, totalWidth: widest, direction: c.direction)
    let header = columns.map { (width: $0.width, text: c.t($0.label), align: $0.align) }
    c.columns(header, row: rows.lowerBound + 1, role: .header)
    c.paint(row: rows.lowerBound + 1, role: .header)

    guard list.rowCount > 0 else {
      c.text(emptyMessage(model, c), row: body.lowerBound + 1, start: 2, role: .dim)
      return
    }
    var n = 0
    index = 0
    outer: for page in list.pages {
      for summary in page.rows {
        defer { index += 1 }
        guard index >= first else { continue }
        guard n < body.count else { break outer }
        let row = body.lowerBound + n
        let selected = index == list.selected
        let role: StyleRole =
          selected
          ? .selection
          : (summary.status.headline == .cancelled
            ? .dim : .normal)
        let cells = columns.map {
          (
            width: $0.width, text: cell($0.kind, summary, c, full: c.width >= 100),
            align: $0.align
          )
        }
        c.columns(cells, row: row, role: role)
        // The gaps between columns take the row's role too: a dim (cancelled) row with normal
        // gaps made the terminal switch attributes at every column, ~90 bytes more per row.
        if role != .normal { c.paint(row: row, role: role) }
        n += 1
      }
    }
  }

  private static func drawTabs(_ model: AppModel, _ c: inout Canvas, row: Int) {
    var start = 1
    for tab in listTabs {
      let label = c.t("view.\(tab.rawValue)")
      let w = TextWidth.columns(label) + 2
      let active = tab == model.list.view
      c.text(
        label, row: row, start: start, width: w, align: .center,
        role: active ? .tabActive : .tabInactive)
      start += w + 1
    }
  }

  private static func emptyMessage(_ model: AppModel, _ c: Canvas) -> String {
    if !model.list.loaded { return c.t("list.loading") }
    if let q = model.list.query { return c.t("list.noMatch", ["query": c.untrusted(q)]) }
    return c.t("list.empty.\(model.list.view.rawValue)")
  }

  /// Columns of an amount as drawn, remembered: a frame measures every visible row's total
  /// and the same few amounts recur from frame to frame.
  static func moneyWidth(_ text: String) -> Int {
    if let hit = moneyWidths.withLock({ $0[text] }) { return hit }
    let w = TextWidth.columns(text)
    moneyWidths.withLock { t in
      if t.count >= 4096 { t.removeAll(keepingCapacity: true) }
      t[text] = w
    }
    return w
  }
  private static let moneyWidths = Mutex<[String: Int]>([:])

  enum Kind { case number, date, total, items, status, title }
  struct Column {
    var kind: Kind
    var width: Int
    var label: String
    var align: Alignment
  }

  /// The columns that fit `width`: all of them from 80 columns, fewer below (compact). The
  /// total column is at least `totalWidth` wide (the widest amount shown: an amount is never
  /// cut) and its amounts sit on the right in both languages, so their digits line up.
  static func layout(width: Int, totalWidth: Int = 14, direction: Direction = .ltr) -> [Column] {
    var cols: [Column] = [Column(kind: .number, width: 19, label: "col.number", align: .start)]
    let total = Column(
      kind: .total, width: max(14, totalWidth), label: "col.total",
      align: direction == .rtl ? .start : .end)
    // 14 columns hold "Part cancelled" (R10: a partly cancelled order says so at any width).
    if width >= 80 {
      cols += [
        Column(kind: .date, width: 10, label: "col.date", align: .start),
        total,
        Column(kind: .items, width: 5, label: "col.items", align: .center),
        Column(kind: .status, width: width >= 100 ? 26 : 14, label: "col.status", align: .start),
      ]
    } else if width >= 60 {
      cols += [total, Column(kind: .status, width: 14, label: "col.status", align: .start)]
    } else {
      cols.append(Column(kind: .status, width: 14, label: "col.status", align: .start))
    }
    let used = cols.reduce(0) { $0 + $1.width + 1 }
    cols.append(
      Column(
        kind: .title, width: max(0, width - used - 1), label: "col.title",
        align: .start))
    return cols
  }

  private static func cell(_ kind: Kind, _ s: OrderSummary, _ c: Canvas, full: Bool) -> String {
    switch kind {
    case .number: c.id(s.id)
    case .date: c.date(s.placedAt, style: .numeric)
    case .total: c.money(s.total)
    case .items: c.labels.number(s.itemCount)
    case .status: c.labels.statusSummary(s.status, full: full)
    case .title:
      // A search result shows the item the search matched (issue 13).
      (s.isReplacement ? c.t("list.replacement") + " " : "")
        + c.untrusted(s.matchedTitle ?? s.firstTitle)
        + (s.imported ? " " + c.t("list.imported") : "")
    }
  }
}

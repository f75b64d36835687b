/// The one rule by which every cursor and scroll moves (issue 11): the order list, the
/// details, the cancel checklist and reason picker, the help, support, account, returns and
/// tracking all move through `moved`, so none can step outside what it shows.

/// Where `position` lands after the movement `action` over `count` entries: one step, a page
/// of `page` entries, or an end, kept within `0..<count` (0 when there are none). Nil for an
/// action that does not move. A scroll whose end the screen finds when it draws (the help,
/// tracking, a return's result) passes `count: .max`: it stops at 0 and the drawing keeps its
/// last row at the bottom.
func moved(_ position: Int, by action: Action, count: Int, page: Int = 1) -> Int? {
  let target: Int
  switch action {
  case .moveDown: target = position + 1
  case .moveUp: target = position - 1
  case .pageDown: target = position + page
  case .pageUp: target = position - page
  case .jumpTop: target = 0
  case .jumpBottom: target = count - 1
  default: return nil
  }
  return clamped(target, count: count)
}

/// `position` kept within `0..<count` (0 when there is nothing).
func clamped(_ position: Int, count: Int) -> Int { max(0, min(position, count - 1)) }

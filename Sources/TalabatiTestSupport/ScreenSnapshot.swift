import SnapshotTesting
import TalabatiUI

extension Snapshotting where Value == Screen, Format == String {
  /// A screen compared as its rows of text (`Screen.text`) followed by where each theme role
  /// is (`roleBlock`), one file per snapshot: a screen that loses its selection bar, its
  /// status line or the colour of a refusal fails, though its characters are the same.
  public static var screenText: Snapshotting {
    SimplySnapshotting.lines.pullback { snapshotText($0) }
  }
}

/// What a snapshot file holds: the text grid, a blank line, then the role block.
public func snapshotText(_ screen: Screen) -> String {
  screen.text + "\n\n" + roleBlock(screen)
}

/// The theme role of every cell, compact: one line per row that has a cell not `normal`,
/// `row: first-last role` for each run of equal roles in visual columns (0-based, inclusive),
/// the runs of `normal` left out; then where the terminal cursor rests, if it shows.
///
///     ── roles (row: columns role; cells not listed are normal) ──
///     0: 0-79 title
///     3: 0-79 selection
///     23: 0-79 status-line
///
/// Roles, not colours: the theme maps each role to colours and attributes (bold, reverse), so
/// the block holds what the view decides and stays the same under every theme.
public func roleBlock(_ screen: Screen) -> String {
  var lines = ["── roles (row: columns role; cells not listed are normal) ──"]
  for row in 0..<screen.height {
    var runs: [String] = []
    var col = 0
    while col < screen.width {
      let role = screen[row, col].role
      var last = col
      while last + 1 < screen.width, screen[row, last + 1].role == role { last += 1 }
      if role != .normal {
        runs.append((col == last ? "\(col)" : "\(col)-\(last)") + " " + role.rawValue)
      }
      col = last + 1
    }
    if !runs.isEmpty { lines.append("\(row): " + runs.joined(separator: ", ")) }
  }
  if let cursor = screen.cursor { lines.append("cursor: row \(cursor.row), column \(cursor.col)") }
  return lines.joined(separator: "\n")
}

/// Compares `screen` with the snapshot `name` in `__Snapshots__` beside the calling test
/// file: its text and its roles (recorded on the first run, which then fails so the
/// recording gets looked at).
public func assertScreen(
  _ screen: Screen, named name: String,
  fileID: StaticString = #fileID, filePath: StaticString = #filePath,
  testName: String = #function, line: UInt = #line, column: UInt = #column
) {
  assertSnapshot(
    of: screen, as: .screenText, named: name, fileID: fileID, file: filePath,
    testName: testName, line: line, column: column)
}

/// Compares `screen` with the recorded snapshot `name` without ever recording, whatever
/// `SNAPSHOT_TESTING_RECORD` says: the failure message, or nil when it matches. For tests
/// that show a change to a screen fails its snapshot.
public func screenSnapshotFailure(
  _ screen: Screen, named name: String,
  fileID: StaticString = #fileID, filePath: StaticString = #filePath,
  testName: String = #function, line: UInt = #line, column: UInt = #column
) -> String? {
  withSnapshotTesting(record: .never) {
    verifySnapshot(
      of: screen, as: .screenText, named: name, fileID: fileID, file: filePath,
      testName: testName, line: line, column: column)
  }
}

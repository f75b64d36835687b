import SnapshotTesting
import TalabatiUI

extension Snapshotting where Value == Screen, Format == String {
  /// A screen compared as its rows of text (`Screen.text`), one file per snapshot.
  public static var screenText: Snapshotting {
    SimplySnapshotting.lines.pullback { $0.text }
  }
}

/// Compares `screen` with the text snapshot `name` in `__Snapshots__` beside the calling test
/// file (recorded on the first run, which then fails so the recording gets looked at).
public func assertScreen(
  _ screen: Screen, named name: String,
  fileID: StaticString = #fileID, filePath: StaticString = #filePath,
  testName: String = #function, line: UInt = #line, column: UInt = #column
) {
  assertSnapshot(
    of: screen, as: .screenText, named: name, fileID: fileID, file: filePath,
    testName: testName, line: line, column: column)
}

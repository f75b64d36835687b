import Foundation
import Testing

/// TalabatiThemeGen, the tool the BuiltinThemes plugin runs at build time over `themes/*.toml`
/// (issue 11, item 5): what a maintainer who adds or breaks a theme file sees.
@Suite("Built-in theme generator")
struct BuiltinThemeGenTests {
  /// The tool beside the test bundle (`swift build --build-tests` builds every executable).
  static let tool: String? = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<3 {
      let candidate = dir.appendingPathComponent("TalabatiThemeGen").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }()

  /// Runs the tool; returns its exit status and standard error.
  static func generate(_ output: URL, _ inputs: [URL]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(tool, "TalabatiThemeGen not built"))
    process.arguments = [output.path] + inputs.map(\.path)
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  static func tempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("talabati-themegen-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test("a theme file added to themes/ becomes a built-in theme")
  func addedFileIsGenerated() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sepia = dir.appendingPathComponent("sepia.toml")
    try "name = \"sepia\"\n[roles.title]\nfg = \"#704214\"\nbold = true\n".write(
      to: sepia, atomically: true, encoding: .utf8)
    let output = dir.appendingPathComponent("BuiltinThemes.swift")
    let run = try Self.generate(output, [sepia])
    #expect(run.status == 0, "\(run.stderr)")
    let source = try String(contentsOf: output, encoding: .utf8)
    #expect(source.contains("\"sepia\": theme0,"))
    #expect(source.contains(".title: Style(foreground: .rgb(112, 66, 20), bold: true),"))
  }

  @Test("a malformed theme fails the build with its file and line, and writes nothing")
  func brokenFileFailsTheBuild() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let broken = dir.appendingPathComponent("broken.toml")
    try "name = \"broken\"\n\n[roles.title]\nfg = \"purple\"\n".write(
      to: broken, atomically: true, encoding: .utf8)
    let output = dir.appendingPathComponent("BuiltinThemes.swift")
    let run = try Self.generate(output, [broken])
    #expect(run.status == 1)
    // `file:line: error: message`: the form SwiftPM and editors show as a located error.
    #expect(run.stderr.hasPrefix("\(broken.path):4: error: title.fg: unknown colour \"purple\""))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}

import Foundation
import Testing

/// Holds what a background reader collected (read only after the reader is done).
final class DataBox: @unchecked Sendable {
  var data = Data()
}

/// Runs the built `talabati` binary as a user would, on temporary stores.
struct CLI {
  struct Result {
    var code: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data

    /// The JSON standard output, parsed.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: stdoutData) }
  }

  /// The binary beside the test bundle (`swift build --build-tests` builds both).
  static let binary: String = {
    if let p = ProcessInfo.processInfo.environment["TALABATI_BIN"] { return p }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    // The bundle is `…/debug/talabatiPackageTests.xctest` (a file on Linux).
    for _ in 0..<3 {
      let candidate = dir.appendingPathComponent("talabati").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return ".build/debug/talabati"
  }()

  /// A fresh temporary directory for one test's stores.
  static func tempDir() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "talabati-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The frozen instant every CLI test runs at.
  static let now = "2026-11-27T09:00:00Z"

  static func run(
    _ args: [String], env: [String: String] = [:], stdin: Data? = nil,
    clearEnvironment: Bool = false, executable: String? = nil
  ) throws -> Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable ?? binary)
    p.arguments = args
    var environment = clearEnvironment ? [:] : ProcessInfo.processInfo.environment
    for key in ["TALABATI_STORE", "TALABATI_NOW", "TALABATI_LANG", "TALABATI_BIDI"] {
      environment.removeValue(forKey: key)
    }
    environment["SWIFT_BACKTRACE"] = "enable=no"
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let input = Pipe()
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a large output cannot block the child.
    let errBox = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    p.waitUntilExit()
    let r = Result(
      code: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    // No command may ever crash with a stack trace, whatever the input.
    #expect(!r.stderr.contains("Fatal error"), "stack trace in stderr: \(r.stderr)")
    #expect(!r.stderr.contains("Stack dump"), "stack trace in stderr: \(r.stderr)")
    #expect(p.terminationReason == .exit, "talabati was killed by a signal")
    return r
  }

  /// Builds a demo store of `orders` orders at the frozen instant and returns its path.
  static func demoStore(orders: Int = 60, in dir: URL? = nil) throws -> String {
    let d = dir ?? tempDir()
    let path = d.appendingPathComponent("demo.sqlite").path
    let r = try run(["demo", "--store", path, "--orders", "\(orders)", "--seed", "7", "--now", now])
    #expect(r.code == 0, "demo failed: \(r.stderr)")
    return path
  }

  /// `talabati <args> --store S --now N --json`, parsed.
  static func json(_ args: [String], store: String) throws -> (
    code: Int32, value: Any?, result: Result
  ) {
    let r = try run(args + ["--store", store, "--now", now, "--json"])
    return (r.code, try? r.json(), r)
  }
}

import Foundation
import NIOSSH
import Testing

@testable import TalabatiServe

#if canImport(Glibc)
  import Glibc
#endif

/// The parts of `talabati serve` that need no network (issue 10); the end-to-end tests with
/// OpenSSH are in TalabatiCLITests/ServeTests.swift.
@Suite struct ServeUnitTests {
  // Keys made with `ssh-keygen -t ed25519` / `-t ecdsa`; fingerprints from `ssh-keygen -lf`.
  static let ed25519 =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIsfJEOo3QpOn8uU+j2AGMqBXDXAIGm5vayRaFMIJGoL root@vm"
  static let ed25519Fingerprint = "SHA256:4XkGHwPdenDgQ8YgpchMR0TkMAjVu+Qjg39d5Rhe94s"
  static let ecdsa =
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBL8dsc92SZ5TIWoDBuvYuT4RQE2VKELO0H339HGe3deP4dcgae1CXIoobKmTu/4QhOpTTJvbUuBzhckEPR5EGBs= root@vm"
  static let ecdsaFingerprint = "SHA256:mT32Gz0hMpBik+6kUT/be5m1nVAwq0H0maHmP+GGRKY"

  static func tempDir() -> String {
    let d = NSTemporaryDirectory() + "talabati-serve-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }

  // MARK: Identity

  @Test func fingerprintsAreWhatSshKeygenPrints() throws {
    let key = try NIOSSHPublicKey(openSSHPublicKey: Self.ed25519)
    let id = KeyIdentity(key)
    #expect(id.fingerprint == Self.ed25519Fingerprint)
    #expect(id.keyType == "ssh-ed25519")
    let ec = KeyIdentity(try NIOSSHPublicKey(openSSHPublicKey: Self.ecdsa))
    #expect(ec.fingerprint == Self.ecdsaFingerprint)
    #expect(ec.fileStem.count == 64 && ec.fileStem.allSatisfy(\.isHexDigit))
    #expect(ec.seed != id.seed, "two keys, two demo seeds")
  }

  // MARK: Host key

  @Test func hostKeyIsMadeOnceMode0600AndReadBack() throws {
    let dir = Self.tempDir()
    let first = try SSHServer.prepareDataDirectory(dir + "/data")
    var st = stat()
    #expect(stat(dir + "/data/host_ed25519", &st) == 0)
    #expect(st.st_mode & 0o777 == 0o600)
    #expect(stat(dir + "/data", &st) == 0 && st.st_mode & 0o777 == 0o700)
    let again = try SSHServer.prepareDataDirectory(dir + "/data")
    #expect(again.raw == first.raw, "the same key on the next start")
    #expect(first.publicKeyText.hasPrefix("ssh-ed25519 AAAA"))
    #expect(
      first.knownHostsLine(host: "shop.example", port: 2222).hasPrefix("[shop.example]:2222 "))
    #expect(
      first.knownHostsLine(host: "shop.example", port: 22).hasPrefix("shop.example ssh-ed25519"))
    #expect(first.fingerprint.hasPrefix("SHA256:") && first.fingerprint.count == 50)
  }

  @Test func hostKeyReadableByOthersOrNotAKeyIsRefused() throws {
    let dir = Self.tempDir()
    let path = dir + "/host_ed25519"
    _ = try HostKey.loadOrCreate(at: path)
    chmod(path, 0o644)
    #expect(throws: ServeError.self) { try HostKey.loadOrCreate(at: path) }
    do {
      _ = try HostKey.loadOrCreate(at: path)
    } catch let e as ServeError {
      #expect(e.description.contains("readable by others (mode 644)"))
    }
    chmod(path, 0o600)
    try Data("-----BEGIN OPENSSH PRIVATE KEY-----\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: ServeError.self) { try HostKey.loadOrCreate(at: path) }
  }

  // MARK: Authorized keys

  @Test func authorizedKeysReadStoreOptionsAndSkipRSA() throws {
    let text = """
      # the shop's presenters
      store="/srv/shop one.sqlite",no-pty \(Self.ed25519)

      \(Self.ecdsa)
      ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 old@laptop
      """
    let keys = try AuthorizedKeys(text: text, name: "keys")
    #expect(keys.keys.count == 2)
    #expect(keys.keys[Self.ed25519Fingerprint]?.store == "/srv/shop one.sqlite")
    #expect(keys.keys[Self.ecdsaFingerprint]?.store == nil)
    #expect(keys.warnings.contains { $0.contains("keys:5: ssh-rsa keys are not supported") })
    #expect(keys.warnings.contains { $0.contains("no-pty") })
    #expect(throws: ServeError.self) { try AuthorizedKeys(text: "ssh-ed25519 notbase64!!") }
    #expect(throws: ServeError.self) { try AuthorizedKeys(text: "just-a-word") }
  }

  // MARK: Exec requests

  @Test func execRequestsAreWordsNeverAShell() {
    #expect(ExecPolicy.splitWords("orders --json") == ["orders", "--json"])
    #expect(ExecPolicy.splitWords("show '402-1 2' \"a\\\"b\"") == ["show", "402-1 2", "a\"b"])
    #expect(ExecPolicy.splitWords("orders ; rm -rf /") == ["orders", ";", "rm", "-rf", "/"])
    #expect(ExecPolicy.splitWords("show 'open") == nil)
    #expect(ExecPolicy.splitWords("  ") == [])
    #expect(ExecPolicy.decide("orders --json") == .run(["orders", "--json"]))
    #expect(ExecPolicy.decide("show 402-1234567-1234567") == .run(["show", "402-1234567-1234567"]))
    for refused in [
      "cancel 402 --all --reason other", "orders --store /etc/passwd", "orders --store=/x",
      "serve", "demo", "", "sh -c id", "export -o /tmp/x", "'orders",
    ] {
      guard case .refuse = ExecPolicy.decide(refused) else {
        Issue.record("'\(refused)' was allowed")
        continue
      }
    }
  }

  @Test func onlyTerminalVariablesReachTheChild() {
    #expect(SessionHandler.allowedEnvironment("LANG", "ar_SA.UTF-8"))
    #expect(SessionHandler.allowedEnvironment("LC_ALL", "C.UTF-8"))
    #expect(SessionHandler.allowedEnvironment("COLORTERM", "truecolor"))
    #expect(SessionHandler.allowedEnvironment("NO_COLOR", "1"))
    #expect(!SessionHandler.allowedEnvironment("LD_PRELOAD", "/tmp/x.so"))
    #expect(!SessionHandler.allowedEnvironment("TALABATI_STORE", "/etc/passwd"))
    #expect(!SessionHandler.allowedEnvironment("PATH", "/tmp"))
    #expect(!SessionHandler.allowedEnvironment("LC_x", "C"))
    #expect(!SessionHandler.allowedEnvironment("LANG", String(repeating: "a", count: 300)))
    #expect(SessionHandler.cleanTerm("xterm-256color") == "xterm-256color")
    #expect(SessionHandler.cleanTerm("../../etc/x\u{1b}") == "....etcx")
    #expect(SessionHandler.cleanTerm("") == "xterm-256color")
  }

  // MARK: Limits

  @Test func connectionsFromOneAddressAreRateLimited() {
    let state = ServerState()
    var admitted = 0
    for _ in 0..<10 where state.admitConnection(from: "10.0.0.1", now: 100, perMinute: 6, burst: 3)
    {
      admitted += 1
    }
    #expect(admitted == 3, "the burst, then nothing at the same instant")
    #expect(state.admitConnection(from: "10.0.0.2", now: 100, perMinute: 6, burst: 3))
    #expect(state.admitConnection(from: "10.0.0.1", now: 110, perMinute: 6, burst: 3))
    #expect(!state.admitConnection(from: "10.0.0.1", now: 110, perMinute: 6, burst: 3))
  }

  @Test func sessionsAreCappedInTotalAndPerKey() {
    final class Box {}
    let state = ServerState()
    var limits = ServeLimits()
    limits.maxSessions = 3
    limits.maxSessionsPerKey = 2
    let boxes = (0..<4).map { _ in Box() }
    func reg(_ i: Int) -> SessionRegistration {
      SessionRegistration(id: ObjectIdentifier(boxes[i]), end: { _ in })
    }
    #expect(state.openSession(reg(0), fingerprint: "a", limits: limits) == nil)
    #expect(state.openSession(reg(1), fingerprint: "a", limits: limits) == nil)
    #expect(
      state.openSession(reg(2), fingerprint: "a", limits: limits)?.contains("at most 2") == true)
    #expect(state.openSession(reg(2), fingerprint: "b", limits: limits) == nil)
    #expect(state.openSession(reg(3), fingerprint: "c", limits: limits)?.contains("full") == true)
    state.closeSession(ObjectIdentifier(boxes[0]), fingerprint: "a")
    #expect(state.openSession(reg(3), fingerprint: "a", limits: limits) == nil)
  }

  @Test func listenAddressesParse() {
    #expect(ServeConfiguration.parseListen("127.0.0.1:2222")! == ("127.0.0.1", 2222))
    #expect(ServeConfiguration.parseListen("0.0.0.0:0")! == ("0.0.0.0", 0))
    #expect(ServeConfiguration.parseListen("[::1]:22")! == ("::1", 22))
    #expect(ServeConfiguration.parseListen("2022")! == ("127.0.0.1", 2022))
    #expect(ServeConfiguration.parseListen("host:99999") == nil)
    #expect(ServeConfiguration.parseListen("host:") == nil)
  }

  // MARK: Key index

  @Test func theKeyIndexRecordsFirstAndLastSeen() throws {
    let index = try KeyIndex(path: Self.tempDir() + "/keys.sqlite")
    let id = KeyIdentity(openSSH: Self.ed25519)!
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    #expect(try index.recordSeen(id, at: t0))
    #expect(try !index.recordSeen(id, at: t0.addingTimeInterval(60)))
    let rows = try index.entries()
    #expect(rows.count == 1)
    #expect(rows[0].fingerprint == Self.ed25519Fingerprint)
    #expect(rows[0].keyType == "ssh-ed25519")
    #expect(rows[0].firstSeen == t0)
    #expect(rows[0].lastSeen == t0.addingTimeInterval(60))
    #expect(rows[0].sessions == 2)
  }
}

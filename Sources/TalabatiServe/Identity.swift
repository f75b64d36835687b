import Crypto
import Foundation
import NIOSSH

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Fingerprints

/// What identifies a visitor: the SHA256 fingerprint of their public key, written the way
/// `ssh-keygen -lf` prints it (`SHA256:` and unpadded base64 of SHA-256 over the key blob).
public struct KeyIdentity: Sendable, Hashable {
  /// `SHA256:…`, the account name.
  public var fingerprint: String
  /// `ssh-ed25519`, `ecdsa-sha2-nistp256`, …
  public var keyType: String
  /// The digest as hex: a file name that is safe everywhere (no `/` or `+`).
  public var fileStem: String
  /// A number derived from the key: the seed of its demo store, so two keys see different orders.
  public var seed: Int

  public init(_ key: NIOSSHPublicKey) {
    self.init(openSSH: String(openSSHPublicKey: key))!
  }

  /// From the `type base64` text of a public key; nil when the base64 is broken.
  public init?(openSSH text: String) {
    let fields = text.split(separator: " ", omittingEmptySubsequences: true)
    guard fields.count >= 2, let blob = Data(base64Encoded: String(fields[1])) else { return nil }
    let digest = Array(SHA256.hash(data: blob))
    var b64 = Data(digest).base64EncodedString()
    while b64.hasSuffix("=") { b64.removeLast() }
    fingerprint = "SHA256:" + b64
    keyType = String(fields[0])
    fileStem = digest.map { String(format: "%02x", $0) }.joined()
    seed = Int(digest[0]) << 16 | Int(digest[1]) << 8 | Int(digest[2])
  }
}

// MARK: - Host key

/// Why `talabati serve` refuses to start: one clear line each (exit code 2 for usage, 5 for
/// files it cannot use).
public struct ServeError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public var exitCode: Int32
  public init(_ description: String, exitCode: Int32 = 5) {
    self.description = description
    self.exitCode = exitCode
  }
}

/// The server's ed25519 host key, kept as its 32-byte raw representation in a file of our own
/// (swift-nio-ssh cannot read OpenSSH private-key files; SSH-NOTES.md).
public struct HostKey: Sendable {
  static let header = "talabati-ed25519-host-key-v1"

  public let raw: Data
  public var privateKey: NIOSSHPrivateKey {
    NIOSSHPrivateKey(ed25519Key: try! Curve25519.Signing.PrivateKey(rawRepresentation: raw))
  }
  /// `ssh-ed25519 AAAA…`
  public var publicKeyText: String { String(openSSHPublicKey: privateKey.publicKey) }
  public var fingerprint: String { KeyIdentity(openSSH: publicKeyText)!.fingerprint }

  /// The `known_hosts` line a visitor can add: `[host]:port ssh-ed25519 AAAA…`
  public func knownHostsLine(host: String, port: Int) -> String {
    let name = port == 22 ? host : "[\(host)]:\(port)"
    return "\(name) \(publicKeyText)"
  }

  /// Loads the key at `path`, creating it on first start (exclusively, mode 0600). Refuses a
  /// key readable by group or others, and a file that is not a key.
  public static func loadOrCreate(at path: String) throws -> HostKey {
    var st = stat()
    if stat(path, &st) != 0 {
      guard errno == ENOENT else {
        throw ServeError("cannot read the host key \(path): \(String(cString: strerror(errno)))")
      }
      let key = Curve25519.Signing.PrivateKey()
      let text = header + "\n" + key.rawRepresentation.base64EncodedString() + "\n"
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else {
        throw ServeError("cannot create the host key \(path): \(String(cString: strerror(errno)))")
      }
      let bytes = Array(text.utf8)
      let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      let synced = fsync(fd) == 0
      close(fd)
      guard written == bytes.count, synced else {
        unlink(path)
        throw ServeError("cannot write the host key \(path)")
      }
      return HostKey(raw: key.rawRepresentation)
    }
    guard (st.st_mode & S_IFMT) == S_IFREG else {
      throw ServeError("the host key \(path) is not a regular file")
    }
    let mode = st.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw ServeError(
        "the host key \(path) is readable by others (mode \(String(mode, radix: 8))): "
          + "run 'chmod 600 \(path)' and start again")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ServeError("cannot read the host key \(path)")
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    guard lines.count == 2, lines[0] == header,
      let raw = Data(base64Encoded: String(lines[1])), raw.count == 32,
      (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)) != nil
    else {
      throw ServeError(
        "\(path) is not a talabati host key: move it away and a new key is made on the next start")
    }
    return HostKey(raw: raw)
  }
}

// MARK: - Authorized keys

/// One line of an `--authorized-keys` file: the key and the store it opens.
public struct AuthorizedKey: Sendable {
  public var identity: KeyIdentity
  public var store: String?
}

/// An OpenSSH `authorized_keys` file with one option of our own, `store=PATH` (like sshd's
/// `command=`): `store="/srv/shop.sqlite" ssh-ed25519 AAAA… comment`.
public struct AuthorizedKeys: Sendable {
  public var keys: [String: AuthorizedKey]
  /// Lines that were skipped, with why (RSA and other unsupported types): printed at start.
  public var warnings: [String]

  static let supportedTypes: Set<String> = [
    "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
  ]
  static let knownTypes: Set<String> = supportedTypes.union([
    "ssh-rsa", "ssh-dss", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
  ])

  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ServeError("cannot read --authorized-keys \(path)", exitCode: 2)
    }
    try self.init(text: String(decoding: data, as: UTF8.self), name: path)
  }

  public init(text: String, name: String = "authorized keys") throws {
    keys = [:]
    warnings = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let (options, rest) = Self.splitOptions(line)
      let fields = rest.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      guard fields.count >= 2 else {
        throw ServeError("\(name):\(n + 1): not a public key line", exitCode: 2)
      }
      guard Self.supportedTypes.contains(fields[0]) else {
        warnings.append(
          "\(name):\(n + 1): \(fields[0]) keys are not supported (ed25519 and ECDSA are): skipped")
        continue
      }
      guard (try? NIOSSHPublicKey(openSSHPublicKey: fields[0] + " " + fields[1])) != nil,
        let identity = KeyIdentity(openSSH: fields[0] + " " + fields[1])
      else {
        throw ServeError("\(name):\(n + 1): the key does not parse", exitCode: 2)
      }
      var store: String?
      for option in options {
        if option.lowercased().hasPrefix("store=") {
          var value = String(option.dropFirst("store=".count))
          if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
            value = String(value.dropFirst().dropLast())
          }
          guard !value.isEmpty else {
            throw ServeError("\(name):\(n + 1): store= needs a path", exitCode: 2)
          }
          store = value
        } else {
          warnings.append("\(name):\(n + 1): option '\(option)' is not used by talabati serve")
        }
      }
      keys[identity.fingerprint] = AuthorizedKey(identity: identity, store: store)
    }
  }

  /// Splits `opt1,opt2="a,b" type base64 comment` into options and the rest. Options come
  /// first only when the first word is not a key type (as in sshd).
  static func splitOptions(_ line: String) -> ([String], String) {
    let first = line.prefix { $0 != " " && $0 != "\t" }
    if knownTypes.contains(String(first)) { return ([], line) }
    var options: [String] = []
    var current = ""
    var quoted = false
    var index = line.startIndex
    while index < line.endIndex {
      let c = line[index]
      if c == "\"" {
        quoted.toggle()
        current.append(c)
      } else if c == "," && !quoted {
        options.append(current)
        current = ""
      } else if (c == " " || c == "\t") && !quoted {
        break
      } else {
        current.append(c)
      }
      index = line.index(after: index)
    }
    if !current.isEmpty { options.append(current) }
    return (options, String(line[index...]).trimmingCharacters(in: .whitespaces))
  }
}

import CSystemShims
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

#if canImport(Glibc)
  import Glibc
#endif

/// `talabati serve`: an SSH server whose every session is the full-screen client in a child
/// process on a pty of its own (issue 10, SSH-NOTES.md). Public-key authentication only; the
/// key's fingerprint is the account.
public final class SSHServer: @unchecked Sendable {
  public let configuration: ServeConfiguration
  public let hostKey: HostKey
  let stores: any ServeStoreProvider
  let keyIndex: KeyIndex
  let logger: Logger
  let state = ServerState()
  let group: MultiThreadedEventLoopGroup
  let threadPool: NIOThreadPool
  private var serverChannel: Channel?

  /// The text visitors see before authentication (RFC 4252 banner).
  public static func banner(port: Int) -> String {
    """
    talabati: your orders over SSH. Your SSH key is your account: there is no password.
    No key yet? Make one:  ssh-keygen -t ed25519
    and connect with it:   ssh -t -o IdentitiesOnly=yes -i ~/.ssh/id_ed25519 -p \(port) <this host>
    Only ed25519 and ECDSA keys work here: RSA keys are not supported.

    """
  }

  /// Prepares the data directory (mode 0700 when created) and loads or creates the host key.
  public static func prepareDataDirectory(_ path: String) throws -> HostKey {
    var st = stat()
    if stat(path, &st) != 0 {
      do {
        try FileManager.default.createDirectory(
          atPath: path, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
      } catch {
        throw ServeError("cannot create the data directory \(path): \(error.localizedDescription)")
      }
    } else if (st.st_mode & S_IFMT) != S_IFDIR {
      throw ServeError("the data directory \(path) is not a directory")
    }
    try? FileManager.default.createDirectory(
      atPath: path + "/stores", withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    return try HostKey.loadOrCreate(at: path + "/host_ed25519")
  }

  public init(
    configuration: ServeConfiguration, hostKey: HostKey, stores: any ServeStoreProvider,
    logger: Logger
  ) throws {
    self.configuration = configuration
    self.hostKey = hostKey
    self.stores = stores
    self.logger = logger
    do {
      keyIndex = try KeyIndex(path: configuration.keyIndexPath)
    } catch {
      throw ServeError("cannot open the key index \(configuration.keyIndexPath): \(error)")
    }
    group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, System.coreCount))
    threadPool = NIOThreadPool(numberOfThreads: 2)
    threadPool.start()
  }

  /// Binds the listening socket; returns the port (the one the system chose for port 0).
  public func start() throws -> Int {
    let server = self
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { channel in server.initializeConnection(channel) }
    let channel: Channel
    do {
      channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
    } catch {
      throw ServeError(
        "cannot listen on \(configuration.host):\(configuration.port): \(error)", exitCode: 5)
    }
    serverChannel = channel
    return channel.localAddress?.port ?? configuration.port
  }

  /// Stops accepting, asks every session to end, waits for them (up to the drain timeout),
  /// closes what is left and stops the event loops.
  public func drain() {
    state.lock.withLock { state.draining = true }
    try? serverChannel?.close().wait()
    let sessions = state.lock.withLock { Array(state.sessions.values) }
    for s in sessions { s.end("the server is shutting down") }
    let deadline = Date().addingTimeInterval(configuration.limits.drainTimeout)
    while Date() < deadline, state.lock.withLock({ !state.sessions.isEmpty }) {
      usleep(50_000)
    }
    let connections = state.lock.withLock { Array(state.connections.values) }
    for c in connections { try? c.close().wait() }
    try? group.syncShutdownGracefully()
    try? threadPool.syncShutdownGracefully()
  }

  /// Waits until the listening socket is closed (by `drain`).
  public func waitUntilClosed() {
    try? serverChannel?.closeFuture.wait()
  }

  // MARK: Connections

  private func initializeConnection(_ channel: Channel) -> EventLoopFuture<Void> {
    let remote = channel.remoteAddress?.ipAddress ?? "unknown"
    let limits = configuration.limits
    let admitted = state.admitConnection(
      from: remote, now: Date().timeIntervalSince1970, perMinute: limits.connectionsPerMinute,
      burst: limits.connectionBurst)
    guard admitted else {
      logger.notice(
        "connection refused", metadata: ["remote": "\(remote)", "reason": "rate limit"])
      return channel.eventLoop.makeFailedFuture(ServeError("rate limited"))
    }
    let connection = ConnectionContext(remote: remote)
    let id = ObjectIdentifier(channel)
    state.lock.withLock { state.connections[id] = channel }
    let server = self
    channel.closeFuture.whenComplete { _ in
      server.state.lock.withLock { _ = server.state.connections.removeValue(forKey: id) }
    }
    return channel.eventLoop.makeCompletedFuture {
      var config = SSHServerConfiguration(
        hostKeys: [hostKey.privateKey],
        userAuthDelegate: AuthDelegate(server: server, connection: connection),
        banner: .init(message: Self.banner(port: boundPort), languageTag: "en"))
      config.maxAuthAttempts = limits.maxAuthAttempts
      let ssh = NIOSSHHandler(
        role: .server(config), allocator: channel.allocator,
        inboundChildChannelInitializer: { child, type in
          server.initializeChildChannel(child, type: type, connection: connection)
        })
      try channel.pipeline.syncOperations.addHandlers([
        VersionSniffer(connection: connection), ssh, CloseOnErrorHandler(),
      ])
      // No built-in handshake timeout (SSH-NOTES.md): close if not authenticated in time.
      channel.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(limits.authTimeout))) {
        if connection.identity == nil {
          server.logger.info(
            "connection closed", metadata: ["remote": "\(remote)", "reason": "auth timeout"])
          channel.close(promise: nil)
        }
      }
    }
  }

  var boundPort: Int { serverChannel?.localAddress?.port ?? configuration.port }

  private func initializeChildChannel(
    _ channel: Channel, type: SSHChannelType, connection: ConnectionContext
  ) -> EventLoopFuture<Void> {
    // Only sessions: direct-tcpip / forwarded-tcpip would make this an open proxy.
    guard case .session = type, let identity = connection.identity, let plan = connection.plan
    else {
      return channel.eventLoop.makeFailedFuture(ServeError("channel type refused"))
    }
    return channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.addHandler(
        SessionHandler(server: self, connection: connection, identity: identity, plan: plan))
    }.flatMap {
      channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }
  }

  // MARK: Stores

  /// Where `identity`'s sessions run; nil when the key is not allowed in.
  func plan(for identity: KeyIdentity) -> StorePlan? {
    if let authorized = configuration.authorizedKeys {
      guard let entry = authorized.keys[identity.fingerprint] else { return nil }
      let path = entry.store ?? configuration.storesDirectory + "/\(identity.fileStem).sqlite"
      return StorePlan(path: path, demo: false)
    }
    return StorePlan(
      path: configuration.storesDirectory + "/\(identity.fileStem).sqlite", demo: true)
  }

  /// Records the key and, in open mode, seeds its store on first use (one at a time per key).
  /// Blocking: runs on the thread pool.
  func prepare(_ identity: KeyIdentity, plan: StorePlan) throws {
    try keyIndex.recordSeen(identity, at: Date())
    guard plan.demo else { return }
    let lock = state.lock.withLock { state.storeLock(identity.fingerprint) }
    try lock.withLock {
      if !FileManager.default.fileExists(atPath: plan.path) {
        try stores.prepareDemoStore(at: plan.path, seed: identity.seed)
      }
    }
  }
}

// MARK: - Shared state

/// What every event loop shares: session counts, rate-limit buckets, the registry for draining.
final class ServerState: @unchecked Sendable {
  let lock = NIOLock()
  var draining = false
  var sessions: [ObjectIdentifier: SessionRegistration] = [:]
  var perKey: [String: Int] = [:]
  var connections: [ObjectIdentifier: Channel] = [:]
  private var buckets: [String: (tokens: Double, at: Double)] = [:]
  private var storeLocks: [String: NIOLock] = [:]

  /// Token bucket per address (Wish's rate-limiting middleware does the same).
  func admitConnection(from address: String, now: Double, perMinute: Double, burst: Double)
    -> Bool
  {
    lock.withLock {
      if draining { return false }
      if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.at < 300 } }
      var b = buckets[address] ?? (burst, now)
      b.tokens = min(burst, b.tokens + (now - b.at) * perMinute / 60)
      b.at = now
      guard b.tokens >= 1 else {
        buckets[address] = b
        return false
      }
      b.tokens -= 1
      buckets[address] = b
      return true
    }
  }

  /// Takes a session slot, or says why not.
  func openSession(
    _ registration: SessionRegistration, fingerprint: String, limits: ServeLimits
  ) -> String? {
    lock.withLock { () -> String? in
      if draining { return "the server is shutting down" }
      if sessions.count >= limits.maxSessions { return "the server is full: try again later" }
      if perKey[fingerprint, default: 0] >= limits.maxSessionsPerKey {
        return "too many sessions for this key at once (at most \(limits.maxSessionsPerKey))"
      }
      sessions[registration.id] = registration
      perKey[fingerprint, default: 0] += 1
      return nil
    }
  }

  func closeSession(_ id: ObjectIdentifier, fingerprint: String) {
    lock.withLock {
      guard sessions.removeValue(forKey: id) != nil else { return }
      perKey[fingerprint, default: 1] -= 1
      if perKey[fingerprint] == 0 { perKey.removeValue(forKey: fingerprint) }
    }
  }

  func storeLock(_ fingerprint: String) -> NIOLock {
    if let l = storeLocks[fingerprint] { return l }
    let l = NIOLock()
    storeLocks[fingerprint] = l
    return l
  }
}

/// A running session as the drain sees it: a way to end it on its own event loop.
struct SessionRegistration: Sendable {
  var id: ObjectIdentifier
  var end: @Sendable (String) -> Void
}

/// One TCP connection: who authenticated (nio-ssh does not hand the key to child channels,
/// its issue #57, so the delegate keeps it here) and what the client said it was.
/// Confined to the connection's event loop.
final class ConnectionContext: @unchecked Sendable {
  let remote: String
  var clientVersion = "unknown"
  var identity: KeyIdentity?
  var plan: StorePlan?

  init(remote: String) { self.remote = remote }
}

/// Public keys only; the key must be allowed (open mode: any supported key).
final class AuthDelegate: NIOSSHServerUserAuthenticationDelegate {
  let server: SSHServer
  let connection: ConnectionContext

  init(server: SSHServer, connection: ConnectionContext) {
    self.server = server
    self.connection = connection
  }

  var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

  func requestReceived(
    request: NIOSSHUserAuthenticationRequest,
    responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>
  ) {
    guard case .publicKey(let offer) = request.request else {
      responsePromise.succeed(.failure)
      return
    }
    // The library has verified the signature before asking (SSH-NOTES.md).
    let identity = KeyIdentity(offer.publicKey)
    guard let plan = server.plan(for: identity) else {
      server.logger.info(
        "authentication refused",
        metadata: [
          "fingerprint": "\(identity.fingerprint)", "remote": "\(connection.remote)",
          "reason": "key not in --authorized-keys",
        ])
      responsePromise.succeed(.failure)
      return
    }
    let server = self.server
    let connection = self.connection
    let loop = responsePromise.futureResult.eventLoop
    server.threadPool.runIfActive(eventLoop: loop) {
      try server.prepare(identity, plan: plan)
    }.hop(to: loop).assumeIsolated().whenComplete { result in
      switch result {
      case .success:
        connection.identity = identity
        connection.plan = plan
        responsePromise.succeed(.success)
      case .failure(let error):
        server.logger.error(
          "cannot prepare the store",
          metadata: ["fingerprint": "\(identity.fingerprint)", "error": "\(error)"])
        responsePromise.succeed(.failure)
      }
    }
  }
}

/// Reads the client's version line (`SSH-2.0-OpenSSH_9.2p1 …`) for the session log; nio-ssh
/// keeps it to itself. Passes every byte on unchanged.
final class VersionSniffer: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  let connection: ConnectionContext
  private var seen: [UInt8] = []

  init(connection: ConnectionContext) { self.connection = connection }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    var done = false
    if seen.count < 256 {
      seen += buffer.readableBytesView.prefix(256 - seen.count)
      if let nl = seen.firstIndex(of: 10) {
        let line = String(decoding: seen[..<nl], as: UTF8.self)
        connection.clientVersion = String(
          line.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7f }.prefix(120))
        done = true
      }
    } else {
      done = true
    }
    // Pass the bytes on first: a removed handler's context forwards nothing.
    context.fireChannelRead(data)
    if done { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
  }
}

/// Any error on a connection closes it (nio-ssh reports protocol errors here).
final class CloseOnErrorHandler: ChannelInboundHandler {
  typealias InboundIn = Any
  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }
}

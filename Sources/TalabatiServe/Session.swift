import CSystemShims
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH

#if canImport(Glibc)
  import Glibc
#endif

/// One SSH session channel: answers its requests in order, then runs one child process (the
/// talabati binary) on a pty of its own — or, for `exec` without a pty, on pipes — and relays
/// bytes between the child and the channel. Confined to the channel's event loop.
final class SessionHandler: ChannelInboundHandler {
  typealias InboundIn = SSHChannelData
  typealias OutboundOut = SSHChannelData

  let server: SSHServer
  let connection: ConnectionContext
  let identity: KeyIdentity
  let plan: StorePlan

  private var context: ChannelHandlerContext?
  private var pty: SSHChannelRequestEvent.PseudoTerminalRequest?
  private var size: (columns: Int, rows: Int) = (0, 0)
  private var environment: [String: String] = [:]
  private var started = false
  private var kind = "none"

  // The child and its streams.
  private var pid: pid_t = 0
  private var masterFD: CInt = -1
  private var input: Channel?
  /// The pty master or the output pipes: paused while the SSH channel cannot take more, so a
  /// client that stops reading holds its child back instead of filling the server's memory.
  private var outputs: [Channel] = []
  private var pendingInput: [ByteBuffer] = []
  private var openOutputs = 0
  private var exitStatus: Int?
  private var clientGone = false
  private var finished = false
  private var endReason: String?
  private var registered = false

  private let startedAt = Date()
  private var lastInput = Date()

  init(server: SSHServer, connection: ConnectionContext, identity: KeyIdentity, plan: StorePlan) {
    self.server = server
    self.connection = connection
    self.identity = identity
    self.plan = plan
  }

  func handlerAdded(context: ChannelHandlerContext) { self.context = context }

  // MARK: Requests (answered in arrival order, before any output)

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    switch event {
    case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
      if started || pty != nil {
        reply(request.wantReply, false)
      } else {
        pty = request
        size = (request.terminalCharacterWidth, request.terminalRowHeight)
        reply(request.wantReply, true)
      }
    case let request as SSHChannelRequestEvent.EnvironmentRequest:
      // Only what a terminal program needs; never LD_PRELOAD and friends.
      let ok = !started && Self.allowedEnvironment(request.name, request.value)
      if ok { environment[request.name] = request.value }
      reply(request.wantReply, ok)
    case let request as SSHChannelRequestEvent.ShellRequest:
      guard !started else { return reply(request.wantReply, false) }
      started = true
      kind = "shell"
      reply(request.wantReply, true)
      if pty == nil {
        refuse("talabati needs a terminal: ssh -t -p \(server.boundPort) <this host>", status: 1)
      } else {
        begin(arguments: [])
      }
    case let request as SSHChannelRequestEvent.ExecRequest:
      guard !started else { return reply(request.wantReply, false) }
      started = true
      kind = "exec"
      reply(request.wantReply, true)
      switch ExecPolicy.decide(request.command) {
      case .run(let words): begin(arguments: words)
      case .refuse(let message): refuse(message, status: 2)
      }
    case let request as SSHChannelRequestEvent.WindowChangeRequest:
      size = (request.terminalCharacterWidth, request.terminalRowHeight)
      if masterFD >= 0 {
        _ = tl_pty_set_size(
          masterFD, CInt(clamping: size.columns), CInt(clamping: size.rows),
          CInt(clamping: request.terminalPixelWidth), CInt(clamping: request.terminalPixelHeight))
      }
    case let request as SSHChannelRequestEvent.SubsystemRequest:
      reply(request.wantReply, false)  // no sftp or anything else
    case is SSHChannelRequestEvent.SignalRequest, is SSHChannelRequestEvent.LocalFlowControlRequest:
      break
    case ChannelEvent.inputClosed:
      // The client sent EOF (`ssh host orders < /dev/null`): nothing reads our stdin.
      break
    default:
      context.fireUserInboundEventTriggered(event)
    }
  }

  private func reply(_ wantReply: Bool, _ ok: Bool) {
    guard wantReply, let context else { return }
    if ok {
      context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
    } else {
      context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
    }
  }

  static func allowedEnvironment(_ name: String, _ value: String) -> Bool {
    guard value.utf8.count <= 256, !value.utf8.contains(0) else { return false }
    if name == "LANG" || name == "COLORTERM" || name == "NO_COLOR" { return true }
    return name.hasPrefix("LC_") && name.count <= 20
      && name.dropFirst(3).allSatisfy { $0.isASCII && ($0.isUppercase || $0 == "_") }
  }

  // MARK: Starting the child

  private func begin(arguments: [String]) {
    guard let context else { return }
    let registration = SessionRegistration(
      id: ObjectIdentifier(self), end: endHandle(loop: context.eventLoop))
    if let why = server.state.openSession(
      registration, fingerprint: identity.fingerprint, limits: server.configuration.limits)
    {
      return refuse("talabati: \(why)", status: 1)
    }
    registered = true
    do {
      try spawn(arguments: arguments)
    } catch {
      server.logger.error("cannot start the session", metadata: ["error": "\(error)"])
      return refuse("talabati: the session could not start; try again later", status: 1)
    }
    scheduleLimits()
  }

  private func endHandle(loop: EventLoop) -> @Sendable (String) -> Void {
    let bound = NIOLoopBound(self, eventLoop: loop)
    return { reason in loop.execute { bound.value.terminate(reason) } }
  }

  private func childEnvironment() -> [String] {
    var env: [String: String] = [
      "TALABATI_STORE": plan.path,
      "PATH": "/usr/local/bin:/usr/bin:/bin",
      "TERM": pty.map { Self.cleanTerm($0.term) } ?? "dumb",
    ]
    // With a pty the child starts as a shopper's own terminal starts it (no SWIFT_BACKTRACE: it
    // gives the crash signals their default action itself, so a crash restores the terminal at
    // once and shows no trace); without one (exec) that start-up check does not apply, so the
    // runtime's backtracer is turned off here: a visitor never sees a stack trace.
    if pty == nil { env["SWIFT_BACKTRACE"] = "enable=no" }
    for (k, v) in environment { env[k] = v }
    if env["LANG"] == nil && env["LC_ALL"] == nil { env["LANG"] = "C.UTF-8" }
    // LANG=ar* → Arabic; anything else → the account's own choice.
    let locale = env["LC_ALL"] ?? env["LC_MESSAGES"] ?? env["LANG"] ?? ""
    if locale.lowercased().hasPrefix("ar") { env["TALABATI_LANG"] = "ar" }
    if plan.demo && kind == "shell" { env["TALABATI_PRESENTER"] = "1" }
    return env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  }

  static func cleanTerm(_ term: String) -> String {
    let t = term.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.+".contains($0)) }
    return t.isEmpty || t.count > 64 ? "xterm-256color" : t
  }

  private func spawn(arguments: [String]) throws {
    guard let context else { return }
    let argv = [server.configuration.childBinary] + arguments
    let env = childEnvironment()
    var childPID: pid_t = 0

    if let pty {
      var master: CInt = -1
      var slave: CInt = -1
      var rc = tl_pty_open(&master, &slave)
      guard rc == 0 else { throw ServeError("pty: \(String(cString: strerror(rc)))") }
      // The client's modes: IUTF8 (Arabic input), VERASE, ICRNL and the rest it sent.
      let modes = pty.terminalModes.modeMapping
      let opcodes = modes.keys.map(\.rawValue)
      let values = modes.keys.map { modes[$0]!.rawValue }
      _ = tl_pty_apply_modes(slave, opcodes, values, CInt(opcodes.count))
      _ = tl_pty_set_size(
        master, CInt(clamping: size.columns), CInt(clamping: size.rows),
        CInt(clamping: pty.terminalPixelWidth), CInt(clamping: pty.terminalPixelHeight))
      rc = Self.withCStrings(argv) { a in
        Self.withCStrings(env) { e in
          tl_spawn_session(argv[0], a, e, slave, slave, slave, 1, &childPID)
        }
      }
      close(slave)  // the child holds the only copy: its exit hangs the master up
      guard rc == 0 else {
        close(master)
        throw ServeError("spawn: \(String(cString: strerror(rc)))")
      }
      masterFD = master
      openOutputs = 1
      attach(fd: master, input: true, stderr: false, loop: context.eventLoop)
    } else {
      var out: [CInt] = [-1, -1]
      var err: [CInt] = [-1, -1]
      guard pipe(&out) == 0 else { throw ServeError("pipe: \(String(cString: strerror(errno)))") }
      guard pipe(&err) == 0 else {
        close(out[0])
        close(out[1])
        throw ServeError("pipe: \(String(cString: strerror(errno)))")
      }
      let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
      let rc = Self.withCStrings(argv) { a in
        Self.withCStrings(env) { e in
          tl_spawn_session(argv[0], a, e, null, out[1], err[1], 0, &childPID)
        }
      }
      close(null)
      close(out[1])
      close(err[1])
      guard rc == 0 else {
        close(out[0])
        close(err[0])
        throw ServeError("spawn: \(String(cString: strerror(rc)))")
      }
      openOutputs = 2
      attach(fd: out[0], input: false, stderr: false, loop: context.eventLoop)
      attach(fd: err[0], input: false, stderr: true, loop: context.eventLoop)
    }
    pid = childPID
    // Reap on a thread of its own: waitpid for exactly this child, never a group.
    let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
    let loop = context.eventLoop
    let child = childPID
    let thread = Thread {
      let status = tl_wait_exit(child)
      loop.execute { bound.value.childExited(Int(status)) }
    }
    thread.stackSize = 64 * 1024
    thread.start()
  }

  /// Relays the child's output descriptor `fd` (and for a pty, our input into it) through NIO.
  private func attach(fd: CInt, input isInput: Bool, stderr: Bool, loop: EventLoop) {
    let bound = NIOLoopBound(self, eventLoop: loop)
    let bootstrap = NIOPipeBootstrap(group: loop).channelInitializer { channel in
      channel.eventLoop.makeCompletedFuture {
        try channel.pipeline.syncOperations.addHandler(
          ChildOutputHandler(session: bound.value, stderr: stderr))
      }
    }
    let future =
      isInput
      ? bootstrap.takingOwnershipOfDescriptor(inputOutput: fd)
      : bootstrap.takingOwnershipOfDescriptor(input: fd)
    future.assumeIsolated().whenComplete { result in
      let session = bound.value
      switch result {
      case .success(let channel):
        session.outputs.append(channel)
        if let context = session.context, !context.channel.isWritable {
          channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        }
        if isInput {
          session.input = channel
          if session.clientGone {
            channel.close(promise: nil)
          } else {
            for b in session.pendingInput { channel.write(b, promise: nil) }
            session.pendingInput = []
            channel.flush()
          }
        }
      case .failure:
        close(fd)
        session.outputClosed()
      }
    }
  }

  private static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  // MARK: Relay

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let message = unwrapInboundIn(data)
    guard case .byteBuffer(let bytes) = message.data, message.type == .channel else { return }
    lastInput = Date()
    if let input {
      input.writeAndFlush(bytes, promise: nil)
    } else if masterFD >= 0 || !started {
      pendingInput.append(bytes)
    }
  }

  /// Bytes from the child, to the client.
  func childOutput(_ bytes: ByteBuffer, stderr: Bool) {
    guard !clientGone, let context else { return }
    let data = SSHChannelData(type: stderr ? .stdErr : .channel, data: .byteBuffer(bytes))
    context.writeAndFlush(wrapOutboundOut(data), promise: nil)
  }

  func outputClosed() {
    openOutputs -= 1
    if openOutputs == 0 {
      input = nil
      masterFD = -1
    }
    finishIfDone()
  }

  func childExited(_ status: Int) {
    exitStatus = status
    pid = 0
    if openOutputs > 0, let context {
      // The child is gone; its output is drained promptly (EIO on the master once the slave
      // is closed). Should something keep the slave open, stop waiting after a moment.
      context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { [self] in
        if openOutputs > 0 { input?.close(promise: nil) }
      }
    }
    finishIfDone()
  }

  private func finishIfDone() {
    guard !finished, let status = exitStatus, openOutputs <= 0 else { return }
    finished = true
    if registered {
      server.state.closeSession(ObjectIdentifier(self), fingerprint: identity.fingerprint)
    }
    logSession(status: status)
    guard !clientGone, let context else { return }
    if let endReason { writeStderr("\r\ntalabati: \(endReason)\r\n") }
    let channel = context.channel
    context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status))
      .assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
  }

  /// A one-line message and an exit status, without a child (no terminal, a refused command,
  /// limits).
  private func refuse(_ message: String, status: Int) {
    writeStderr(message + (pty == nil ? "\n" : "\r\n"))
    exitStatus = status
    openOutputs = 0
    finishIfDone()
  }

  private func writeStderr(_ text: String) {
    guard let context else { return }
    var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
    buffer.writeString(text)
    context.writeAndFlush(
      wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer))), promise: nil)
  }

  // MARK: Ending

  /// Ends the session from the server's side (idle, too long, shutdown): the child gets
  /// SIGTERM (talabati restores the terminal and exits), then SIGKILL if it lingers.
  func terminate(_ reason: String) {
    guard !finished else { return }
    if endReason == nil { endReason = reason }
    guard pid > 0, let context else { return }
    kill(pid, SIGTERM)
    context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(5)) { [self] in
      if pid > 0 { kill(pid, SIGKILL) }
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    // The client went away (killed, network gone): hang the child up by closing the master,
    // then TERM, then KILL. No zombie: the reaper thread waits for it either way.
    clientGone = true
    input?.close(promise: nil)
    if pid > 0 {
      context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { [self] in
        if pid > 0 { kill(pid, SIGTERM) }
      }
      context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(5)) { [self] in
        if pid > 0 { kill(pid, SIGKILL) }
      }
    } else if !finished && !started {
      finished = true
    }
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    let writable = context.channel.isWritable
    for c in outputs where c.isActive {
      c.setOption(ChannelOptions.autoRead, value: writable).whenFailure { _ in }
    }
    context.fireChannelWritabilityChanged()
  }

  private func scheduleLimits() {
    guard let context else { return }
    let limits = server.configuration.limits
    let loop = context.eventLoop.assumeIsolated()
    loop.scheduleTask(in: .milliseconds(Int64(limits.maxSessionLength * 1000))) { [self] in
      terminate("the session reached its maximum length")
    }
    scheduleIdleCheck(after: limits.idleTimeout)
  }

  private func scheduleIdleCheck(after seconds: Double) {
    guard let context, !finished else { return }
    context.eventLoop.assumeIsolated().scheduleTask(
      in: .milliseconds(Int64(max(0.05, seconds) * 1000))
    ) { [self] in
      let idle = server.configuration.limits.idleTimeout
      let quiet = Date().timeIntervalSince(lastInput)
      if quiet >= idle {
        terminate("no keystroke for \(Int(idle)) s: the session was ended")
      } else {
        scheduleIdleCheck(after: idle - quiet)
      }
    }
  }

  /// One structured line per session: never key material, only the fingerprint.
  private func logSession(status: Int) {
    var metadata: Logger.Metadata = [
      "fingerprint": "\(identity.fingerprint)",
      "remote": "\(connection.remote)",
      "client": "\(connection.clientVersion)",
      "kind": "\(kind)",
      "duration_s": "\(String(format: "%.1f", Date().timeIntervalSince(startedAt)))",
      "exit": "\(status)",
    ]
    if let pty {
      metadata["term"] = "\(Self.cleanTerm(pty.term))"
      metadata["size"] = "\(size.columns)x\(size.rows)"
    }
    if let endReason { metadata["ended"] = "\(endReason)" }
    if clientGone { metadata["ended"] = "client disconnected" }
    server.logger.info("session", metadata: metadata)
  }
}

/// Reads the child's output (the pty master or a pipe) and hands it to the session; the master
/// reports EIO once the child has closed the slave: that is the end of its output.
final class ChildOutputHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  let session: SessionHandler
  let stderr: Bool
  private var closed = false

  init(session: SessionHandler, stderr: Bool) {
    self.session = session
    self.stderr = stderr
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    session.childOutput(unwrapInboundIn(data), stderr: stderr)
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    if !closed {
      closed = true
      session.outputClosed()
    }
  }
}

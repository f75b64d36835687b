#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a `CSVReader` gets its bytes: read sequentially, chunk by chunk.
public protocol CSVByteSource: AnyObject {
  /// Fills the start of `buffer` with the next bytes; returns how many (0 at the end).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes held in memory (tests, small inputs).
public final class CSVMemorySource: CSVByteSource {
  private let bytes: [UInt8]
  private var position = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let n = min(buffer.count, bytes.count - position)
    guard n > 0 else { return 0 }
    bytes.withUnsafeBytes { src in
      buffer.baseAddress?.copyMemory(from: src.baseAddress! + position, byteCount: n)
    }
    position += n
    return n
  }
}

/// A file read with `read(2)`; the descriptor is closed when the source goes away.
public final class CSVFileSource: CSVByteSource {
  private let fd: Int32
  private let path: String

  /// Opens `path` for reading; throws `CSVInputError` with the system's reason.
  public init(path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw CSVInputError("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw CSVInputError("\(path) is a directory")
    }
    self.fd = fd
    self.path = path
  }

  deinit { close(fd) }

  /// The file's size in bytes (for progress), or nil if unknown.
  public var size: Int64? {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    return Int64(info.st_size)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      #if canImport(Glibc)
        let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      #else
        let n = Darwin.read(fd, buffer.baseAddress, buffer.count)
      #endif
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw CSVInputError("cannot read \(path): \(String(cString: strerror(errno)))")
    }
  }
}

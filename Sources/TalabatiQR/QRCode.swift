import CQREncode

#if canImport(Glibc)
  import Glibc
#endif

/// A QR code's modules: `size` × `size` booleans, true = dark (R13: the return label's code).
public struct QRMatrix: Hashable, Sendable {
  /// Modules per side (21 for version 1, +4 per version).
  public let size: Int
  /// QR version (1–40) libqrencode chose for the text.
  public let version: Int
  /// Row-major, `size * size` entries.
  public let modules: [Bool]

  public init(size: Int, version: Int, modules: [Bool]) {
    precondition(size >= 0 && modules.count == size * size, "module count must be size²")
    self.size = size
    self.version = version
    self.modules = modules
  }

  /// The module at (`row`, `col`); outside the symbol is light (the quiet zone).
  public subscript(row: Int, col: Int) -> Bool {
    guard row >= 0, col >= 0, row < size, col < size else { return false }
    return modules[row * size + col]
  }

  /// The code drawn with Unicode half blocks (`▀▄█` and space): two module rows per text
  /// line, one column per module, `quietZone` light modules on every side (4 is the minimum a
  /// scanner expects).
  ///
  /// By default a block is a dark module (dark ink on a light terminal). On a light-on-dark
  /// terminal the glyphs show light, so pass `inverted: true`: blocks then draw the light
  /// modules and the quiet zone, and scanners see dark modules on light as they must.
  public func halfBlockLines(quietZone: Int = 4, inverted: Bool = false) -> [String] {
    let q = max(0, quietZone)
    let total = size + 2 * q
    var lines: [String] = []
    lines.reserveCapacity((total + 1) / 2)
    var row = 0
    while row < total {
      var line = ""
      line.reserveCapacity(total)
      for col in 0..<total {
        let top = self[row - q, col - q] != inverted
        let bottom = (row + 1 < total ? self[row + 1 - q, col - q] : false) != inverted
        switch (top, bottom) {
        case (true, true): line.append("█")
        case (true, false): line.append("▀")
        case (false, true): line.append("▄")
        case (false, false): line.append(" ")
        }
      }
      lines.append(line)
      row += 2
    }
    return lines
  }

  /// A printable SVG of the code: one `path` of unit squares on a white background, scaled by
  /// `moduleSize` user units, with the standard 4-module quiet zone.
  public func svg(moduleSize: Int = 8, quietZone: Int = 4) -> String {
    let m = max(1, moduleSize)
    let q = max(0, quietZone)
    let side = (size + 2 * q) * m
    var path = ""
    for r in 0..<size {
      var c = 0
      while c < size {
        guard self[r, c] else {
          c += 1
          continue
        }
        // One rectangle per horizontal run of dark modules keeps the file small.
        var end = c
        while end + 1 < size && self[r, end + 1] { end += 1 }
        path += "M\(c + q) \(r + q)h\(end - c + 1)v1h-\(end - c + 1)z"
        c = end + 1
      }
    }
    let units = size + 2 * q
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(side)" height="\(side)" \
      viewBox="0 0 \(units) \(units)" shape-rendering="crispEdges">\
      <rect width="\(units)" height="\(units)" fill="#fff"/>\
      <path d="\(path)" fill="#000"/></svg>
      """
  }
}

/// Why a text cannot become a QR code.
public enum QRError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Empty text, or text with a NUL byte (libqrencode reads a C string).
  case invalidText
  /// More than a version-40 code holds at the chosen correction level.
  case tooLong(bytes: Int)
  /// libqrencode failed for another reason (errno).
  case encoderFailed(Int32)

  public var description: String {
    switch self {
    case .invalidText: "the text for the QR code is empty or contains a NUL byte"
    case .tooLong(let n): "the text for the QR code is too long (\(n) bytes)"
    case .encoderFailed(let e): "the QR encoder failed (errno \(e))"
    }
  }
}

/// QR codes through libqrencode (R13).
public enum QRCode {
  /// Encodes `text` (UTF-8, byte mode, correction level M, smallest version that fits).
  public static func encode(_ text: String) throws -> QRMatrix {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, !bytes.contains(0) else { throw QRError.invalidText }
    // Byte mode at level M holds at most 2,331 bytes (version 40).
    guard bytes.count <= 2_331 else { throw QRError.tooLong(bytes: bytes.count) }
    errno = 0
    guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
      let e = errno
      if e == ERANGE { throw QRError.tooLong(bytes: bytes.count) }
      throw QRError.encoderFailed(e)
    }
    defer { QRcode_free(code) }
    let width = Int(code.pointee.width)
    let version = Int(code.pointee.version)
    guard width > 0, let data = code.pointee.data else { throw QRError.encoderFailed(0) }
    var modules = [Bool](repeating: false, count: width * width)
    for i in 0..<(width * width) { modules[i] = data[i] & 1 == 1 }
    return QRMatrix(size: width, version: version, modules: modules)
  }
}

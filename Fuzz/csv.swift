// libFuzzer target: the streaming CSV reader (`TalabatiCSV`) on arbitrary bytes, in small
// chunks so records straddle buffer refills.
//
// Invariants: no trap; the reader always ends (errors are per record and it moves on); lines
// and byte offsets never go backwards; no field is longer than the input.
import TalabatiCSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let chunk = 1 + Int(bytes.first ?? 0) % 17
  let reader = CSVReader(
    bytes: bytes, options: CSVReader.Options(maxRecordBytes: 256, chunkSize: chunk))
  var lastLine = 0
  var lastOffset: Int64 = 0
  var rounds = 0
  while true {
    rounds += 1
    precondition(rounds <= size + 2, "the reader does not advance")
    do {
      guard try reader.next() else { break }
      for i in 0..<reader.fieldCount {
        precondition(reader.string(at: i).utf8.count <= size * 3 + 3, "field larger than input")
      }
    } catch {
      _ = String(describing: error)
    }
    precondition(reader.line >= lastLine, "line went backwards")
    precondition(reader.byteOffset >= lastOffset, "offset went backwards")
    lastLine = reader.line
    lastOffset = reader.byteOffset
  }
  return 0
}

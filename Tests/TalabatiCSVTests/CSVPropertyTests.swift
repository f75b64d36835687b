import PropertyBased
import Testing

@testable import TalabatiCSV

/// Bytes weighted towards what CSV parsers trip on.
let csvishBytes: Generator<[UInt8], _> = Gen.uint8(in: 0...255).array(of: 0...200).map { raw in
  raw.map { b -> UInt8 in
    switch b % 10 {
    case 0, 1: return 34  // "
    case 2: return 44  // ,
    case 3: return 10
    case 4: return 13
    case 5: return [0xEF, 0xBB, 0xBF, 0xC3, 0xD8, 0x80][Int(b) % 6]
    default: return b
    }
  }
}

/// Fields made of the characters that need quoting, plus Arabic and emoji.
let csvField: Generator<String, _> = Gen.uint8(in: 0...255).array(of: 0...12).map { raw in
  var s = String.UnicodeScalarView()
  for b in raw {
    switch b % 12 {
    case 0: s.append("\"")
    case 1: s.append(",")
    case 2: s.append("\n")
    case 3: s.append("\r")
    case 4: s.append("ط")
    case 5: s.append("\u{1F600}")
    case 6: s.append(" ")
    case 7: s.append("\u{0301}")
    default: s.append(Unicode.Scalar(UInt8(97 + b % 26)))
    }
  }
  return String(s)
}

@Suite("CSV reader properties")
struct CSVPropertyTests {
  @Test("random bytes never crash the reader; it always ends, lines only grow")
  func randomBytes() async {
    await propertyCheck(count: 400, input: csvishBytes, Gen.int(in: 1...9)) { bytes, chunk in
      let reader = CSVReader(bytes: bytes, options: .init(maxRecordBytes: 64, chunkSize: chunk))
      var lastLine = 0
      var steps = 0
      while steps <= bytes.count + 1 {
        steps += 1
        do {
          guard try reader.next() else { break }
          #expect(reader.line > lastLine)
          lastLine = reader.line
          #expect(reader.fieldCount >= 1)
          _ = reader.fields
        } catch let error as CSVError {
          #expect(error.line > lastLine)
          lastLine = error.line
        } catch {
          Issue.record("unexpected error \(error)")
          break
        }
      }
      // Every step consumes at least one byte: the reader cannot loop.
      #expect(steps <= bytes.count + 1)
      #expect(reader.bytesConsumed == Int64(bytes.count))
    }
  }

  @Test("what the reference writer writes reads back identically, with the right lines")
  func roundTrip() async {
    let recordsGen = csvField.array(of: 1...5).array(of: 0...8)
    await propertyCheck(count: 300, input: recordsGen, Gen.int(in: 1...17)) { recs, chunk in
      for ending in ["\r\n", "\n"] {
        let text = CSVWriter.document(recs, lineEnding: ending)
        let got: [(line: Int, fields: [String])]
        do {
          got = try readAll(Array(text.utf8), chunk: chunk).map { try $0.get() }
        } catch {
          Issue.record("writer output did not read back: \(error)")
          return
        }
        #expect(got.map(\.fields) == recs)
        // Expected start lines: 1 + every line break written before the record.
        var line = 1
        var expected: [Int] = []
        for r in recs {
          expected.append(line)
          let body = CSVWriter.record(r, lineEnding: ending)
          var breaks = 0
          var prevCR = false
          for b in body.utf8 {
            if b == 10 { breaks += prevCR ? 0 : 1 } else if b == 13 { breaks += 1 }
            prevCR = b == 13
          }
          line += breaks
        }
        #expect(got.map(\.line) == expected)
      }
    }
  }
}

import Testing

@testable import TalabatiCSV

/// Reads every record of `text`, collecting errors as they come: (line, fields) or (line, error).
func readAll(_ bytes: [UInt8], chunk: Int = 1 << 18, maxRecord: Int = 1 << 20) throws
  -> [Result<(line: Int, fields: [String]), CSVError>]
{
  let reader = CSVReader(
    bytes: bytes, options: .init(maxRecordBytes: maxRecord, chunkSize: chunk))
  var out: [Result<(line: Int, fields: [String]), CSVError>] = []
  while true {
    do {
      guard try reader.next() else { break }
      out.append(.success((reader.line, reader.fields)))
    } catch let error as CSVError {
      out.append(.failure(error))
    }
  }
  return out
}

func readAll(_ text: String, chunk: Int = 1 << 18) throws
  -> [Result<(line: Int, fields: [String]), CSVError>]
{
  try readAll(Array(text.utf8), chunk: chunk)
}

/// The records only (fails the test on any error).
func records(_ text: String, chunk: Int = 1 << 18) throws -> [[String]] {
  try readAll(text, chunk: chunk).map { try $0.get().fields }
}

func lines(_ text: String) throws -> [Int] {
  try readAll(text).map { try $0.get().line }
}

@Suite("CSV reader: RFC 4180, line numbers, errors")
struct CSVReaderTests {
  static let chunks = [1, 2, 3, 7, 64, 1 << 18]

  @Test("plain, quoted, doubled quotes, embedded commas and line breaks", arguments: chunks)
  func quoting(chunk: Int) throws {
    let text = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\n\"\",\"\"\"\"\n"
    #expect(
      try records(text, chunk: chunk) == [
        ["a", "b", "c"], ["x,y", "say \"hi\"", "two\nlines"], ["", "", ""], ["", "\""],
      ])
  }

  @Test(
    "CRLF, LF and lone CR all end a record; the last line needs no line break",
    arguments: chunks)
  func lineEndings(chunk: Int) throws {
    #expect(try records("a\r\nb\nc\rd", chunk: chunk) == [["a"], ["b"], ["c"], ["d"]])
    #expect(try records("a,\"q\"\r", chunk: chunk) == [["a", "q"]])
    #expect(try records("\"q\"", chunk: chunk) == [["q"]])
  }

  @Test("a UTF-8 BOM at the start is not part of the first field", arguments: chunks)
  func bom(chunk: Int) throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Order ID,Website\n1,Amazon.com\n".utf8)
    let got = try readAll(bytes, chunk: chunk).map { try $0.get() }
    #expect(got.map(\.fields) == [["Order ID", "Website"], ["1", "Amazon.com"]])
    #expect(got.map(\.line) == [1, 2])
  }

  @Test("a BOM elsewhere is kept (it is data)")
  func bomInside() throws {
    #expect(try records("a\n\u{FEFF}b\n") == [["a"], ["\u{FEFF}b"]])
  }

  @Test("blank lines are skipped but counted; a quoted empty field is a record")
  func blankLines() throws {
    let text = "a\n\n\r\n\"\"\nb\n"
    #expect(try records(text) == [["a"], [""], ["b"]])
    #expect(try lines(text) == [1, 4, 5])
  }

  @Test(
    "each record's line is where it starts, counting breaks inside quotes",
    arguments: chunks)
  func lineNumbers(chunk: Int) throws {
    let text = "h1,h2\n\"multi\nline\r\nfield\",x\nnext,row\n\"a\rb\",y\nlast,one"
    let got = try readAll(text, chunk: chunk).map { try $0.get() }
    #expect(got.map(\.line) == [1, 2, 5, 6, 8])
    #expect(got[1].fields == ["multi\nline\r\nfield", "x"])
    #expect(got[3].fields == ["a\rb", "y"])
  }

  @Test(
    "a quote inside an unquoted field: error with its line and column, then go on",
    arguments: chunks)
  func quoteInUnquoted(chunk: Int) throws {
    let got = try readAll("a,b\nok,x\"y,z\nnext,1\n", chunk: chunk)
    #expect(got.count == 3)
    #expect(try got[0].get().fields == ["a", "b"])
    guard case .failure(let error) = got[1] else {
      Issue.record("expected an error")
      return
    }
    #expect(error.kind == .quoteInUnquotedField(column: 2))
    #expect(error.line == 2)
    #expect(error.rawLine == Array("ok,x\"y,z".utf8))
    #expect(error.description == "line 2: a quote (\") inside unquoted field 2")
    #expect(try got[2].get().line == 3)
    #expect(try got[2].get().fields == ["next", "1"])
  }

  @Test("text after a closing quote is an error; the next line still reads")
  func textAfterQuote() throws {
    let got = try readAll("\"a\nb\"c,d\nx,y\n")
    guard case .failure(let error) = got.first else {
      Issue.record("expected an error")
      return
    }
    #expect(error.kind == .textAfterClosingQuote(column: 1))
    #expect(error.line == 1)
    #expect(try got[1].get().line == 3)
    #expect(try got[1].get().fields == ["x", "y"])
  }

  @Test(
    "an unterminated quote is reported where it opens; reading resumes on the next line",
    arguments: chunks)
  func unterminatedQuote(chunk: Int) throws {
    let text = "h1,h2\nbad,\"never closed\nr3,x\nr4,y\n"
    let got = try readAll(text, chunk: chunk)
    guard got.count == 4, case .failure(let error) = got[1] else {
      Issue.record("expected 4 results with an error second, got \(got)")
      return
    }
    #expect(error.kind == .unterminatedQuote)
    #expect(error.line == 2)
    #expect(try got[2].get().line == 3)
    #expect(try got[2].get().fields == ["r3", "x"])
    #expect(try got[3].get().fields == ["r4", "y"])
  }

  @Test("a quoted field that runs past the record limit is reported as unterminated")
  func unterminatedByLimit() throws {
    let long = String(repeating: "z", count: 300)
    let text = "a,\"open\n" + String(repeating: long + "\n", count: 10) + "end"
    let got = try readAll(Array(text.utf8), chunk: 16, maxRecord: 256)
    guard case .failure(let error) = got.first else {
      Issue.record("expected an error first")
      return
    }
    #expect(error.kind == .unterminatedQuote)
    #expect(error.line == 1)
    // The following lines are each too long on their own; the last one reads.
    let tooLong = got.dropFirst().filter {
      if case .failure(let e) = $0, e.kind == .recordTooLong(limit: 256) { return true }
      return false
    }
    #expect(tooLong.count == 10)
    #expect(try got.last?.get().fields == ["end"])
    #expect(try got.last?.get().line == 12)
  }

  @Test("invalid UTF-8 names the line and field; valid multi-byte text reads back")
  func invalidUTF8() throws {
    var bytes = Array("id,title\n1,طلباتي\n2,".utf8)
    bytes += [0xC3, 0x28]  // a lead byte followed by ASCII
    bytes += Array("\n3,\u{1F600} ok\n".utf8)
    let got = try readAll(bytes)
    #expect(try got[1].get().fields == ["1", "طلباتي"])
    guard case .failure(let error) = got[2] else {
      Issue.record("expected an error")
      return
    }
    #expect(error.kind == .invalidUTF8(column: 2))
    #expect(error.line == 3)
    #expect(try got[3].get().fields == ["3", "\u{1F600} ok"])
  }

  @Test("strict UTF-8: overlongs, surrogates and values above U+10FFFF are refused")
  func strictUTF8() {
    func valid(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer(CSVReader.isValidUTF8) }
    #expect(valid(Array("aé€😀".utf8)))
    #expect(!valid([0xC0, 0x80]))
    #expect(!valid([0xE0, 0x80, 0x80]))
    #expect(!valid([0xED, 0xA0, 0x80]))
    #expect(!valid([0xF4, 0x90, 0x80, 0x80]))
    #expect(!valid([0xF0, 0x9F, 0x98]))
    #expect(!valid([0x80]))
  }

  @Test("a file is read in chunks; a missing file is a clear input error")
  func files() throws {
    #expect(throws: CSVInputError.self) {
      _ = try CSVReader(path: "/nonexistent/talabati-\(UInt32.random(in: 0...UInt32.max)).csv")
    }
    #expect(throws: CSVInputError.self) { _ = try CSVReader(path: "/tmp") }
  }
}

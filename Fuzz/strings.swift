// libFuzzer target: the string-table filler `tr` with random keys and arguments.
//
// Invariants: no trap; a missing key comes back as the key; the same call gives the same text.
import TalabatiText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStrings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 2 else { return 0 }
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let keys = sortedKeys
  let lang: Lang = bytes[0] & 1 == 0 ? .ar : .en
  let parts = String(decoding: bytes.dropFirst(2), as: UTF8.self).split(
    separator: "\u{0}", omittingEmptySubsequences: false
  ).map(String.init)
  let key: String
  if bytes[1] < 200, !keys.isEmpty {
    key = keys[Int(bytes[1]) % keys.count]
  } else {
    key = parts.first ?? ""
  }
  var args: [String: String] = [:]
  var j = 1
  while j + 1 < parts.count {
    args[parts[j]] = parts[j + 1]
    j += 2
  }
  for name in ["order", "count", "date", "amount", "email", "time", "id", "title"]
  where args[name] == nil {
    args[name] = parts.last ?? ""
  }
  let a = tr(key, lang, args)
  precondition(a == tr(key, lang, args), "tr is not deterministic")
  if StringTable.entries[key] == nil { precondition(a == key, "a missing key must come back") }
  return 0
}

/// The string table's keys, sorted once.
let sortedKeys = StringTable.entries.keys.sorted()

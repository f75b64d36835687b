import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API, for the bulk write path.
///
/// GRDB's `StatementArguments` box every value in an array of `DatabaseValue` per row; at
/// millions of rows that is a quarter of a bulk load's time. This wrapper binds Swift values
/// straight into the statement. It lives only inside one `Database` access (one transaction):
/// it is neither `Sendable` nor kept beyond it, and is finalised when released.
final class RawStatement {
  private let handle: OpaquePointer
  private let connection: OpaquePointer
  private let sql: String

  /// Prepares `sql` on the connection of `db`; a syntax error throws `DatabaseError`.
  init(_ db: Database, _ sql: String) throws {
    guard let connection = db.sqliteConnection else {
      throw StoreError.io("the store connection is closed")
    }
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(
      connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      let message = String(cString: sqlite3_errmsg(connection))
      sqlite3_finalize(statement)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
    self.handle = statement
    self.connection = connection
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(handle)
  }

  // MARK: - Binding (1-based parameter indexes, as in SQLite)

  /// Binds an integer.
  @inline(__always) func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  /// Binds an integer.
  @inline(__always) func bind(_ index: Int32, _ value: Int) {
    sqlite3_bind_int64(handle, index, Int64(value))
  }

  /// Binds NULL.
  @inline(__always) func bindNull(_ index: Int32) {
    sqlite3_bind_null(handle, index)
  }

  /// Binds a boolean as 0 or 1.
  @inline(__always) func bind(_ index: Int32, _ value: Bool) {
    sqlite3_bind_int64(handle, index, value ? 1 : 0)
  }

  /// Binds text (copied by SQLite). An empty string binds '' (never NULL).
  @inline(__always) func bind(_ index: Int32, _ value: String) {
    var text = value
    text.withUTF8 { bytes in
      if let base = bytes.baseAddress {
        _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
          sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
        }
      } else {
        _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
      }
    }
  }

  // MARK: - Running

  /// Binds `values` to parameters 1, 2, 3 … in order, then runs the statement; the number of
  /// rows it changed.
  @discardableResult
  func run<each Value: RawBindable>(_ values: repeat each Value) throws -> Int {
    var index: Int32 = 0
    for value in repeat each values {
      index += 1
      value.bind(to: self, at: index)
    }
    return try run()
  }

  /// Runs a statement that returns no row; the number of rows it changed.
  @discardableResult
  func run() throws -> Int {
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE else { throw failure(code) }
    sqlite3_reset(handle)
    return Int(sqlite3_changes(connection))
  }

  /// Binds `values` like `run(_:)`, runs the query and returns the integer in the first
  /// column of its first row (nil for no row or NULL).
  func int64<each Value: RawBindable>(_ values: repeat each Value) throws -> Int64? {
    var index: Int32 = 0
    for value in repeat each values {
      index += 1
      value.bind(to: self, at: index)
    }
    let code = sqlite3_step(handle)
    defer { sqlite3_reset(handle) }
    switch code {
    case SQLITE_ROW:
      if sqlite3_column_type(handle, 0) == SQLITE_NULL { return nil }
      return sqlite3_column_int64(handle, 0)
    case SQLITE_DONE:
      return nil
    default:
      throw failure(code)
    }
  }

  /// The error of a failed step as GRDB reports it (so `AppDatabase.mapError` applies).
  private func failure(_ code: Int32) -> DatabaseError {
    let extended = sqlite3_extended_errcode(connection)
    let message = String(cString: sqlite3_errmsg(connection))
    sqlite3_reset(handle)
    return DatabaseError(
      resultCode: ResultCode(rawValue: extended != 0 ? extended : code), message: message,
      sql: sql)
  }

  /// SQLITE_TRANSIENT: SQLite copies bound text before the bind call returns.
  private static var transient: sqlite3_destructor_type {
    unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
  }
}

/// A Swift value `RawStatement.run(_:)` binds: integers, booleans, text, and optionals of them
/// (nil binds NULL).
protocol RawBindable {
  /// Binds the value to parameter `index` of `statement`.
  func bind(to statement: RawStatement, at index: Int32)
}

extension Int64: RawBindable {
  func bind(to statement: RawStatement, at index: Int32) { statement.bind(index, self) }
}

extension Int: RawBindable {
  func bind(to statement: RawStatement, at index: Int32) { statement.bind(index, self) }
}

extension Bool: RawBindable {
  func bind(to statement: RawStatement, at index: Int32) { statement.bind(index, self) }
}

extension String: RawBindable {
  func bind(to statement: RawStatement, at index: Int32) { statement.bind(index, self) }
}

extension Optional: RawBindable where Wrapped: RawBindable {
  func bind(to statement: RawStatement, at index: Int32) {
    if let value = self {
      value.bind(to: statement, at: index)
    } else {
      statement.bindNull(index)
    }
  }
}

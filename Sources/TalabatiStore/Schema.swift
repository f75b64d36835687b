import GRDB

// MARK: - Frozen migrations

/// The store's schema, one frozen migration at a time.
///
/// A migration is never modified once shipped: fixes and additions go into a new migration
/// registered after the last one. Table names are written as strings (no reference to record
/// types that may change later). Dates are INTEGER epoch milliseconds (sortable, compact).
enum Schema {
  /// Every migration this version of talabati knows, in order.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1", migrate: v1)
    migrator.registerMigration("v2-returns-tracking", migrate: ReturnsSchema.v2)
    migrator.registerMigration("v3-support-account", migrate: SupportSchema.v3)
    migrator.registerMigration("v4-imported-refunds", migrate: ImportedRefundsSchema.v4)
    return migrator
  }

  /// v1: accounts, sellers, orders with denormalised list columns, shipments, items, the
  /// append-only event log, the outbox, per-account settings and the search index.
  private static func v1(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE account (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          email TEXT NOT NULL,
          language TEXT NOT NULL,
          timeZone TEXT NOT NULL,
          createdAt INTEGER NOT NULL
        );
        CREATE TABLE seller (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL
        );
        -- seq is the rowid: placedAt(ms) * 1024 + a tie-breaker, so every newest-first list
        -- and the search index (whose rowid is the same seq) walk one integer key backwards.
        CREATE TABLE "order" (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          accountId INTEGER NOT NULL REFERENCES account(id),
          placedAt INTEGER NOT NULL,
          paymentKind TEXT NOT NULL,
          paymentLast4 TEXT NOT NULL,
          archived INTEGER NOT NULL DEFAULT 0,
          archivedAt INTEGER,
          imported INTEGER NOT NULL DEFAULT 0,
          totalMinor INTEGER NOT NULL,
          currency TEXT NOT NULL,
          itemCount INTEGER NOT NULL,
          firstTitle TEXT NOT NULL,
          cancelledCount INTEGER NOT NULL DEFAULT 0
        );
        -- The order number is unique through a named index (not a column constraint) so
        -- that a bulk load into an empty store can build it once at the end
        -- (AppDatabase.loadIntoEmptyStore).
        CREATE UNIQUE INDEX order_by_number ON "order"(id);
        -- An index implicitly ends with the rowid (seq): (accountId, archived, seq) serves the
        -- "orders" (R18) and "archived" views; (accountId, seq) serves "all"; the partial one
        -- serves "cancelled" (R10). Each is walked backwards: no sort, no scan.
        CREATE INDEX order_by_account_archived ON "order"(accountId, archived);
        CREATE INDEX order_by_account ON "order"(accountId);
        CREATE INDEX order_cancelled ON "order"(accountId) WHERE cancelledCount > 0;
        CREATE TABLE shipment (
          id INTEGER PRIMARY KEY,
          orderId TEXT NOT NULL REFERENCES "order"(id),
          position INTEGER NOT NULL,
          placedAt INTEGER NOT NULL,
          shippingStartsAt INTEGER,
          shippedAt INTEGER,
          outForDeliveryAt INTEGER,
          deliveredAt INTEGER,
          expectedDeliveryAt INTEGER,
          shippingMinor INTEGER NOT NULL,
          currency TEXT NOT NULL,
          carrier TEXT NOT NULL,
          trackingNumber TEXT NOT NULL
        );
        CREATE INDEX shipment_by_order ON shipment(orderId);
        CREATE TABLE item (
          id INTEGER PRIMARY KEY,
          shipmentId INTEGER NOT NULL REFERENCES shipment(id),
          orderId TEXT NOT NULL REFERENCES "order"(id),
          position INTEGER NOT NULL,
          title TEXT NOT NULL,
          sellerId TEXT NOT NULL REFERENCES seller(id),
          fulfilment TEXT NOT NULL,
          quantity INTEGER NOT NULL,
          unitPriceMinor INTEGER NOT NULL,
          currency TEXT NOT NULL,
          vatRateBasisPoints INTEGER NOT NULL,
          category TEXT NOT NULL,
          cancelledAt INTEGER,
          cancelReason TEXT
        );
        -- Items are reached through their shipment: shipment ids grow with time, so this
        -- index is appended to during bulk loads (an index on the random order number is not).
        CREATE INDEX item_by_shipment ON item(shipmentId);
        CREATE TABLE event (
          id INTEGER PRIMARY KEY,
          accountId INTEGER NOT NULL REFERENCES account(id),
          orderId TEXT,
          kind TEXT NOT NULL,
          at INTEGER NOT NULL,
          actor TEXT NOT NULL,
          detail TEXT NOT NULL
        );
        CREATE INDEX event_by_order ON event(accountId, orderId);
        CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
          BEGIN SELECT RAISE(ABORT, 'event is append-only'); END;
        CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
          BEGIN SELECT RAISE(ABORT, 'event is append-only'); END;
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY,
          accountId INTEGER NOT NULL REFERENCES account(id),
          orderId TEXT,
          kind TEXT NOT NULL,
          createdAt INTEGER NOT NULL,
          subject TEXT NOT NULL,
          recipient TEXT NOT NULL,
          maildirFile TEXT,
          message TEXT NOT NULL
        );
        CREATE INDEX outbox_by_account ON outbox(accountId);
        CREATE INDEX outbox_by_file ON outbox(maildirFile) WHERE maildirFile IS NOT NULL;
        CREATE TABLE setting (
          accountId INTEGER NOT NULL REFERENCES account(id),
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (accountId, key)
        ) WITHOUT ROWID;
        -- Contentless: only the folded tokens of titles and order-number groups are kept;
        -- rowid = "order".seq. Insert-only (titles never change after an order is stored).
        -- Prefix indexes for 1–6 characters: a short prefix typed as the first keystrokes is
        -- one term walked lazily newest first, not a merge of every term it begins.
        CREATE VIRTUAL TABLE order_search USING fts5(
          body, content='', detail=none, prefix='1 2 3 4 5 6',
          tokenize='unicode61 remove_diacritics 0'
        );
        """)
  }
}

#!/usr/bin/python3
"""Throughput benchmark for `talabati import-amazon` (issue 6), side by side with sqlite3.

Generates a deterministic Amazon "Order History.csv" in the current 28-column format
(UTF-8 BOM, CRLF, quoted names with commas/quotes/newlines, Arabic, several currencies and
websites, "Not Available" cells, one row per shipment item, orders whose rows are not
adjacent), then times:

  1. talabati import-amazon FILE --json   into a fresh store (release build)
  2. the same import again                 (idempotent: every order skipped)
  3. sqlite3's own `.import --csv` of the same file into a bare table

Usage:
  /usr/bin/python3 scripts/bench-csv.py [--rows 1000000] [--talabati PATH] [--keep DIR]

Build the binary first:
  swift build -c release --static-swift-stdlib --scratch-path .build-csv-rel --product talabati
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HEADER = [
    "ASIN", "Billing Address", "Carrier Name & Tracking Number", "Currency", "Gift Message",
    "Gift Recipient Contact", "Gift Sender Name", "Item Serial Number", "Order Date",
    "Order ID", "Order Status", "Original Quantity", "Payment Method Type",
    "Product Condition", "Product Name", "Purchase Order Number", "Ship Date",
    "Shipment Item Subtotal", "Shipment Item Subtotal Tax", "Shipment Status",
    "Shipping Address", "Shipping Charge", "Shipping Option", "Total Amount",
    "Total Discounts", "Unit Price", "Unit Price Tax", "Website",
]

NAMES = [
    'Sony WH-1000XM5 Wireless Headphones, Black',
    'USB-C Cable 2m "braided"',
    'سماعات لاسلكية بخاصية إلغاء الضوضاء',
    'Kindle Paperwhite (16 GB)',
    'Coffee beans, 1kg\nmedium roast',
    'قهوة عربية، ٥٠٠ غرام',
    'AA batteries (48-pack)',
    'Notebook A5, dotted',
]
SITES = [("Amazon.com", "USD"), ("Amazon.sa", "SAR"), ("Amazon.de", "EUR")]
CARRIERS = ["UPS(1Z999AA1{:08d})", "AMZN_US(TBA{:012d})", "USPS(9400{:016d})",
            "Not Available"]


def fmt(minor):
    s = "{:,}.{:02d}".format(minor // 100, minor % 100)
    return s


def esc(field):
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def generate(path, rows, seed=2026):
    rnd = random.Random(seed)
    base = 1_600_000_000  # 2020-09-13
    written = 0
    pending = []  # rows of recent orders, emitted slightly shuffled (not sorted by order)
    order_no = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff" + ",".join(esc(h) for h in HEADER) + "\r\n")
        while written < rows:
            order_no += 1
            oid = "{:03d}-{:07d}-{:07d}".format(100 + order_no % 900, order_no % 10_000_000,
                                                 (order_no * 7919) % 10_000_000)
            site, cur = SITES[0] if rnd.random() < 0.8 else rnd.choice(SITES)
            placed = base + order_no * 97
            date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(placed))
            n_items = min(rows - written, rnd.choice([1, 1, 1, 2, 2, 3, 4]))
            n_ship = 1 if n_items == 1 else rnd.choice([1, 2])
            cancelled = rnd.random() < 0.05
            ships = []
            for s in range(n_ship):
                sd = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(placed + 86400 * (s + 1)))
                carrier = rnd.choice(CARRIERS).format(order_no * 10 + s)
                ships.append(("Not Available" if cancelled else sd, carrier))
            items = []
            for i in range(n_items):
                price = rnd.randrange(100, 250_000)
                tax = price * 15 // 100 if cur == "SAR" else 0
                qty = rnd.choice([1, 1, 1, 2, 3])
                items.append((i % n_ship, price, tax, qty))
            for sidx, price, tax, qty in items:
                sub = sum(p * q for s, p, t, q in items if s == sidx)
                sd, carrier = ships[sidx]
                row = [
                    "B0{:08d}".format(rnd.randrange(10**8)), "Not Available",
                    "Not Available" if cancelled else carrier, cur, "Not Available",
                    "Not Available", "Not Available", "Not Available", date, oid,
                    "Cancelled" if cancelled else "Closed", str(qty),
                    rnd.choice(["Visa - 1234", "MasterCard", "Gift Certificate/Card and Visa"]),
                    "New", rnd.choice(NAMES), "Not Applicable", sd, fmt(sub), fmt(sub * 15 // 100),
                    "Not Available" if cancelled else "Delivered", "Not Available",
                    "0.00" if sidx else fmt(rnd.choice([0, 0, 499])), "standard",
                    fmt(sub), "0.00", fmt(price), fmt(tax), site,
                ]
                pending.append(",".join(esc(c) for c in row) + "\r\n")
                written += 1
            if len(pending) > 64:
                rnd.shuffle(pending)
                f.writelines(pending[:32])
                del pending[:32]
        rnd.shuffle(pending)
        f.writelines(pending)
    return order_no


def timed(cmd, **kw):
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    seconds = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc, seconds, max(rss, before)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--talabati", default=".build-csv-rel/release/talabati")
    ap.add_argument("--keep", help="keep the generated files in this directory")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="talabati-bench-")
    os.makedirs(work, exist_ok=True)
    csv = os.path.join(work, "Order History.csv")
    t0 = time.monotonic()
    orders = generate(csv, args.rows)
    size = os.path.getsize(csv)
    print(f"generated {args.rows:,} rows ({orders:,} orders, {size / 1e6:.0f} MB) "
          f"in {time.monotonic() - t0:.1f} s: {csv}")
    if args.generate_only:
        return

    results = []
    if os.access(args.talabati, os.X_OK):
        store = os.path.join(work, "bench.sqlite")
        for p in (store, store + "-wal", store + "-shm"):
            if os.path.exists(p):
                os.remove(p)
        for label in ("talabati import-amazon (fresh store)", "talabati import-amazon (again)"):
            proc, secs, rss = timed([args.talabati, "import-amazon", csv, "--json",
                                     "--store", store])
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                sys.exit(f"{label} failed with exit code {proc.returncode}")
            r = json.loads(proc.stdout)
            note = (f"imported {r['ordersImported']:,}, skipped {r['ordersSkipped']:,}, "
                    f"rejected rows {r['rejectedRowCount']:,}")
            results.append((label, secs, rss, note))
    else:
        print(f"(no executable at {args.talabati}: talabati rows skipped)")

    if shutil.which("sqlite3"):
        db = os.path.join(work, "bare.sqlite")
        if os.path.exists(db):
            os.remove(db)
        proc, secs, rss = timed(["sqlite3", db, ".import --csv '" + csv + "' t"])
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
        count = subprocess.run(["sqlite3", db, "SELECT count(*) FROM t"],
                               capture_output=True, text=True).stdout.strip()
        results.append(("sqlite3 .import (bare table)", secs, rss, f"{count} rows"))
    else:
        print("(sqlite3 not installed: its row skipped)")

    print()
    print(f"{'what':40} {'seconds':>8} {'rows/s':>10} {'max RSS':>9}  notes")
    for label, secs, rss, note in results:
        print(f"{label:40} {secs:8.2f} {args.rows / secs:10,.0f} {rss / 1024:7.0f}MB  {note}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

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
  /usr/bin/python3 scripts/bench-csv.py [--rows 1000000] [--bin PATH] [--base PATH] [--keep DIR]

The binary is the one `make release` builds (`make bench-csv` passes it); `--base` measures a
second one (main's, built with `--scratch-path .build-base`) in the same run. Both run with
the caller's environment minus SWIFT_BACKTRACE and TALABATI_* (a user's path). sqlite3's
`.import` runs before, between and after them; the ratio uses its median. `uptime` is printed
before and after.
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
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


USER_ENV = {k: v for k, v in os.environ.items()
            if k != "SWIFT_BACKTRACE" and not k.startswith("TALABATI_")}


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def timed(cmd):
    """Runs `cmd` under /usr/bin/time -v (when present): its result, wall s, CPU s, peak MB."""
    timer = ["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []
    start = time.monotonic()
    proc = subprocess.run(timer + cmd, capture_output=True, text=True, env=USER_ENV)
    seconds = time.monotonic() - start
    def field(name):
        m = re.search(name + r": *([0-9.]+)", proc.stderr)
        return float(m.group(1)) if m else 0.0
    cpu = field("User time \\(seconds\\)") + field("System time \\(seconds\\)")
    rss = field("Maximum resident set size \\(kbytes\\)") / 1024
    return proc, seconds, cpu, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--bin", "--talabati", dest="talabati",
                    default=".build/release/talabati")
    ap.add_argument("--base", help="a second binary (e.g. main's) measured in the same run")
    ap.add_argument("--keep", help="keep the generated files in this directory (reused when "
                    "it already holds a file of --rows rows)")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="talabati-bench-")
    os.makedirs(work, exist_ok=True)
    csv = os.path.join(work, "Order History.csv")
    stamp = os.path.join(work, "rows")
    if os.path.exists(csv) and os.path.exists(stamp) and open(stamp).read() == str(args.rows):
        print(f"reusing {csv}")
    else:
        t0 = time.monotonic()
        orders = generate(csv, args.rows)
        open(stamp, "w").write(str(args.rows))
        print(f"generated {args.rows:,} rows ({orders:,} orders, "
              f"{os.path.getsize(csv) / 1e6:.0f} MB) in {time.monotonic() - t0:.1f} s: {csv}")
    if args.generate_only:
        return

    print("before:", uptime())
    results = []
    bins = [("talabati", args.talabati)] + ([("base", args.base)] if args.base else [])

    def sqlite_import():
        db = os.path.join(work, "bare.sqlite")
        if os.path.exists(db):
            os.remove(db)
        proc, secs, cpu, rss = timed(["sqlite3", db, ".import --csv '" + csv + "' t"])
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
        count = subprocess.run(["sqlite3", db, "SELECT count(*) FROM t"],
                               capture_output=True, text=True).stdout.strip()
        os.remove(db)
        results.append(("sqlite3 .import (bare table)", secs, cpu, rss, f"{count} rows"))
        return secs

    floors = []
    have_sqlite = shutil.which("sqlite3") is not None
    if not have_sqlite:
        print("(sqlite3 not installed: its rows skipped)")
    for name, binary in bins:
        if not os.access(binary, os.X_OK):
            print(f"(no executable at {binary}: its rows skipped)")
            continue
        if have_sqlite:
            floors.append(sqlite_import())
        store = os.path.join(work, "bench.sqlite")
        for p in (store, store + "-wal", store + "-shm"):
            if os.path.exists(p):
                os.remove(p)
        for label in ("import-amazon (fresh store)", "import-amazon (again)"):
            proc, secs, cpu, rss = timed([binary, "import-amazon", csv, "--json",
                                          "--store", store])
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                sys.exit(f"{name} {label} failed with exit code {proc.returncode}")
            r = json.loads(proc.stdout)
            note = (f"imported {r['ordersImported']:,}, skipped {r['ordersSkipped']:,}, "
                    f"rejected rows {r['rejectedRowCount']:,}")
            results.append((f"{name}: {label}", secs, cpu, rss, note))
    if have_sqlite:
        floors.append(sqlite_import())
    print("after:", uptime())

    floor = statistics.median(floors) if floors else None
    print()
    print(f"{'what':44} {'wall s':>7} {'CPU s':>6} {'rows/s':>10} {'of sqlite3':>10} "
          f"{'peak RSS':>9}  notes")
    for label, secs, cpu, rss, note in results:
        ratio = f"{floor / secs * 100:9.0f}%" if floor else ""
        print(f"{label:44} {secs:7.2f} {cpu:6.2f} {args.rows / secs:10,.0f} {ratio:>10} "
              f"{rss:7.0f}MB  {note}")
    if floor:
        print(f"(of sqlite3: sqlite3's median wall time over its {len(floors)} runs, "
              f"interleaved with the imports, divided by the row's)")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures the CLI at scale: demo generation, then `talabati orders --limit 30` and a search,
each beside `sqlite3` answering the same first-page query (the floor for a process that opens
the store and prints a page). Prints a table; reproduce with:

    make release && python3 scripts/bench-cli.py --orders 1000000

Figures are medians and p99 over --runs runs of a fresh process each.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

def timed(cmd, runs, env):
    xs = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        xs.append((time.perf_counter() - t) * 1000)
        if r.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}: {r.stderr.decode()[:300]}")
    xs.sort()
    return statistics.median(xs), xs[min(len(xs) - 1, int(len(xs) * 0.99))]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--bin", default=None)
    ap.add_argument("--store", default=None, help="reuse this demo store if it exists")
    a = ap.parse_args()
    binary = a.bin or subprocess.run(
        ["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
        capture_output=True, text=True).stdout.strip() + "/talabati"
    now = "2026-11-27T09:00:00Z"
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no", TALABATI_NOW=now)
    tmp = tempfile.mkdtemp(prefix="talabati-bench-")
    store = a.store or os.path.join(tmp, "bench.sqlite")
    rows = []
    if not os.path.exists(store):
        t = time.perf_counter()
        subprocess.run([binary, "demo", "--store", store, "--orders", str(a.orders), "--seed", "1",
                        "--now", now], check=True, env=env, stdout=subprocess.DEVNULL)
        gen = time.perf_counter() - t
        rows.append(("demo --orders %d" % a.orders, "%.1f s (%.0f orders/s)" % (gen, a.orders / gen), ""))
    size = os.path.getsize(store) / 1e6
    base = [binary, "--store", store, "--now", now]
    med, p99 = timed([binary, "orders", "--limit", "30", "--store", store, "--lang", "en"], a.runs, env)
    rows.append(("talabati orders --limit 30", "%.1f ms" % med, "%.1f ms" % p99))
    med, p99 = timed([binary, "orders", "--limit", "30", "--json", "--store", store], a.runs, env)
    rows.append(("talabati orders --limit 30 --json", "%.1f ms" % med, "%.1f ms" % p99))
    med, p99 = timed([binary, "orders", "--search", "سماعات", "--limit", "30", "--store", store], a.runs, env)
    rows.append(("talabati orders --search سماعات", "%.1f ms" % med, "%.1f ms" % p99))
    if shutil.which("sqlite3"):
        # The store's own first-page query (AppDatabase.orders): the denormalised list
        # columns, newest first by seq (placedAt ms * 1024 + tie-breaker) on the
        # (accountId, archived) index, limit + 1 rows to know whether a next page exists.
        q = ('SELECT id, placedAt, totalMinor, currency, itemCount, firstTitle, archived, '
             'imported, seq FROM "order" o WHERE o.accountId = 1 AND o.archived = 0 '
             'AND o.seq < 9223372036854775807 ORDER BY o.seq DESC LIMIT 31;')
        med, p99 = timed(["sqlite3", "-readonly", store, q], a.runs, env)
        rows.append(("sqlite3 same first page (floor)", "%.1f ms" % med, "%.1f ms" % p99))
    print(f"store: {store} ({size:.0f} MB), {a.runs} runs each")
    print("| what | median | p99 |")
    print("|---|---|---|")
    for r in rows:
        print("| %s | %s | %s |" % r)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures the CLI at scale, on the user's path: demo generation, then `talabati orders
--limit 30` (and a search, `show`, `export`), each beside the `sqlite3` CLI running the same
queries in the same run (the floor for a process that opens the store and prints a page).

The binary runs with the caller's environment minus every variable a user would not set
(`SWIFT_BACKTRACE`, `TALABATI_*`): a user runs `talabati orders --limit 30`. `--base BIN`
measures a second binary (e.g. main's, built with `--scratch-path .build-base`) interleaved
with the first, so both see the same load. Also counts, with `strace -f -c`, the sync and
write calls of each read-only command (issue 12, goal 6: none may touch the store).

    make release && python3 scripts/bench-cli.py --orders 1000000
    python3 scripts/bench-cli.py --bin .build/release/talabati --base .build-base/release/talabati \
        --demo-orders 1000000 --store /tmp/bench/1m.sqlite

Figures are medians and p99 over --runs runs of a fresh process each; `uptime` is printed
before and after.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

USER_ENV = {k: v for k, v in os.environ.items()
            if k != "SWIFT_BACKTRACE" and not k.startswith("TALABATI_")}


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def timed(cmds, runs):
    """Runs each command of `cmds` once per round, interleaved; per command (median, p99) ms."""
    xs = [[] for _ in cmds]
    for _ in range(runs):
        for k, cmd in enumerate(cmds):
            t = time.perf_counter()
            r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=USER_ENV)
            xs[k].append((time.perf_counter() - t) * 1000)
            if r.returncode != 0:
                sys.exit(f"failed: {' '.join(cmd)}: {r.stderr.decode()[:300]}")
    out = []
    for x in xs:
        x.sort()
        out.append((statistics.median(x), x[min(len(x) - 1, int(len(x) * 0.99))]))
    return out


def demo(binary, store, orders):
    """`talabati demo` into a new store under /usr/bin/time -v: wall s, CPU s, peak MB."""
    for p in (store, store + "-wal", store + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    cmd = [binary, "demo", "--store", store, "--orders", str(orders), "--seed", "1",
           "--now", "2026-11-27T09:00:00Z"]
    timer = ["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []
    t = time.perf_counter()
    r = subprocess.run(timer + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=USER_ENV, text=True)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"demo failed: {r.stderr[-500:]}")
    def field(name):
        m = re.search(name + r": *([0-9.:]+)", r.stderr)
        return m.group(1) if m else None
    cpu = sum(float(field(f) or 0) for f in ("User time \\(seconds\\)", "System time \\(seconds\\)"))
    rss = int(field("Maximum resident set size \\(kbytes\\)") or 0) / 1024
    return wall, cpu, rss


def syscalls(cmd, store):
    """fdatasync, fsync, write and pwrite64 calls of `cmd` on the store's files (strace -f -c
    -P: the database, its -wal, -shm and -journal), or None without strace."""
    if not shutil.which("strace"):
        return None
    paths = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        paths += ["-P", store + suffix]
    r = subprocess.run(["strace", "-f", "-c", "-e", "trace=fdatasync,fsync,write,pwrite64"]
                       + paths + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=USER_ENV, text=True)
    counts = {}
    for line in r.stderr.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[-1] in ("fdatasync", "fsync", "write", "pwrite64"):
            counts[parts[-1]] = int(parts[3])
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=1_000_000, help="demo store size")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--bin", default=None)
    ap.add_argument("--base", default=None, help="a second binary measured beside --bin")
    ap.add_argument("--store", default=None, help="reuse this demo store if it exists")
    ap.add_argument("--demo-orders", type=int, default=0,
                    help="also time `demo --orders N` into a scratch store, per binary")
    a = ap.parse_args()
    binary = a.bin or subprocess.run(
        ["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
        capture_output=True, text=True).stdout.strip() + "/talabati"
    bins = [("talabati", binary)] + ([("base", a.base)] if a.base else [])
    now = "2026-11-27T09:00:00Z"
    tmp = tempfile.mkdtemp(prefix="talabati-bench-")
    store = a.store or os.path.join(tmp, "bench.sqlite")
    print("before:", uptime())
    rows = []
    if a.demo_orders:
        scratch = os.path.join(tmp, "demo.sqlite")
        for label, b in reversed(bins):
            wall, cpu, rss = demo(b, scratch, a.demo_orders)
            rows.append((f"{label}: demo --orders {a.demo_orders}",
                         f"{wall:.1f} s wall, {cpu:.1f} s CPU", f"{rss:.0f} MB peak", ""))
        if b == binary and a.demo_orders == a.orders and not os.path.exists(store):
            os.rename(scratch, store)  # the store measured below: the same demo
        else:
            os.remove(scratch)
    if not os.path.exists(store):
        t = time.perf_counter()
        subprocess.run([binary, "demo", "--store", store, "--orders", str(a.orders), "--seed", "1",
                        "--now", now], check=True, env=USER_ENV, stdout=subprocess.DEVNULL)
        gen = time.perf_counter() - t
        rows.append(("demo --orders %d (the store below)" % a.orders,
                     "%.1f s (%.0f orders/s)" % (gen, a.orders / gen), "", ""))
    size = os.path.getsize(store) / 1e6

    # The queries `orders --limit 30` runs (Reads.swift: AppDatabase.orders then
    # statusCounts), in one sqlite3 process: the newest 31 list rows of account 1, then the
    # status columns of their shipments' items.
    page = ('SELECT id, placedAt, totalMinor, currency, itemCount, firstTitle, archived, '
            'imported, seq FROM "order" o WHERE o.accountId = 1 AND o.archived = 0 '
            'AND o.seq < 9223372036854775807 ORDER BY o.seq DESC LIMIT 31;')
    status = ('SELECT s.orderId, i.cancelledAt IS NOT NULL, s.placedAt, s.shippingStartsAt, '
              's.shippedAt, s.outForDeliveryAt, s.deliveredAt FROM shipment s JOIN item i '
              'ON i.shipmentId = s.id WHERE s.orderId IN (SELECT id FROM "order" o WHERE '
              'o.accountId = 1 AND o.archived = 0 ORDER BY o.seq DESC LIMIT 30);')
    floor_cmd = ["sqlite3", "-readonly", store, page + status] if shutil.which("sqlite3") else None

    def orders_cmd(b):
        return [b, "orders", "--limit", "30", "--store", store, "--lang", "en"]

    cmds = [orders_cmd(b) for _, b in bins] + ([floor_cmd] if floor_cmd else [])
    results = timed(cmds, a.runs)
    floor = results[-1][0] if floor_cmd else None
    for (label, b), (med, p99) in zip(bins, results):
        ratio = f"{med / floor:.1f}× the floor" if floor else ""
        rows.append((f"{label}: orders --limit 30", "%.1f ms" % med, "%.1f ms" % p99, ratio))
    if floor_cmd:
        rows.append(("sqlite3 -readonly, the same two queries (floor)",
                     "%.1f ms" % results[-1][0], "%.1f ms" % results[-1][1], ""))
    for label, b in bins:
        (med, p99), = timed([[b, "orders", "--limit", "30", "--json", "--store", store]], a.runs)
        rows.append((f"{label}: orders --limit 30 --json", "%.1f ms" % med, "%.1f ms" % p99, ""))
        (med, p99), = timed([[b, "orders", "--search", "سماعات", "--limit", "30", "--store", store]],
                            a.runs)
        rows.append((f"{label}: orders --search سماعات", "%.1f ms" % med, "%.1f ms" % p99, ""))
    print("after:", uptime())
    print(f"store: {store} ({size:.0f} MB), {a.runs} runs each, interleaved")
    print("| what | median | p99 | |")
    print("|---|---|---|---|")
    for r in rows:
        print("| %s | %s | %s | %s |" % r)

    first = subprocess.run([binary, "orders", "--limit", "1", "--json", "--store", store],
                           capture_output=True, text=True, env=USER_ENV).stdout
    m = re.search(r'"id" *: *"([^"]+)"', first)
    print()
    print("| calls on the store's files (strace -f -c -P) | fdatasync | fsync | write | pwrite64 |")
    print("|---|---|---|---|---|")
    for label, b in bins:
        probes = [["orders", "--limit", "30"], ["export"]]
        if m:
            probes.append(["show", m.group(1)])
        for args in probes:
            c = syscalls([b] + args + ["--store", store, "--lang", "en"], store)
            if c is None:
                break
            print(f"| {label}: {' '.join(args[:2])} | {c.get('fdatasync', 0)} | "
                  f"{c.get('fsync', 0)} | {c.get('write', 0)} | {c.get('pwrite64', 0)} |")


if __name__ == "__main__":
    main()

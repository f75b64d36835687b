#!/usr/bin/python3
"""Measures talabati's full-screen client the way a user meets it, and prints a Markdown table.

The release binary runs in a pseudo-terminal at 80x24 (TERM=xterm-256color, English labels,
frozen clock). Its output is fed, after the fact, into a VT emulator (python3-pyte, plus REP
`CSI n b`, which ncurses sends for runs of one character and pyte 0.8 lacks). A figure's clock
stops at the arrival of the chunk of bytes after which the emulated screen shows the expected
state — never on raw byte matching, since ncurses sends only changed cells.

Figures, per store size (10k, 100k, 1M orders by default):
  first frame     process start (just before fork) -> the newest order number is on the screen,
                  highlighted (runs fresh processes; medians and p99 over --runs)
  sqlite3 floor   the sqlite3 CLI answering the same first page (both queries), spawn to exit
  newest-30       the sqlite3 CLI answering a plain newest-30 page of the orders table (issue 12's
                  reference for goal 2: first frame within 4x of it), spawn to exit
  pty floor       `stty raw -echo; cat` echoing one byte through the same kind of pty
  move (j)        key written -> the status counter reads n+1/... and the highlighted row holds
                  the (n+1)-th newest order (expected ids come from sqlite3, not from the app)
  page (PgDn)     key written -> counter and highlighted order advanced by one body height
  search          Enter written -> the first match (computed with sqlite3 FTS5) highlighted at
                  1/...; typing: a character written -> it shows on the search line
  bytes           every byte read after a key until the output stays quiet
  RSS             VmRSS/VmHWM from /proc after the first frame and after the whole workload

Needs Debian's python3-pyte (use /usr/bin/python3) and the sqlite3 CLI. Reproduce:

    swift build -c release --static-swift-stdlib -Xswiftc -use-ld=lld \
      -Xlinker -z -Xlinker pack-relative-relocs --scratch-path .build-bench --product talabati
    /usr/bin/python3 scripts/bench-tui.py --bin .build-bench/release/talabati

Stores are created once with `talabati demo` in --store-dir and reused (1M takes minutes).

To compare two builds, `--base OTHER_BINARY` starts the other binary's first frames interleaved
with this one's (run i of each, then the two sqlite3 references, then run i+1), so the machine's
drift lands on both; `--first-frame-only` skips the key session.
"""

import argparse
import fcntl
import json
import os
import platform
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

try:
  import pyte
except ImportError:  # pragma: no cover - environment problem, say what to do
  sys.exit("bench-tui: python3-pyte is missing; run with /usr/bin/python3 (Debian python3-pyte)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The release build measured in docs/performance.md: a static Swift runtime, linked by lld with
# packed relative relocations (DT_RELR), which keeps the binary position-independent and saves
# ~2 MB of resident memory against gold's 2 MB relocation table.
RELEASE_FLAGS = ["-c", "release", "--static-swift-stdlib", "-Xswiftc", "-use-ld=lld",
                 "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]
NOW = "2026-11-27T09:00:00Z"
COLS, ROWS = 80, 24
BODY_TOP = 3  # title, tabs, column header above the first order row
BODY_ROWS = ROWS - 2 - BODY_TOP  # message line and status line below
KEY_DOWN = b"j"
KEY_PGDN = b"\x1b[6~"
KEY_ENTER = b"\r"
KEY_ESC = b"\x1b"
ORDER_ID = re.compile(r"\d{3}-\d{7}-\d{7}")
COUNTER = re.compile(r"(\d+)/(\d+)\+?")
# Words of the demo catalogue's titles (DemoCatalog.swift) and a two-word prefix query.
QUERIES = ["sony", "kindle", "anker", "samsung", "logitech", "atomic hab", "pragmatic", "hdmi",
           "ssd", "swift"]


# MARK: - The emulator


class RepScreen(pyte.Screen):
  """A pyte screen that also understands REP (CSI n b): repeat the last drawn character."""

  last = " "

  def draw(self, data):
    super().draw(data)
    if data:
      self.last = data[-1]

  def repeat_last(self, count=1, *args, **kwargs):
    super().draw(self.last * max(1, count))


class RepStream(pyte.ByteStream):
  csi = dict(pyte.ByteStream.csi, b="repeat_last")


class Emulator:
  """One emulated 80x24 terminal fed with everything the client wrote."""

  def __init__(self):
    self.screen = RepScreen(COLS, ROWS)
    self.stream = RepStream(self.screen)
    self.selection = None  # the (fg, bg, reverse) of the highlighted row, learnt on frame 1

  def feed(self, data):
    self.stream.feed(data)

  def line(self, r):
    row = self.screen.buffer[r]
    return "".join(row[x].data for x in range(COLS)).rstrip()

  def style(self, r, c=0):
    ch = self.screen.buffer[r][c]
    return (ch.fg, ch.bg, ch.reverse)

  def highlighted(self):
    """The body rows drawn in the selection style (should be exactly one)."""
    if self.selection is None:
      return []
    return [r for r in range(BODY_TOP, BODY_TOP + BODY_ROWS)
            if self.style(r) == self.selection and self.style(r, COLS // 2) == self.selection]

  def highlighted_order(self):
    rows = self.highlighted()
    if len(rows) != 1:
      return None
    m = ORDER_ID.search(self.line(rows[0]))
    return m.group(0) if m else None

  def counter(self):
    m = COUNTER.search(self.line(ROWS - 1))
    return int(m.group(1)) if m else None


# MARK: - The pty and the process


def set_winsize(fd, rows, cols):
  fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def spawn(argv, env):
  """Starts argv on a new pty (its controlling terminal); returns (process, master fd, t0)."""
  master, slave = os.openpty()
  set_winsize(slave, ROWS, COLS)

  def child_setup():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

  t0 = time.perf_counter()
  proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                          start_new_session=True, preexec_fn=child_setup, close_fds=True)
  os.close(slave)
  return proc, master, t0


def read_chunks(fd, quiet, deadline, first_wait=None):
  """Reads until `quiet` s pass with no output (after the first byte) or `deadline` passes.

  Returns [(arrival time, bytes)]. The loop only reads and timestamps: the emulator runs
  afterwards, so its cost never delays a timestamp.
  """
  chunks = []
  while True:
    now = time.perf_counter()
    if now >= deadline:
      return chunks
    wait = quiet if chunks else (first_wait if first_wait is not None else deadline - now)
    r, _, _ = select.select([fd], [], [], max(0.0, min(wait, deadline - now)))
    if not r:
      if chunks or first_wait is not None:
        return chunks
      continue
    try:
      data = os.read(fd, 65536)
    except OSError:  # EIO: the child closed the pty
      return chunks
    if not data:
      return chunks
    chunks.append((time.perf_counter(), data))


def until(emu, fd, done, t0, quiet, timeout):
  """Feeds output into `emu` until `done(emu)`; returns (seconds from t0, bytes) or None."""
  deadline = time.perf_counter() + timeout
  total = 0
  hit = None
  while hit is None and time.perf_counter() < deadline:
    chunks = read_chunks(fd, quiet, deadline)
    if not chunks:
      break
    for at, data in chunks:
      emu.feed(data)
      total += len(data)
      if hit is None and done(emu):
        hit = at - t0
  if hit is not None:
    # Whatever else belongs to this frame (the rest of a split write) counts as its bytes.
    for _, data in read_chunks(fd, quiet, time.perf_counter() + quiet * 4, first_wait=quiet):
      emu.feed(data)
      total += len(data)
    return hit, total
  return None


def cpu_ms(pid):
  """CPU time (ms) the process has run so far, all threads (/proc/PID/task/*/schedstat, ns)."""
  total = 0
  for tid in os.listdir(f"/proc/{pid}/task"):
    try:
      with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
        total += int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
      pass
  return total / 1e6


def minor_faults(pid):
  """Minor page faults of the process so far (/proc/PID/stat, field 10): pages of the binary,
  its data and the heap touched for the first time."""
  with open(f"/proc/{pid}/stat") as f:
    return int(f.read().rsplit(")", 1)[1].split()[7])


def rss(pid):
  """(VmRSS, VmHWM) in MB of a running process."""
  out = {}
  with open(f"/proc/{pid}/status") as f:
    for line in f:
      key, _, value = line.partition(":")
      if key in ("VmRSS", "VmHWM"):
        out[key] = int(value.split()[0]) / 1024
  return out.get("VmRSS", 0.0), out.get("VmHWM", 0.0)


def stop(proc, master):
  """Quits the client with q (then SIGTERM, SIGKILL) and closes the pty."""
  try:
    os.write(master, b"q")
  except OSError:
    pass
  try:
    proc.wait(timeout=3)
  except subprocess.TimeoutExpired:
    proc.terminate()
    try:
      proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
      proc.kill()
      proc.wait()
  try:
    while select.select([master], [], [], 0)[0] and os.read(master, 65536):
      pass
  except OSError:
    pass
  os.close(master)


# MARK: - Ground truth from sqlite3


def sqlite(store, sql):
  r = subprocess.run(["sqlite3", "-readonly", "-batch", store, sql], capture_output=True,
                     text=True, check=True)
  return [line for line in r.stdout.splitlines() if line]


ACCOUNT = "(SELECT min(id) FROM account)"
# The two queries of AppDatabase.orders (Reads.swift) for the first page of the default view:
# the summary rows (limit + 1) and the status counts of the page's items.
FIRST_PAGE_SQL = f"""
SELECT o.id, o.placedAt, o.totalMinor, o.currency, o.itemCount, o.firstTitle, o.archived,
       o.imported, o.seq FROM "order" o
WHERE o.accountId = {ACCOUNT} AND o.archived = 0 AND o.seq < 9223372036854775807
ORDER BY o.seq DESC LIMIT 101;
SELECT s.orderId, i.cancelledAt IS NOT NULL, s.placedAt, s.shippingStartsAt, s.shippedAt,
       s.outForDeliveryAt, s.deliveredAt
FROM shipment s JOIN item i ON i.shipmentId = s.id
WHERE s.orderId IN (SELECT o.id FROM "order" o WHERE o.accountId = {ACCOUNT}
                    AND o.archived = 0 ORDER BY o.seq DESC LIMIT 100);
"""


# Issue 12's reference for the first frame: a plain newest-30 page of the orders table. `seq` is
# the table's rowid, assigned in placing order (the app's own order, Reads.swift); an ORDER BY on
# the `placedAt` column itself has no index and would sort the whole table.
NEWEST_30_SQL = """SELECT id, placedAt, totalMinor, currency, itemCount, firstTitle FROM "order"
ORDER BY seq DESC LIMIT 30;"""


def newest_ids(store, n):
  return sqlite(store, f'SELECT id FROM "order" WHERE accountId = {ACCOUNT} AND archived = 0 '
                       f"ORDER BY seq DESC LIMIT {n}")


def match_expression(query):
  """SearchText.matchExpression for ASCII: whole words, the last one a prefix."""
  words = re.findall(r"[a-z0-9]+", query.lower())[-8:]
  return " ".join(f'"{w}"' + ("*" if i == len(words) - 1 else "") for i, w in enumerate(words))


def first_match(store, query):
  expr = match_expression(query).replace("'", "''")
  rows = sqlite(store, f"""SELECT o.id FROM order_search s JOIN "order" o ON o.seq = s.rowid
    WHERE order_search MATCH '{expr}' AND o.accountId = {ACCOUNT} AND o.archived = 0
    ORDER BY s.rowid DESC LIMIT 1""")
  return rows[0] if rows else None


# MARK: - Measurements


def percentile(xs, p):
  """Nearest-rank percentile."""
  s = sorted(xs)
  if not s:
    return float("nan")
  k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
  return s[k]


def summary(xs):
  return {"n": len(xs), "median": statistics.median(xs) if xs else float("nan"),
          "p99": percentile(xs, 99), "max": max(xs) if xs else float("nan")}


LANG = "en"  # --lang: the labels' language (the session's checks are written for English)


def client_env(store):
  # Started as a shopper starts it: no SWIFT_BACKTRACE (issue 12, goal 1); the binary itself
  # keeps a crash from showing a backtrace (Talabati.swift).
  env = {k: v for k, v in os.environ.items()
         if k not in ("LINES", "COLUMNS", "NO_COLOR", "SWIFT_BACKTRACE")}
  env.update(TALABATI_STORE=store, TALABATI_NOW=NOW, TALABATI_LANG=LANG,
             TERM="xterm-256color")
  env.setdefault("LANG", "C.UTF-8")
  return env


def first_frame(binary, store, newest):
  """One fresh process: (ms to the first frame, bytes of that frame, rss, hwm, cpu ms,
  minor faults)."""
  proc, master, t0 = spawn([binary], client_env(store))
  emu = Emulator()
  try:
    def shown(e):
      return any(newest in e.line(r) for r in range(BODY_TOP, BODY_TOP + BODY_ROWS))
    got = until(emu, master, shown, t0, quiet=0.05, timeout=30)
    if got is None:
      screen = "\n".join(emu.line(r) for r in range(ROWS))
      raise RuntimeError(f"the newest order {newest} never appeared; the screen:\n{screen}")
    mem = rss(proc.pid)
    return got[0] * 1000, got[1], mem[0], mem[1], cpu_ms(proc.pid), minor_faults(proc.pid)
  finally:
    stop(proc, master)


def sqlite_ms(store, sql):
  """ms from spawning `sqlite3 -readonly` on `sql` to its exit."""
  t = time.perf_counter()
  subprocess.run(["sqlite3", "-readonly", "-batch", store, sql], stdout=subprocess.PIPE,
                 check=True)
  return (time.perf_counter() - t) * 1000


class Echo:
  """`cat` in raw mode on its own pty: one byte's round trip is the least a key can cost."""

  def __init__(self):
    self.proc, self.master, _ = spawn(
      ["/bin/sh", "-c", "stty raw -echo && echo ready && exec cat"], dict(os.environ))
    got = b""
    deadline = time.perf_counter() + 5
    while b"ready" not in got and time.perf_counter() < deadline:
      if select.select([self.master], [], [], 0.1)[0]:
        got += os.read(self.master, 1024)
    read_chunks(self.master, 0.05, time.perf_counter() + 0.5, first_wait=0.05)

  def sample(self):
    """ms for one byte to go to cat and back."""
    t = time.perf_counter()
    os.write(self.master, b"x")
    select.select([self.master], [], [], 1)
    os.read(self.master, 16)
    return (time.perf_counter() - t) * 1000

  def close(self):
    self.proc.kill()
    self.proc.wait()
    os.close(self.master)


def session(binary, store, ids, moves, pages, queries):
  """One long session: moves, pages, searches. Returns the figures of the keys."""
  proc, master, t0 = spawn([binary], client_env(store))
  emu = Emulator()
  out = {"failures": [], "floor": []}
  for what in ("move", "page", "search", "typing"):
    out[what], out[what + "_bytes"], out[what + "_cpu"] = [], [], []
  echo = Echo()
  try:
    got = until(emu, master, lambda e: ids[0] in e.line(BODY_TOP), t0, quiet=0.05, timeout=30)
    if got is None:
      raise RuntimeError("no first frame")
    emu.selection = emu.style(BODY_TOP)
    out["rss_first"] = rss(proc.pid)
    pos = 1  # the counter: 1-based position of the selection

    def key(data, expect_pos, expect_id, what, quiet=0.02, timeout=5):
      out["floor"].append(echo.sample())  # the pty's own latency, interleaved
      cpu = cpu_ms(proc.pid)
      t = time.perf_counter()
      os.write(master, data)
      got = until(emu, master,
                  lambda e: e.counter() == expect_pos and e.highlighted_order() == expect_id,
                  t, quiet=quiet, timeout=timeout)
      if got is None:
        out["failures"].append(f"{what}: expected {expect_pos} {expect_id}, screen shows "
                               f"{emu.counter()} {emu.highlighted_order()}")
        return False
      out[what].append(got[0] * 1000)
      out[what + "_bytes"].append(got[1])
      out[what + "_cpu"].append(cpu_ms(proc.pid) - cpu)
      return True

    for _ in range(moves):
      if pos >= len(ids) or not key(KEY_DOWN, pos + 1, ids[pos], "move"):
        break
      pos += 1
    for _ in range(pages):
      target = pos + BODY_ROWS
      if target > len(ids) or not key(KEY_PGDN, target, ids[target - 1], "page"):
        break
      pos = target

    for q in queries:
      expected = first_match(store, q)
      if expected is None:
        out["failures"].append(f"search {q!r}: no match in the store; skipped")
        continue
      # Open the search line, type, submit.
      os.write(master, b"/")
      until(emu, master, lambda e: e.screen.cursor.y == ROWS - 2, time.perf_counter(), 0.02, 5)
      typed = ""
      for ch in q:
        typed += ch
        cpu = cpu_ms(proc.pid)
        t = time.perf_counter()
        os.write(master, ch.encode())
        want = typed
        got = until(emu, master, lambda e: e.line(ROWS - 2).endswith(want.rstrip()) and
                    e.screen.cursor.x == len(e.line(ROWS - 2)) + (1 if want.endswith(" ")
                                                                    else 0),
                    t, quiet=0.02, timeout=5)
        if got is not None:
          out["typing"].append(got[0] * 1000)
          out["typing_bytes"].append(got[1])
          out["typing_cpu"].append(cpu_ms(proc.pid) - cpu)
      if key(KEY_ENTER, 1, expected, "search", quiet=0.05, timeout=30):
        pos = 1
      # Esc clears the search: back to the newest order (Esc alone waits ESCDELAY first).
      os.write(master, KEY_ESC)
      if until(emu, master, lambda e: e.counter() == 1 and e.highlighted_order() == ids[0],
               time.perf_counter(), 0.05, 10) is None:
        out["failures"].append(f"Esc after {q!r} did not bring the list back")
        break
      pos = 1
    out["rss_end"] = rss(proc.pid)
    return out
  finally:
    stop(proc, master)
    echo.close()


def ensure_store(binary, path, orders):
  """Creates the demo store at `path` unless it exists; returns seconds spent (0 if reused)."""
  if os.path.exists(path):
    return 0.0
  os.makedirs(os.path.dirname(path), exist_ok=True)
  print(f"creating {path} with {orders} orders ...", file=sys.stderr, flush=True)
  t = time.perf_counter()
  subprocess.run([binary, "demo", "--store", path, "--orders", str(orders), "--now", NOW],
                 check=True,
                 stdout=subprocess.DEVNULL)
  return time.perf_counter() - t


def label(n):
  return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def first_frames(binaries, store, newest, runs):
  """`runs` first frames of each binary (after one warm-up each), interleaved with the two
  sqlite3 references: {binary: [frame]}, [floor ms], [newest-30 ms]."""
  frames = {b: [] for b in binaries}
  floor, newest30 = [], []
  for i in range(runs + 1):
    for b in binaries:
      f = first_frame(b, store, newest)
      if i > 0:
        frames[b].append(f)
    if i > 0:
      floor.append(sqlite_ms(store, FIRST_PAGE_SQL))
      newest30.append(sqlite_ms(store, NEWEST_30_SQL))
  return frames, floor, newest30


def frame_figures(frames):
  return {
    "first_frame": summary([f[0] for f in frames]),
    "first_frame_bytes": statistics.median(f[1] for f in frames),
    "rss_first_frame": statistics.median(f[2] for f in frames),
    "first_frame_cpu": summary([f[4] for f in frames]),
    "first_frame_faults": statistics.median(f[5] for f in frames),
  }


def measure(binary, store, orders, a):
  ids = newest_ids(store, a.moves + a.pages * BODY_ROWS + 2)
  binaries = [binary] + ([a.base] if a.base else [])
  all_frames, floor, newest30 = first_frames(binaries, store, ids[0], a.runs)
  frames = all_frames[binary]
  result = {
    "orders": orders,
    "store_mb": sum(os.path.getsize(store + s) for s in ("", "-wal")
                    if os.path.exists(store + s)) / 1e6,
    "first_frame": summary([f[0] for f in frames]),
    "first_frame_bytes": statistics.median(f[1] for f in frames),
    "rss_first_frame": statistics.median(f[2] for f in frames),
    "first_frame_cpu": summary([f[4] for f in frames]),
    "first_frame_faults": statistics.median(f[5] for f in frames),
    "sqlite": summary(floor),
    "newest30": summary(newest30),
  }
  if a.base:
    result["base"] = frame_figures(all_frames[a.base])
  if a.first_frame_only:
    return result
  s = session(binary, store, ids, a.moves, a.pages, QUERIES[:a.searches])
  for k in ("move", "page", "search", "typing"):
    result[k] = summary(s[k])
    result[k + "_bytes"] = summary(s[k + "_bytes"])
    result[k + "_cpu"] = summary(s[k + "_cpu"])
  result["floor"] = summary(s["floor"])
  result["rss_end"] = s["rss_end"]
  result["failures"] = s["failures"]
  return result


# MARK: - Report


def machine():
  cpu = "?"
  with open("/proc/cpuinfo") as f:
    for line in f:
      if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
  swift = subprocess.run(["swift", "--version"], capture_output=True, text=True)
  version = (swift.stdout or swift.stderr).splitlines()[0] if swift.returncode == 0 else "?"
  return f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}; {version}"


def loadavg():
  with open("/proc/loadavg") as f:
    return " ".join(f.read().split()[:3])


def report_first_frames(results, a, binary, load_before):
  """The first-frame comparison: each binary beside the sqlite3 references of the same run."""
  ms = lambda s: f"{s['median']:.2f} / {s['p99']:.2f}"
  print(f"\nMachine: {machine()}; load average {load_before} before, {loadavg()} after"
        + ("; harness and client under SCHED_FIFO (--realtime)" if a.realtime else ""))
  print(f"{a.runs} fresh processes per binary (after 1 warm-up each), interleaved with the "
        "sqlite3 references. Times in ms, median / p99; CPU = the client's own CPU time.\n")
  bins = [("this", binary, None)] + ([("base", a.base, "base")] if a.base else [])
  cols = [label(r["orders"]) for r in results]
  print("| figure | " + " | ".join(cols) + " |")
  print("|---|" + "---|" * len(cols))
  for name, path, key in bins:
    pick = (lambda r: r) if key is None else (lambda r: r[key])
    print(f"| {name} ({path}): first frame, wall | "
          + " | ".join(ms(pick(r)["first_frame"]) for r in results) + " |")
    print(f"| {name}: first frame, client CPU | "
          + " | ".join(ms(pick(r)["first_frame_cpu"]) for r in results) + " |")
    print(f"| {name}: first frame ÷ sqlite3 newest-30 (medians) | "
          + " | ".join(f"{pick(r)['first_frame']['median'] / r['newest30']['median']:.1f}×"
                       for r in results) + " |")
    print(f"| {name}: VmRSS after the first frame (MB, median) | "
          + " | ".join(f"{pick(r)['rss_first_frame']:.1f}" for r in results) + " |")
    print(f"| {name}: minor page faults to the first frame (median) | "
          + " | ".join(f"{pick(r)['first_frame_faults']:.0f}" for r in results) + " |")
  print("| sqlite3 CLI, newest-30 page (issue 12's reference) | "
        + " | ".join(ms(r["newest30"]) for r in results) + " |")
  print("| sqlite3 CLI, the app's two first-page queries (floor) | "
        + " | ".join(ms(r["sqlite"]) for r in results) + " |")
  print(f"\nReproduce: `/usr/bin/python3 scripts/bench-tui.py {' '.join(sys.argv[1:])}`")


def report(results, a, binary, load_before):
  ms = lambda s: f"{s['median']:.2f} / {s['p99']:.2f}"
  size = lambda s: f"{s['median']:.0f} / {s['max']:.0f}"
  cols = [label(r["orders"]) for r in results]
  print(f"\nMachine: {machine()}; load average {load_before} before, {loadavg()} after"
        + ("; harness and client under SCHED_FIFO (--realtime)" if a.realtime else ""))
  print(f"Binary: {binary} ({os.path.getsize(binary) / 1e6:.1f} MB). {a.runs} fresh processes "
        f"for the first frame (after 1 warm-up), then one session of {a.moves} moves, "
        f"{a.pages} pages, {min(a.searches, len(QUERIES))} searches. Times in ms, "
        "median / p99 (nearest rank); wall = as the user sees it through the pty, "
        "CPU = the client's own CPU time (/proc schedstat).\n")
  print("| figure | " + " | ".join(cols) + " | target |")
  print("|---|" + "---|" * len(cols) + "---|")
  rows = [
    ("store size on disk (MB)", lambda r: f"{r['store_mb']:.0f}", ""),
    ("first frame: process start → newest order on screen, wall",
     lambda r: ms(r["first_frame"]), "≤ 15 median"),
    ("first frame: client CPU", lambda r: ms(r["first_frame_cpu"]), ""),
    ("`sqlite3` CLI answering the same first page, wall (floor)",
     lambda r: ms(r["sqlite"]), ""),
    ("`sqlite3` CLI answering a plain newest-30 page, wall (issue 12)",
     lambda r: ms(r["newest30"]), ""),
    ("first frame ÷ newest-30 page (medians)",
     lambda r: f"{r['first_frame']['median'] / r['newest30']['median']:.1f}×", "≤ 4×"),
    ("move (j): key → selection moved, wall", lambda r: ms(r["move"]), "p99 ≤ 1"),
    ("move (j): client CPU", lambda r: ms(r["move_cpu"]), ""),
    ("page (PgDn): key → selection a page further, wall", lambda r: ms(r["page"]), ""),
    ("page (PgDn): client CPU", lambda r: ms(r["page_cpu"]), ""),
    ("search: Enter → first match selected, wall", lambda r: ms(r["search"]), "p99 ≤ 30"),
    ("search: client CPU", lambda r: ms(r["search_cpu"]), ""),
    ("search: typed character → echoed, wall", lambda r: ms(r["typing"]), ""),
    ("pty round trip to `cat`, interleaved with the keys (floor)",
     lambda r: ms(r["floor"]), ""),
    ("bytes per move (median / max)", lambda r: size(r["move_bytes"]), "≤ 340"),
    ("bytes per page (median / max)", lambda r: size(r["page_bytes"]), ""),
    ("bytes per search result (median / max)", lambda r: size(r["search_bytes"]), ""),
    ("bytes of the first frame", lambda r: f"{r['first_frame_bytes']:.0f}", ""),
    ("VmRSS after the first frame (MB)", lambda r: f"{r['rss_first_frame']:.1f}", "≤ 30"),
    ("VmRSS / VmHWM after the session (MB)",
     lambda r: f"{r['rss_end'][0]:.1f} / {r['rss_end'][1]:.1f}", "≤ 30"),
  ]
  for name, f, target in rows:
    print(f"| {name} | " + " | ".join(f(r) for r in results) + f" | {target} |")
  print(f"\nReproduce: `/usr/bin/python3 scripts/bench-tui.py {' '.join(sys.argv[1:])}`")
  for r in results:
    for failure in r["failures"]:
      print(f"- {label(r['orders'])}: {failure}")


def set_realtime(on):
  """SCHED_FIFO for the harness and (inherited) the client and sqlite3, or back to normal."""
  if on:
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
  else:
    os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
  ap.add_argument("--bin", default=os.path.join(ROOT, ".build-bench/release/talabati"),
                  help="the release binary (default: .build-bench/release/talabati)")
  ap.add_argument("--build", action="store_true",
                  help="build the release binary into .build-bench first")
  ap.add_argument("--store-dir", default="/tmp/bench",
                  help="where the demo stores live (created if missing, then reused)")
  ap.add_argument("--store", default=None,
                  help="the 1M-order store (default: STORE_DIR/1m.sqlite)")
  ap.add_argument("--sizes", default="10000,100000,1000000",
                  help="order counts, comma-separated")
  ap.add_argument("--runs", type=int, default=20, help="fresh processes for the first frame")
  ap.add_argument("--moves", type=int, default=200)
  ap.add_argument("--pages", type=int, default=30)
  ap.add_argument("--searches", type=int, default=len(QUERIES))
  ap.add_argument("--realtime", action="store_true",
                  help="measure under SCHED_FIFO (root): shields the figures from other "
                       "processes on a shared machine; stores are still built normally")
  ap.add_argument("--json", help="also write the raw figures to this file")
  ap.add_argument("--base", help="another binary whose first frames are measured interleaved "
                                 "with --bin's (e.g. the build before a change)")
  ap.add_argument("--first-frame-only", action="store_true",
                  help="measure only the first frames (no key session)")
  ap.add_argument("--lang", choices=["en", "ar"], default="en",
                  help="labels' language (ar: Arabic, the default a shopper gets; use it with "
                       "--first-frame-only)")
  a = ap.parse_args()
  global LANG
  LANG = a.lang
  if a.build:
    subprocess.run(["swift", "build", *RELEASE_FLAGS, "--scratch-path", ".build-bench",
                    "--product", "talabati"], cwd=ROOT, check=True)
  binary = os.path.abspath(a.bin)
  if a.base:
    a.base = os.path.abspath(a.base)
    if not os.access(a.base, os.X_OK):
      sys.exit(f"bench-tui: no binary at {a.base} (--base)")
  if not os.access(binary, os.X_OK):
    sys.exit(f"bench-tui: no binary at {binary}; build it with --build or:\n  swift build "
             + " ".join(RELEASE_FLAGS) + " --scratch-path .build-bench --product talabati")
  for tool in ("sqlite3",):
    if not any(os.access(os.path.join(d, tool), os.X_OK)
               for d in os.environ.get("PATH", "/usr/bin").split(":")):
      sys.exit(f"bench-tui: the {tool} CLI is missing (Debian package sqlite3)")
  sizes = [int(x) for x in a.sizes.split(",")]
  stores = {}
  for n in sizes:  # build every store first, at normal priority
    store = a.store if (a.store and n == 1_000_000) else os.path.join(
      a.store_dir, f"{label(n).lower()}.sqlite")
    made = ensure_store(binary, store, n)
    if made:
      print(f"  created in {made:.1f} s", file=sys.stderr)
    stores[n] = store
  load_before = loadavg()
  results = []
  set_realtime(a.realtime)
  try:
    for n in sizes:
      print(f"measuring {label(n)} ({stores[n]}) ...", file=sys.stderr, flush=True)
      results.append(measure(binary, stores[n], n, a))
  finally:
    if a.realtime:
      set_realtime(False)
  if a.base or a.first_frame_only:
    report_first_frames(results, a, binary, load_before)
  if not a.first_frame_only:
    report(results, a, binary, load_before)
  if a.json:
    with open(a.json, "w") as f:
      json.dump({"results": results, "argv": sys.argv[1:]}, f, indent=1)


if __name__ == "__main__":
  signal.signal(signal.SIGPIPE, signal.SIG_DFL)
  main()

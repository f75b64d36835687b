#!/usr/bin/env python3
"""Load benchmark of `talabati serve` (issue 10): N visitors over SSH on loopback, beside the
same workload on local ptys in the same run. Not a test: it prints figures.

Each SSH visitor has a key of its own (made on the first run and kept in DATA/bench-keys, so a
second run with the same --data reuses the keys and therefore their stores), connects with a
pty (xterm-256color, 80x24), and types at a human rhythm for --duration seconds: j j j, then
/ and a search word and Enter, then Escape, with 0.3-1.2 s between keys. Local sessions run the
same binary on the same stores directly on a pty (no SSH) with the same keys, at the same time.

Figures:
  connect -> first frame   TCP connect start -> the first output chunk holding an order number
  keystroke -> change      key written -> the next chunk of output (the screen's change)
  server CPU / RSS         the serve process, from /proc (utime+stime, VmHWM)
  child CPU / RSS          every session's child process, sampled at the end of the typing
  failures                 sessions that did not connect, show a first frame or finish

Traffic goes to 127.0.0.1 only; the run is bounded by --sessions and --duration (plus 60 s of
set-up and tear-down at most). Needs asyncssh (pip install asyncssh) and a release build:

    make release
    python3 -m venv --system-site-packages /tmp/venv && /tmp/venv/bin/pip install asyncssh
    /tmp/venv/bin/python scripts/bench-serve.py --bin .build/release/talabati --sessions 100
"""

import argparse
import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time

try:
  import asyncssh
except ImportError:  # pragma: no cover
  sys.exit("bench-serve: asyncssh is missing: pip install asyncssh (in a venv)")

ORDER_ID = re.compile(rb"\d{3}-\d{7}-\d{7}")
WORDS = ["sony", "kindle", "anker", "samsung", "apple", "nescafe"]


def pct(values, p):
  if not values:
    return float("nan")
  s = sorted(values)
  k = min(len(s) - 1, max(0, int(round(p / 100 * (len(s) - 1)))))
  return s[k]


def ms(v):
  return "n/a" if v != v else f"{v * 1000:.1f} ms"


def proc_cpu(pid):
  """utime + stime of a process, in seconds."""
  try:
    with open(f"/proc/{pid}/stat") as f:
      fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
  except OSError:
    return None


def proc_mem(pid, key):
  try:
    with open(f"/proc/{pid}/status") as f:
      for line in f:
        if line.startswith(key + ":"):
          return int(line.split()[1]) * 1024
  except OSError:
    return None
  return None


def children(pid):
  out = []
  try:
    for task in os.listdir(f"/proc/{pid}/task"):
      with open(f"/proc/{pid}/task/{task}/children") as f:
        out += [int(x) for x in f.read().split()]
  except OSError:
    pass
  return out


class Typist:
  """One session's keystrokes and what came back: shared by the SSH and the local kind."""

  def __init__(self, rng):
    self.rng = rng
    self.latencies = []
    self.first_frame = None
    self.chunk = asyncio.Event()
    self.last_chunk_at = 0.0
    self.seen_order = asyncio.Event()

  def received(self, data):
    now = time.monotonic()
    self.last_chunk_at = now
    self.chunk.set()
    if not self.seen_order.is_set() and ORDER_ID.search(data):
      self.seen_order.set()
      self.first_frame_at = now

  async def press(self, write, key, measure=True):
    self.chunk.clear()
    sent = time.monotonic()
    write(key)
    try:
      await asyncio.wait_for(self.chunk.wait(), 5)
      if measure:
        self.latencies.append(self.last_chunk_at - sent)
    except asyncio.TimeoutError:
      if measure:
        self.latencies.append(float("inf"))

  async def type_for(self, write, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
      for key in [b"j", b"j", b"j", b"/"] + [c.encode() for c in self.rng.choice(WORDS)] + [b"\r"]:
        await asyncio.sleep(self.rng.uniform(0.3, 1.2))
        if time.monotonic() >= end:
          return
        await self.press(write, key)
      await asyncio.sleep(self.rng.uniform(0.3, 1.2))
      await self.press(write, b"\x1b", measure=False)  # Escape: ncurses waits ESCDELAY


async def ssh_session(i, port, key, args, results, ready):
  t = Typist(random.Random(i))
  start = time.monotonic()
  try:
    async with asyncssh.connect(
        "127.0.0.1", port, username="bench", client_keys=[key], known_hosts=None,
        agent_path=None, connect_timeout=30) as conn:
      proc = await conn.create_process(
          term_type="xterm-256color", term_size=(80, 24), request_pty="force", encoding=None,
          env={"LANG": "en_US.UTF-8"})

      async def reader():
        while True:
          data = await proc.stdout.read(65536)
          if not data:
            return
          t.received(data)

      rtask = asyncio.create_task(reader())
      await asyncio.wait_for(t.seen_order.wait(), 60)
      t.first_frame = t.first_frame_at - start
      ready.append(i)
      await t.type_for(proc.stdin.write, args.duration)
      results["ssh"].append(t)
      for key in [b"\x1b", b"\x1b", b"q"]:  # out of the search line and the order, then quit
        proc.stdin.write(key)
        await asyncio.sleep(0.5)
      try:
        await asyncio.wait_for(proc.wait(), 10)
      except asyncio.TimeoutError:
        pass
      rtask.cancel()
  except Exception as e:  # counted, and the first few printed
    results["failures"].append(f"ssh {i}: {type(e).__name__}: {e}")


async def local_session(i, binary, store, args, results):
  import pty
  import termios
  import struct
  import fcntl
  t = Typist(random.Random(10_000 + i))
  master, slave = pty.openpty()
  fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
  # As a shopper starts it: no SWIFT_BACKTRACE (users do not set it; issue 12, goal 1).
  env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "TALABATI_STORE": store,
         "PATH": "/usr/bin:/bin"}
  start = time.monotonic()
  proc = subprocess.Popen([binary], stdin=slave, stdout=slave, stderr=slave, env=env,
                          start_new_session=True, close_fds=True)
  os.close(slave)
  loop = asyncio.get_running_loop()

  def readable():
    try:
      data = os.read(master, 65536)
    except OSError:
      data = b""
    if data:
      t.received(data)
    else:
      loop.remove_reader(master)

  loop.add_reader(master, readable)
  try:
    await asyncio.wait_for(t.seen_order.wait(), 60)
    t.first_frame = t.first_frame_at - start
    await t.type_for(lambda b: os.write(master, b), args.duration)
    results["local"].append(t)
    for key in [b"\x1b", b"\x1b", b"q"]:
      os.write(master, key)
      await asyncio.sleep(0.5)
    for _ in range(100):
      if proc.poll() is not None:
        break
      await asyncio.sleep(0.1)
  except Exception as e:
    results["failures"].append(f"local {i}: {type(e).__name__}: {e}")
  finally:
    if proc.poll() is None:
      proc.kill()
    proc.wait()
    try:
      loop.remove_reader(master)
    except Exception:
      pass
    os.close(master)


def load_keys(directory, n):
  os.makedirs(directory, exist_ok=True)
  keys = []
  made = 0
  for i in range(n):
    path = os.path.join(directory, f"key-{i:04d}")
    if os.path.exists(path):
      keys.append(asyncssh.read_private_key(path))
    else:
      k = asyncssh.generate_private_key("ssh-ed25519")
      k.write_private_key(path)
      keys.append(k)
      made += 1
  return keys, made


async def main():
  ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
  ap.add_argument("--bin", default=".build/release/talabati")
  ap.add_argument("--sessions", type=int, default=100)
  ap.add_argument("--local", type=int, default=10, help="local pty sessions beside them")
  ap.add_argument("--duration", type=float, default=60)
  ap.add_argument("--data", default="/tmp/talabati-bench-serve")
  ap.add_argument("--ramp", type=float, default=10, help="seconds over which visitors arrive")
  args = ap.parse_args()
  if not (1 <= args.sessions <= 500) or not (0 < args.duration <= 600):
    sys.exit("bench-serve: --sessions 1..500 and --duration up to 600 s")

  keys, made = load_keys(os.path.join(args.data, "bench-keys"), args.sessions)
  stores_before = len([f for f in os.listdir(os.path.join(args.data, "stores"))
                       if f.endswith(".sqlite")]) if os.path.isdir(os.path.join(args.data, "stores")) else 0
  server = subprocess.Popen(
      [args.bin, "serve", "--listen", "127.0.0.1:0", "--data", args.data,
       "--max-sessions", str(args.sessions + 20), "--max-sessions-per-key", "2",
       "--connections-per-minute", "100000", "--idle-timeout", "600"],
      stdout=subprocess.PIPE, stderr=open(os.path.join(args.data, "serve-bench.log"), "w"),
      text=True)
  port = None
  deadline = time.monotonic() + 30
  while time.monotonic() < deadline:
    line = server.stdout.readline()
    m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
    if m:
      port = int(m.group(1))
      break
  if not port:
    server.kill()
    sys.exit("bench-serve: the server did not start")

  load_start = os.getloadavg()
  cpu_start = proc_cpu(server.pid)
  results = {"ssh": [], "local": [], "failures": []}
  ready = []
  wall = time.monotonic()
  tasks = []
  for i, key in enumerate(keys):
    tasks.append(asyncio.create_task(ssh_session(i, port, key, args, results, ready)))
    await asyncio.sleep(args.ramp / max(1, args.sessions))

  # Local sessions on the stores the first visitors got (wait for them to exist).
  stores_dir = os.path.join(args.data, "stores")
  for _ in range(300):
    stores = sorted(os.path.join(stores_dir, f) for f in os.listdir(stores_dir)
                    if f.endswith(".sqlite")) if os.path.isdir(stores_dir) else []
    if len(stores) >= min(args.local, args.sessions):
      break
    await asyncio.sleep(0.1)
  for i in range(args.local):
    tasks.append(asyncio.create_task(local_session(i, args.bin, stores[i % len(stores)], args,
                                                   results)))

  # Sample the children while everyone is typing.
  await asyncio.sleep(min(args.duration * 0.8, args.duration - 1) + args.ramp * 0.2)
  kids = children(server.pid)
  child_cpu = [c for c in (proc_cpu(k) for k in kids) if c is not None]
  child_rss = [c for c in (proc_mem(k, "VmRSS") for k in kids) if c is not None]
  server_rss = proc_mem(server.pid, "VmRSS")
  await asyncio.wait(tasks, timeout=args.duration + 60)
  elapsed = time.monotonic() - wall
  cpu_end = proc_cpu(server.pid)
  server_hwm = proc_mem(server.pid, "VmHWM")
  load_end = os.getloadavg()
  server.send_signal(signal.SIGTERM)
  try:
    code = server.wait(20)
  except subprocess.TimeoutExpired:
    server.kill()
    code = "killed"
  stores_after = len([f for f in os.listdir(stores_dir) if f.endswith(".sqlite")])

  ssh, local = results["ssh"], results["local"]
  ssh_first = [t.first_frame for t in ssh]
  local_first = [t.first_frame for t in local]
  ssh_keys = [x for t in ssh for x in t.latencies]
  local_keys = [x for t in local for x in t.latencies]
  ssh_med = [statistics.median(t.latencies) for t in ssh if t.latencies]
  ssh_p99 = [pct(t.latencies, 99) for t in ssh if t.latencies]
  print(f"# bench-serve: {args.sessions} SSH sessions + {args.local} local, "
        f"{args.duration:.0f} s of typing each ({elapsed:.0f} s wall)")
  print(f"keys: {len(keys)} ({made} new, {len(keys) - made} reused); stores before {stores_before}, "
        f"after {stores_after}; load average {load_start[0]:.1f} at start, {load_end[0]:.1f} at end; "
        f"{os.cpu_count()} cores")
  print()
  print("| figure | over SSH | local pty (same run) |")
  print("|---|---|---|")
  print(f"| sessions completed | {len(ssh)} / {args.sessions} | {len(local)} / {args.local} |")
  print(f"| connect → first frame, median / p99 | {ms(pct(ssh_first, 50))} / {ms(pct(ssh_first, 99))} "
        f"| {ms(pct(local_first, 50))} / {ms(pct(local_first, 99))} (process start) |")
  print(f"| keystroke → screen change, all keys: median / p99 | {ms(pct(ssh_keys, 50))} / "
        f"{ms(pct(ssh_keys, 99))} | {ms(pct(local_keys, 50))} / {ms(pct(local_keys, 99))} |")
  print(f"| per session: median of medians / median of p99s | {ms(pct(ssh_med, 50))} / "
        f"{ms(pct(ssh_p99, 50))} | |")
  print(f"| keystrokes measured (no change within 5 s) | {len(ssh_keys)} "
        f"({sum(1 for x in ssh_keys if x == float('inf'))}) | {len(local_keys)} "
        f"({sum(1 for x in local_keys if x == float('inf'))}) |")
  if cpu_start is not None and cpu_end is not None:
    print(f"| server CPU over the run | {cpu_end - cpu_start:.1f} s ({(cpu_end - cpu_start) / elapsed * 100:.0f}% of one core) | |")
  if server_rss:
    print(f"| server memory (RSS while typing / peak) | {server_rss / 2**20:.1f} MB / "
          f"{(server_hwm or 0) / 2**20:.1f} MB | |")
  if child_cpu:
    print(f"| per child: CPU so far median / max | {statistics.median(child_cpu):.2f} s / "
          f"{max(child_cpu):.2f} s ({len(child_cpu)} children) | |")
  if child_rss:
    print(f"| per child: RSS median / max | {statistics.median(child_rss) / 2**20:.1f} MB / "
          f"{max(child_rss) / 2**20:.1f} MB | |")
  print(f"| failures | {len([f for f in results['failures'] if f.startswith('ssh')])} "
        f"| {len([f for f in results['failures'] if f.startswith('local')])} |")
  print(f"| server exit after SIGTERM | {code} | |")
  try:
    with open(os.path.join(args.data, "serve-bench.log")) as f:
      exits = re.findall(r" exit=(\d+) ", f.read())
    print(f"| session exit statuses (server log) | "
          f"{', '.join(f'{e}: {exits.count(e)}' for e in sorted(set(exits)))} | |")
  except OSError:
    pass
  for f in results["failures"][:5]:
    print(f"failure: {f}")


if __name__ == "__main__":
  asyncio.run(main())

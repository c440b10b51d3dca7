#!/usr/bin/env python3
"""Release day: the portal under load, and a soak with an import running (needs wrk).

    python3 Benchmarks/release_day.py pages [--postgres URL] [--seconds 15] [--connections 64]
    python3 Benchmarks/release_day.py soak  [--postgres URL] [--seconds 600] [--connections 64] [--import-every 1]

Starts `imdms serve --demo` (release build) on a fresh data folder or database, warms it, then
  pages: wrk on the home page, the quarterly bulletin, a dataset page (the table builder) and the
         table API, one after another: requests/s, latency p50/p99, errors, bytes per response
         (gzip accepted, as browsers do);
  soak:  a mixed workload (anonymous pages, table builder and API tables, SDMX, report downloads,
         dry-run API intake with a producer's token) for --seconds while `imdms import` stores a
         file again and again (one import started every --import-every seconds, so the load does
         not follow how fast `imdms import` is), after a one-minute warm-up of the same workload; prints throughput,
         percentiles, errors and the server's resident memory after warm-up, every 30 s and at the end.
This is a benchmark, not a test: the figures go into docs/PERFORMANCE.md.
"""
import os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMDMS = os.path.join(ROOT, ".build", "release", "imdms")
SAMPLES = os.path.join(ROOT, "Tests", "IMDMSTestSupport", "Resources", "samples")
PAGES = [
    ("home", "/"),
    ("bulletin", "/reports/quarterly-bulletin"),
    ("table builder", "/datasets/BORDER_CROSSINGS"),
    ("table API", "/api/datasets/BORDER_CROSSINGS/table?rows=BORDER_POST&cols=DIRECTION"),
]
MIX = [
    "/", "/", "/reports/quarterly-bulletin", "/datasets/BORDER_CROSSINGS", "/datasets/RETURNS?rows=ORIGIN&cols=SEX",
    "/api/datasets/BORDER_CROSSINGS/table?rows=BORDER_POST&cols=DIRECTION", "/api/datasets/LABOUR_MIGRATION/table?rows=SEX",
    "/sdmx/2.1/data/BORDER_CROSSINGS/all?startPeriod=2023-01&endPeriod=2023-01", "/datasets/BORDER_CROSSINGS/table.csv",
    "/reports/quarterly-bulletin?format=xlsx", "/reports/quarterly-bulletin?format=csv",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def wrk(url, seconds, connections, script=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: gzip"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True).stdout
    def find(pattern, default="0"):
        m = re.search(pattern, out)
        return m.group(1) if m else default
    def ms(text):
        value = float(re.match(r"[\d.]+", text).group(0))
        return value * 1000 if text.endswith("s") and not text.endswith("ms") and not text.endswith("us") else value / 1000 if text.endswith("us") else value
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)) + int(find(r"Non-2xx or 3xx responses: (\d+)"))
    requests = int(find(r"(\d+) requests in"))
    transfer = find(r"Transfer/sec:\s+([\d.]+\w+)")
    return {"rps": float(find(r"Requests/sec:\s+([\d.]+)")), "p50": ms(find(r"50%\s+([\d.]+\w+)", "0ms")),
            "p99": ms(find(r"99%\s+([\d.]+\w+)", "0ms")), "errors": errors, "requests": requests, "transfer": transfer, "raw": out}


def main():
    args = sys.argv[1:]
    mode = args.pop(0) if args else "pages"
    def option(name, default):
        if name in args:
            i = args.index(name); value = args[i + 1]; del args[i:i + 2]; return value
        return default
    postgres = option("--postgres", None)
    seconds = int(option("--seconds", "15" if mode == "pages" else "600"))
    connections = int(option("--connections", "64"))
    every = float(option("--import-every", "1"))  # soak: seconds from one import's start to the next
    work = tempfile.mkdtemp(prefix="imdms-load-")
    env = dict(os.environ, IMDMS_DATA_DIR=os.path.join(work, "data"))
    if postgres:
        env["IMDMS_DATABASE_URL"] = postgres
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([IMDMS, "serve", "--demo", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2); break
            except Exception:
                time.sleep(0.5)
        for _, path in PAGES:
            urllib.request.urlopen(base + path, timeout=120).read()
        db = "PostgreSQL" if postgres else "SQLite"
        if mode == "pages":
            print(f"| page ({db}) | requests/s | p50 (ms) | p99 (ms) | errors | transfer/s |")
            print("|---|---|---|---|---|---|")
            for name, path in PAGES:
                r = wrk(base + path, seconds, connections)
                print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} | {r['transfer']} |", flush=True)
        else:
            token = subprocess.run([IMDMS, "token", "add", "load-test", "--role", "producer", "--org", "MOLE", "--quiet"],
                                   env=env, capture_output=True, text=True, check=True).stdout.strip()
            script = os.path.join(work, "mix.lua")
            paths = ", ".join('"%s"' % p for p in MIX)
            with open(script, "w") as f:
                f.write(f"""
paths = {{ {paths} }}
local intake = io.open("{os.path.join(SAMPLES, 'mole-labour-migrants-2022.csv')}", "rb"):read("*a")
counter = 0
request = function()
  counter = counter + 1
  if counter % 50 == 0 then
    return wrk.format("POST", "/api/datasets/LABOUR_MIGRATION/submissions?dryRun=true&filename=labour.csv",
      {{ ["Authorization"] = "Bearer {token}", ["Content-Type"] = "application/octet-stream" }}, intake)
  end
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
""")
            # Each round a corrected labour file for 2030 (the first two values swapped, every other round; the
            # totals still add up): stored, superseding the last, a new data version every time, so
            # caches are invalidated while the crowd reads.
            # (for 2030: periods the demo data does not hold, so each round supersedes the last)
            sample = open(os.path.join(SAMPLES, "mole-labour-migrants-2022.csv"), "rb").read().replace(b"\r\n2022;", b"\r\n2030;")
            stop = threading.Event()
            imports, refusals = [], []
            def importing():
                n = 80
                while not stop.is_set():
                    n += 1
                    started = time.monotonic()
                    path = os.path.join(work, "labour.csv")
                    with open(path, "wb") as f:
                        lines = sample.split(b"\r\n")
                        if n % 2:
                            a, b = lines[1].rsplit(b";", 1), lines[2].rsplit(b";", 1)
                            lines[1], lines[2] = a[0] + b";" + b[1], b[0] + b";" + a[1]
                        f.write(b"\r\n".join(lines))
                    done = subprocess.run([IMDMS, "import", path, "--dataset", "LABOUR_MIGRATION"], env=env, capture_output=True)
                    imports.append(done.returncode)
                    if done.returncode != 0 and len(refusals) < 5:
                        refusals.append(done.stderr.decode(errors="replace").strip()[-400:])
                    stop.wait(max(0.0, every - (time.monotonic() - started)))
            importer = threading.Thread(target=importing)
            importer.start()
            # Warm-up: one minute of the whole workload, imports included, then memory.
            wrk(base + "/", 60, connections, script)
            warm = rss_mb(server.pid)
            imports_in_warm_up = len(imports)
            # The server's memory every 30 s, so a plateau can be told from a steady climb.
            timeline = []
            def sampling():
                while not stop.wait(30):
                    timeline.append(rss_mb(server.pid))
            sampler = threading.Thread(target=sampling)
            sampler.start()
            r = wrk(base + "/", seconds, connections, script)
            stop.set()
            importer.join()
            sampler.join()
            end = rss_mb(server.pid)
            print(f"soak ({db}), {seconds} s at {connections} connections with imports running: {r['requests']} requests, "
                  f"{r['rps']:.0f}/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, {r['errors']} errors; "
                  f"server memory {warm:.0f} MB after warm-up, {end:.0f} MB at the end ({(end - warm) / warm * 100:+.1f}%); "
                  f"{imports.count(0)} imports stored ({imports_in_warm_up} in the warm-up), {len(imports) - imports.count(0)} refused")
            for refusal in refusals:
                print("refused:", refusal)
            print("memory every 30 s (MB): " + ", ".join(f"{m:.0f}" for m in timeline))
            if "--raw" in sys.argv:
                print(r["raw"])
                shutil.copy(os.path.join(work, "serve.log"), "/tmp/release-day-serve.log")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A month of border crossings over SDMX, end to end (issue 17: under 150 ms).

    python3 Benchmarks/sdmx_month.py DATA_DIR [--postgres URL] [--requests 24]

Starts `imdms serve` (release build) on DATA_DIR (a folder holding the national `imdms.sqlite`
that `imdms-bench sdmx` builds; or, with --postgres, that database), waits until the start-up
work is done, then asks each format for one month of BORDER_CROSSINGS (44,800 observations), a
different month each time so the public cache never answers (a new URL), one request at a time
with curl, and prints the median, p95 and range of the total time in ms. This is a benchmark,
not a test: the figures go into docs/PERFORMANCE.md.
"""
import os, socket, statistics, subprocess, sys, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMDMS = os.path.join(ROOT, ".build", "release", "imdms")
FORMATS = [("SDMX-CSV 1.0", "csv"), ("SDMX-JSON 1.0", "jsondata"), ("StructureSpecificData", "structurespecificdata"), ("GenericData", "genericdata")]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    args = sys.argv[1:]
    data = args[0]
    postgres = args[args.index("--postgres") + 1] if "--postgres" in args else None
    count = int(args[args.index("--requests") + 1]) if "--requests" in args else 24
    port = free_port()
    env = dict(os.environ, IMDMS_PORT=str(port), IMDMS_DATA_DIR=data)
    if postgres:
        env["IMDMS_DATABASE_URL"] = postgres
    log = open(os.path.join("/tmp", f"sdmx_month_{port}.log"), "w")
    server = subprocess.Popen([IMDMS, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(1200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()
                break
            except Exception:
                time.sleep(0.5)  # waiting for the server to listen, not timing anything
        # Start-up work (report warm-up, cubes) runs in the background: wait until the log says it is done.
        for _ in range(1200):
            if "report(s) prepared" in open(log.name).read():
                break
            time.sleep(0.5)
        # Then until the server is idle (under 5 % of a core over two seconds): background work
        # after the start (release round, cubes) would otherwise fall on the first requests.
        def cpu_ticks():
            fields = open(f"/proc/{server.pid}/stat").read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])
        for _ in range(300):
            before = cpu_ticks()
            time.sleep(2)
            if cpu_ticks() - before < 0.05 * 2 * os.sysconf("SC_CLK_TCK"):
                break
        months = [f"{year}-{month:02d}" for year in (2025, 2024, 2023, 2022) for month in range(1, 13)]
        print(f"| format | requests | size (MB) | median (ms) | p95 (ms) | range (ms) |")
        print("|---|---|---|---|---|---|")
        timings = {fmt: [] for _, fmt in FORMATS}
        sizes = {}
        used = 0
        # The formats take turns, so a disturbance falls on all of them alike.
        for i in range(count):
            for name, fmt in FORMATS:
                month = months[used % len(months)]
                used += 1
                url = f"{base}/sdmx/2.1/data/BORDER_CROSSINGS/all?startPeriod={month}&endPeriod={month}&format={fmt}&n={used}"
                out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_download}", url],
                                     capture_output=True, text=True).stdout.split()
                if out[0] != "200":
                    raise SystemExit(f"{url}: HTTP {out[0]}")
                timings[fmt].append(float(out[1]) * 1000)
                sizes[fmt] = int(out[2])
                time.sleep(0.3)  # one request at a time, the server idle in between (not timing anything)
        for name, fmt in FORMATS:
            size = sizes[fmt]
            times = sorted(timings[fmt])
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"| {name} | {count} | {size / 1e6:.1f} | {statistics.median(times):.0f} | {p95:.0f} | {times[0]:.0f}–{times[-1]:.0f} |", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reads the same XLSX and CSV files with IMDMS's readers, openpyxl (read-only) and calamine,
and prints rows per second and peak memory side by side (docs/PERFORMANCE.md).

    swift build -c release --product imdms-bench
    pip install openpyxl python-calamine
    python3 Benchmarks/compare_readers.py [--rows 200000] [--csv-rows 1000000] [--dir /tmp/imdms-bench-files]
"""
import argparse, os, random, subprocess, sys

def make_files(folder, xlsx_rows, csv_rows):
    import openpyxl
    os.makedirs(folder, exist_ok=True)
    files = {}
    rng = random.Random(7)
    posts = ["Maseru Bridge", "Maputsoe Bridge", "Caledonspoort", "Van Rooyen's Gate", "Tele Bridge", "Qacha's Nek"]
    for rows in sorted({xlsx_rows // 4, xlsx_rows}):
        path = os.path.join(folder, f"rows-{rows}.xlsx")
        if not os.path.exists(path):
            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("Data")
            ws.append(["Month", "Port", "Direction", "Citizenship", "Sex", "Age", "Purpose", "Count"])
            for i in range(rows):
                ws.append([f"2022-{i % 12 + 1:02d}", rng.choice(posts), rng.choice(["IN", "OUT"]), rng.choice(["LSO", "ZAF", "ZWE"]),
                           rng.choice(["M", "F"]), rng.choice(["15-24", "25-34", "35-44"]), rng.choice(["Work", "Visit"]), rng.randint(0, 5000)])
            wb.save(path)
        files[f"xlsx {rows}"] = path
    for rows in sorted({csv_rows // 4, csv_rows}):
        path = os.path.join(folder, f"rows-{rows}.csv")
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write("Month,Port,Direction,Citizenship,Sex,Age,Purpose,Count\n")
                for i in range(rows):
                    f.write(f"2022-{i % 12 + 1:02d},{rng.choice(posts)},{rng.choice(['IN','OUT'])},LSO,{rng.choice('MF')},25-34,Work,{rng.randint(0,5000)}\n")
        files[f"csv {rows}"] = path
    return files

def timed(command):
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + command, capture_output=True, text=True, check=True)
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1].split()
    return float(line[1]), int(line[2]) // 1024, out.stdout.strip()

OPENPYXL = "import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1],read_only=True)\nn=sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))\nprint(n)"
CALAMINE = "import python_calamine,sys\nwb=python_calamine.CalamineWorkbook.from_path(sys.argv[1])\nn=sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())\nprint(n)"
PYCSV = "import csv,sys\nn=sum(1 for _ in csv.reader(open(sys.argv[1],newline='')))\nprint(n)"

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default="/tmp/imdms-bench-files")
    parser.add_argument("--bench", default=".build/release/imdms-bench")
    args = parser.parse_args()
    files = make_files(args.dir, args.rows, args.csv_rows)
    print("| file | reader | rows | seconds | rows/s | peak RSS (MB) |")
    print("|---|---|---|---|---|---|")
    for label, path in files.items():
        kind, rows = label.split()
        readers = [("IMDMS", [args.bench, kind, path])]
        if kind == "xlsx":
            readers += [("openpyxl (read-only)", [sys.executable, "-c", OPENPYXL, path]), ("calamine", [sys.executable, "-c", CALAMINE, path])]
        else:
            readers += [("Python csv", [sys.executable, "-c", PYCSV, path])]
        for name, command in readers:
            seconds, rss, _ = timed(command)
            print(f"| {os.path.basename(path)} | {name} | {int(rows) + 1} | {seconds:.2f} | {(int(rows) + 1) / seconds:,.0f} | {rss} |")

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The attacker: tries to work out every protected value from IMDMS's public outputs.

It sees what an outsider sees (tables of every dimension pair with every single-code filter,
each period, quarter and year, multi-code filters and custom period ranges, report tables, SDMX
observations and keys) and knows what an outsider may know (the code hierarchies, that periods
add up to quarters and years, that values are never negative, the threshold). The harness also
holds the true values (read with a data manager's token, or given with a hand-built case), so it
can tell when an attack succeeds. Three attacks, per year of a dataset (no relation crosses a year):

  (a) one-step differencing: a relation (a cell and its parts along one dimension or in time,
      a multi-code or period-range sum and its parts) with exactly one unknown member;
  (b) combining routes: (a) repeated with what (a) found, over every output together, until
      nothing more is found;
  (c) linear programming: for each protected cell, the least and greatest values it can take
      given every published cell (scipy's HiGHS), with withheld values >= 0; a cell whose range
      is one point is worked out.

A protected cell is one with a value above 0 and under the threshold, or holding a value a
producer sent as confidential. The harness also checks that every published number is true and
the same wherever it appears. Exit status 1 when any protected cell is worked out or any check
fails. Usage:

  attack.py --case FILE.json                 a hand-built case written by the Swift tests
  attack.py --server URL --token TOKEN --years 2023,2024 [--datasets A,B] [--guess] [--regional FILE]

With --regional (a country's regional.json, D71), the regional dataflows made from each attacked
dataset are read too, each regional observation a published sum of national cells (its codes
mapped back as the attacker knows the mapping), used by every attack.
"""

import argparse
import csv
import io
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


class Hierarchy:
    """One dimension's codes with their parents (the code hierarchy an outsider reads)."""

    def __init__(self, parents):
        self.parent = dict(parents)
        self.children = defaultdict(list)
        for code, parent in self.parent.items():
            if parent is not None:
                self.children[parent].append(code)
        roots = [c for c, p in self.parent.items() if p is None]
        self.root = roots[0] if len(roots) == 1 else "*"
        if len(roots) != 1:
            self.parent["*"] = None
            for r in roots:
                self.parent[r] = "*"
                self.children["*"].append(r)

    def up(self, code):
        path = [code]
        while self.parent.get(path[-1]) is not None:
            path.append(self.parent[path[-1]])
        return path


class Block:
    """One year of one dataset: atoms (observations, with their true values) and every cell an
    outsider saw, published with its value or withheld."""

    def __init__(self, name, dims, period_parent, threshold):
        self.name = name
        self.dims = dims
        self.period_parent = period_parent  # period -> containing period (None for the year)
        self.threshold = threshold
        self.atoms = []  # (codes, period)
        self.truth = []
        self.confidential = set()  # atom indices sent as confidential
        self.cells = {}  # (codes, period) -> value or None
        self.unions = []  # ([cell keys], value or None, where)
        self.mismatches = []
        self._under = None
        self.guess = False
        self.verbose = False

    def add_atom(self, codes, period, value, confidential=False):
        self.atoms.append((tuple(codes), period))
        self.truth.append(float(value))
        if confidential:
            self.confidential.add(len(self.atoms) - 1)

    def see(self, codes, period, value, where):
        key = (tuple(codes), period)
        if key in self.cells and self.cells[key] != value:
            self.mismatches.append(f"{where}: {key} is {value} here but {self.cells[key]} elsewhere")
        self.cells[key] = value

    def period_up(self, period):
        path = [period]
        while self.period_parent.get(path[-1]) is not None:
            path.append(self.period_parent[path[-1]])
        return path

    def members(self, key):
        """The atoms a cell adds up, as a bitset (an int)."""
        if self._under is None:
            self._under = [defaultdict(int) for _ in self.dims]
            self._in = defaultdict(int)
            for i, (codes, period) in enumerate(self.atoms):
                bit = 1 << i
                for d, code in enumerate(codes):
                    for above in self.dims[d].up(code):
                        self._under[d][above] |= bit
                for above in self.period_up(period):
                    self._in[above] |= bit
        codes, period = key
        bits = self._in.get(period, 0)
        for d, code in enumerate(codes):
            bits &= self._under[d].get(code, 0)
            if not bits:
                break
        return bits

    def true_value(self, bits):
        total, i = 0.0, 0
        while bits:
            if bits & 1:
                total += self.truth[i]
            bits >>= 1
            i += 1
        return total

    @staticmethod
    def indices(bits):
        result, i = [], 0
        while bits:
            low = bits & -bits
            i = low.bit_length() - 1
            result.append(i)
            bits ^= low
        return result

    def relations(self):
        """Every additive relation among the cells: a cell and its parts along one dimension,
        a period and its sub-periods, a multi-code or range sum and its parts."""
        seen = set(self.cells)
        for key in list(seen):
            codes, period = key
            for d, code in enumerate(codes):
                kids = self.dims[d].children.get(code)
                if kids:
                    yield key, [(codes[:d] + (k,) + codes[d + 1:], period) for k in kids]
            subs = [p for p, parent in self.period_parent.items() if parent == period]
            if subs:
                yield key, [(codes, p) for p in subs]

    def analyse(self, lp=True):
        started = time.time()
        report = {"block": self.name, "atoms": len(self.atoms), "cells seen": len(self.cells),
                  "withheld": sum(v is None for v in self.cells.values()), "unions": len(self.unions),
                  "regional published": sum(1 for _, v, w in self.unions if w.startswith("regional") and v is not None),
                  "regional withheld": sum(1 for _, v, w in self.unions if w.startswith("regional") and v is None)}
        members = {key: self.members(key) for key in self.cells}
        # Protected cells: 0 < value < threshold, or holding a confidential value.
        protected = {}
        for key, bits in members.items():
            value = self.true_value(bits)
            if self.threshold > 1 and 0 < value < self.threshold:
                protected[key] = value
        # Confidential atoms: their own cells, and none may be published as a lone atom.
        for i in self.confidential:
            protected[(self.atoms[i][0], self.atoms[i][1])] = self.truth[i]
        errors = list(self.mismatches)
        for key, value in self.cells.items():
            if value is not None and abs(value - self.true_value(members[key])) > 1e-6:
                errors.append(f"published {key} = {value}, true {self.true_value(members[key])}")
        for key in protected:
            if key in self.cells and self.cells[key] is not None:
                errors.append(f"protected cell {key} (true {protected[key]}) is published")
        for parts, value, where in self.unions:
            true = sum(self.true_value(self.members(p)) for p in parts)
            if value is not None:
                if abs(value - true) > 1e-6:
                    errors.append(f"{where}: published sum {value}, true {true}")
                if not where.startswith("regional rest") and any(self.cells.get(p, 0) is None for p in parts):
                    errors.append(f"{where}: a sum with a withheld part is published ({value})")
        report["protected"] = len(protected)
        # (a) and (b): differencing along relations, then repeated.
        known = {key: value for key, value in self.cells.items() if value is not None}

        def value_of(key):
            if key in known:
                return known[key]
            if key not in self.cells and not self.members(key):
                return 0.0  # an empty cell: no observation, known to be empty
            return None

        relations = list(self.relations())
        relations += [(None, parts, value) for parts, value, _ in self.unions if value is not None]
        found_first, rounds = set(), 0
        while True:
            rounds += 1
            found = {}
            for relation in relations:
                whole, parts = relation[0], relation[1]
                total = relation[2] if whole is None else value_of(whole)
                members_ = ([] if whole is None else [whole]) + parts
                unknown = [m for m in members_ if value_of(m) is None]
                if len(unknown) != 1 or (whole is None and total is None):
                    continue
                target = unknown[0]
                if whole is None or target != whole:
                    rest = sum(value_of(p) for p in parts if p != target)
                    found[target] = total - rest
                else:
                    found[target] = sum(value_of(p) for p in parts)
            new = {k: v for k, v in found.items() if k not in known}
            if rounds == 1:
                found_first = set(new)
            if not new:
                break
            known.update(new)
        differenced = {k for k in known if self.cells.get(k, 0) is None}
        report["(a) one-step: protected worked out"] = sum(1 for k in found_first if k in protected)
        report["(b) combined: protected worked out"] = sum(1 for k in differenced if k in protected)
        report["(b) combined: other withheld worked out"] = sum(1 for k in differenced if k not in protected)
        for k in differenced:
            if k in protected:
                errors.append(f"(b) worked out protected {k} = {known[k]} (true {protected[k]})")
        # (c) linear programming over every published cell of the block.
        if lp:
            collapsed, widths, guess = self.interval_attack(members, protected)
            report["(c) LP: protected worked out"] = len(collapsed)
            report["(c) LP: narrowest range"] = min(widths) if widths else None
            report["(c) LP: protected ranges under 1 wide"] = sum(1 for w in widths if w < 1 - 1e-6)
            for key, lo, hi in collapsed:
                errors.append(f"(c) LP fixes protected {key} to [{lo}, {hi}] (true {protected[key]})")
            if guess is not None:
                report["(c') LP, guessing no withheld cell is 0: protected fixed"] = guess
        report["errors"] = errors
        report["seconds"] = round(time.time() - started, 2)
        return report

    def interval_attack(self, members, protected):
        """Least and greatest value of each withheld protected cell, by linear programming."""
        n = len(self.atoms)
        rows, rhs = [], []
        for key, value in self.cells.items():
            if value is not None:
                rows.append(members[key])
                rhs.append(value)
        for parts, value, _ in self.unions:
            if value is not None:
                bits = 0
                for p in parts:
                    bits |= self.members(p)
                rows.append(bits)
                rhs.append(value)
        # Atoms fixed by a published cell of their own drop out.
        fixed = {}
        for bits, value in zip(rows, rhs):
            if bits and bits & (bits - 1) == 0:
                fixed[bits.bit_length() - 1] = value
        free = [i for i in range(n) if i not in fixed]
        column = {atom: j for j, atom in enumerate(free)}
        data, ri, ci, b = [], [], [], []
        seen_rows = set()
        for bits, value in zip(rows, rhs):
            idx = self.indices(bits)
            rest = value - sum(fixed[i] for i in idx if i in fixed)
            cols = tuple(column[i] for i in idx if i not in fixed)
            if not cols or cols in seen_rows:
                continue
            seen_rows.add(cols)
            r = len(b)
            for c in cols:
                data.append(1.0)
                ri.append(r)
                ci.append(c)
            b.append(rest)
        targets = [k for k in protected if self.cells.get(k) is None]
        collapsed, widths = [], []
        if not free or not targets:
            return collapsed, widths, None
        solver = RangeSolver(len(free), list(ri), list(ci), list(data), list(b))
        guesser = None
        if self.guess:
            withheld = []
            for key, value in self.cells.items():
                if value is None:
                    cols = [column[i] for i in self.indices(members[key]) if i not in fixed]
                    if cols:
                        withheld.append(cols)
            guesser = RangeSolver(len(free), list(ri), list(ci), list(data), list(b), at_least=withheld)
        guessed = 0
        done = {}
        for key in targets:
            atoms = self.indices(members[key] if key in members else self.members(key))
            idx = tuple(column[i] for i in atoms if i not in fixed)
            base = sum(fixed[i] for i in atoms if i in fixed)
            if not idx:
                continue
            if idx not in done:
                done[idx] = solver.range(idx)
            lo, hi = done[idx]
            lo, hi = base + lo, base + hi
            widths.append(hi - lo)
            # Values are whole numbers: a range narrower than 1 around the truth gives it away.
            if hi - lo < 1 - 1e-6:
                collapsed.append((key, lo, hi))
            if guesser is not None:
                glo, ghi = guesser.range(idx)
                if ghi - glo < 1 - 1e-6:
                    guessed += 1
                    if self.verbose and guessed <= 10:
                        print(f"  guess fixes {key} to [{glo}, {ghi}] (true {protected[key]}; plain range [{lo}, {hi}])", file=sys.stderr)
        return collapsed, widths, guessed if guesser is not None else None


class RangeSolver:
    """The least and greatest value of a sum of variables over {A x = b, x >= 0}: one HiGHS model,
    re-solved from the last basis for each new objective (highspy); scipy's linprog otherwise."""

    def __init__(self, n, rows, cols, data, b, at_least=None):
        """`at_least`: optional extra rows (lists of columns) whose sum is at least 1."""
        self.n = n
        at_least = at_least or []
        for extra in at_least:
            r = len(b)
            for c in extra:
                rows.append(r)
                cols.append(c)
                data.append(1.0)
            b = b + [None]
        matrix = csr_matrix((data, (rows, cols)), shape=(max(1, len(b)), n))
        self.scipy = (matrix, np.array(b, dtype=object) if b else np.zeros(1))
        try:
            import highspy
        except ImportError:
            self.highs = None
            return
        self.hs = highspy
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        # Each new objective starts from the last optimal basis, which stays feasible: primal
        # simplex without presolve takes a few steps from there.
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = len(b)
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, highspy.kHighsInf)
        lp.row_lower_ = np.array([1.0 if v is None else v for v in b], dtype=float)
        lp.row_upper_ = np.array([highspy.kHighsInf if v is None else v for v in b], dtype=float)
        csc = matrix[: len(b)].tocsc()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = csc.indptr
        lp.a_matrix_.index_ = csc.indices
        lp.a_matrix_.value_ = csc.data
        h.passModel(lp)
        self.highs = h
        self.all = np.arange(n, dtype=np.int32)

    def range(self, idx):
        cost = np.zeros(self.n)
        cost[list(idx)] = 1.0
        if self.highs is None:
            matrix, b = self.scipy
            if any(v is None for v in b):
                raise RuntimeError("the guessing attack needs highspy")
            low = linprog(cost, A_eq=matrix, b_eq=b, bounds=(0, None), method="highs")
            high = linprog(-cost, A_eq=matrix, b_eq=b, bounds=(0, None), method="highs")
            return (low.fun if low.status == 0 else float("-inf")), (-high.fun if high.status == 0 else float("inf"))
        h, hs = self.highs, self.hs
        h.changeColsCost(self.n, self.all, cost)
        result = []
        for sense in (hs.ObjSense.kMinimize, hs.ObjSense.kMaximize):
            h.changeObjectiveSense(sense)
            h.run()
            status = h.getModelStatus()
            if status == hs.HighsModelStatus.kOptimal:
                result.append(h.getInfo().objective_function_value)
            else:
                result.append(float("-inf") if sense == hs.ObjSense.kMinimize else float("inf"))
        return result[0], result[1]


# ---------------------------------------------------------------------------------------------
# A hand-built case, as the Swift tests write it.

def load_case(path):
    spec = json.load(open(path))
    dims = [Hierarchy({c["code"]: c.get("parent") for c in d}) for d in spec["dimensions"]]
    block = Block(spec["name"], dims, {p: q for p, q in spec["periods"].items()}, spec["threshold"])
    for atom in spec["atoms"]:
        block.add_atom(atom["codes"], atom["period"], atom["value"], atom.get("confidential", False))
    for cell in spec["cells"]:
        block.see(cell["codes"], cell["period"], cell.get("value"), "case")
    return [block]


# ---------------------------------------------------------------------------------------------
# A running server: what an anonymous caller can ask, and the truth through a staff token.

class Server:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token
        self.requests = 0

    def get(self, path, staff=False, accept=None, missing_ok=False):
        request = urllib.request.Request(self.url + path)
        if staff:
            request.add_header("Authorization", f"Bearer {self.token}")
        if accept:
            request.add_header("Accept", accept)
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return ""
            raise

    def json(self, path, staff=False):
        return json.loads(self.get(path, staff))


def periods_of_year(year, frequency):
    """Every period of a year at a dataset's frequency and above, with its parent."""
    parent = {str(year): None}
    if frequency in ("Q", "M"):
        for q in range(1, 5):
            parent[f"{year}-Q{q}"] = str(year)
    if frequency == "M":
        for m in range(1, 13):
            parent[f"{year}-{m:02d}"] = f"{year}-Q{(m - 1) // 3 + 1}"
    native = [p for p in parent if (frequency == "A" and p == str(year)) or (frequency == "Q" and "-Q" in p)
              or (frequency == "M" and len(p) == 7 and "-Q" not in p)]
    return parent, native


def attack_server(server, year, only, regional=None):
    datasets = server.json("/api/datasets")
    blocks = []
    for ds in datasets:
        if only and ds["id"] not in only:
            continue
        if ds["disclosureThreshold"] <= 1 and not only:
            continue
        if not ds.get("lastPeriod"):
            continue
        first, last = int(ds["firstPeriod"][:4]), int(ds["lastPeriod"][:4])
        blocks.append(fetch_block(server, ds, year if first <= year <= last else last, regional))
    return [b for b in blocks if b is not None]


def fetch_block(server, ds, year, regional=None):
    ident, frequency, stock = ds["id"], ds["frequency"], ds["measure"]["kind"] == "stock"
    dims = [d["id"] for d in ds["dimensions"]]
    hierarchies, codes_of = [], []
    for d in ds["dimensions"]:
        codelist = server.json(f"/api/codelists/{d['codelistID']}")
        parents = {c["id"]: c.get("parentID") for c in codelist["codes"] if not c.get("memberIDs")}
        hierarchies.append(Hierarchy(parents))
        codes_of.append(codelist)
    period_parent, native = periods_of_year(year, frequency)
    if stock:
        period_parent = {p: None for p in native}
    block = Block(f"{ident} {year}", hierarchies, period_parent, ds["disclosureThreshold"])
    # The truth, and the keys an outsider sees: SDMX-CSV, as staff and anonymously.
    flow = f"/sdmx/2.1/data/{ident}/all?startPeriod={year}&endPeriod={year}&format=csv"
    truth = list(csv.DictReader(io.StringIO(server.get(flow, staff=True))))
    if not truth:
        return None
    for row in truth:
        block.add_atom([row[d] for d in dims], row["TIME_PERIOD"], float(row["OBS_VALUE"]), row.get("CONF_STATUS") not in (None, "", "F"))
    for row in csv.DictReader(io.StringIO(server.get(flow))):
        value = None if row["OBS_VALUE"] == "" else float(row["OBS_VALUE"])
        block.see([row[d] for d in dims], row["TIME_PERIOD"], value, "SDMX")
    used = [sorted({a[0][i] for a in block.atoms}) for i in range(len(dims))]
    # Every cell: two dimensions on the axes, every other at each code it (or its parents) has.
    def codes_with_parents(i):
        result = set()
        for code in used[i]:
            result.update(hierarchies[i].up(code))
        result.discard(hierarchies[i].root)
        result.discard("*")
        return sorted(result)
    filter_codes = [codes_with_parents(i) for i in range(len(dims))]
    rows_dim = max(range(len(dims)), key=lambda i: len(filter_codes[i]))
    cols_dim = max((i for i in range(len(dims)) if i != rows_dim), key=lambda i: len(filter_codes[i]), default=None)
    others = [i for i in range(len(dims)) if i not in (rows_dim, cols_dim)]
    times = [(p, p, None) for p in native]
    if not stock:
        if frequency == "M":
            times += [(f"{year}-Q{q}", f"{year}-Q{q}", "Q") for q in range(1, 5)]
        if frequency != "A":
            times.append((str(year), str(year), "A"))

    def fetch_table(params, time_key, filters, where):
        query = urllib.parse.urlencode(params)
        table = server.json(f"/api/datasets/{ident}/table?{query}")
        rows_id, cols_id = params["rows"], params.get("cols")
        def coords(row_code, col_code):
            codes = []
            for i, d in enumerate(dims):
                if d == rows_id:
                    codes.append(row_code if row_code != "_Z_TOTAL" else (filters.get(d) or hierarchies[i].root))
                elif d == cols_id:
                    codes.append(col_code if col_code != "_Z_TOTAL" else (filters.get(d) or hierarchies[i].root))
                else:
                    codes.append(filters.get(d) or hierarchies[i].root)
            return codes
        cells = list(table["cells"]) + list(table["rowTotals"].values()) + list(table["columnTotals"].values())
        if table.get("grand"):
            cells.append(table["grand"])
        for c in cells:
            column = c["column"] if cols_id else "_Z_TOTAL"
            block.see(coords(c["row"], column), time_key, c.get("value"), where)

    import itertools
    for start, end, freq in times:
        for combo in itertools.product(*[[None] + filter_codes[i] for i in others]):
            filters = {dims[i]: code for i, code in zip(others, combo) if code is not None}
            params = {"rows": dims[rows_dim], "start": start, "end": end}
            params["cols"] = dims[cols_dim] if cols_dim is not None else "none"
            if freq:
                params["freq"] = freq
            params.update(filters)
            fetch_table(params, start, filters, f"table {params}")
    # Other routes to the same cells: every other pair of dimensions, without filters.
    for i in range(len(dims)):
        for j in range(len(dims)):
            if i != j and (i, j) != (rows_dim, cols_dim):
                for start, end, freq in times[:1] + times[-1:]:
                    params = {"rows": dims[i], "cols": dims[j], "start": start, "end": end}
                    if freq:
                        params["freq"] = freq
                    fetch_table(params, start, {}, f"table {params}")
    # Multi-code filters and custom period ranges: published only as sums of published cells.
    for i in range(len(dims)):
        if len(used[i]) >= 2:
            pair = used[i][:2]
            for start, end, freq in times[:1]:
                params = {"rows": dims[rows_dim if i != rows_dim else cols_dim or rows_dim], "cols": "none", "start": start, "end": end, dims[i]: ",".join(pair)}
                table = server.json(f"/api/datasets/{ident}/table?{urllib.parse.urlencode(params)}")
                if table.get("grand") is not None:
                    parts = []
                    for code in pair:
                        codes = [hierarchies[k].root for k in range(len(dims))]
                        codes[i] = code
                        parts.append((tuple(codes), start))
                    block.unions.append((parts, table["grand"].get("value"), f"multi-code {params}"))
    for flow_id, flow in ((regional or {}).get("dataflows") or {}).items():
        if flow["dataset"] == ident:
            regional_unions(server, block, flow_id, flow, dims, hierarchies, used, year)
    if frequency != "A" and not stock and len(native) >= 3:
        start, end = native[1], native[-1]
        params = {"rows": dims[rows_dim], "cols": "none", "start": start, "end": end, "freq": "A"}
        table = server.json(f"/api/datasets/{ident}/table?{urllib.parse.urlencode(params)}")
        if table.get("grand") is not None:
            root = tuple(h.root for h in hierarchies)
            block.unions.append(([(root, p) for p in native[1:]], table["grand"].get("value"), f"range {params}"))
    return block


def regional_unions(server, block, flow_id, flow, dims, hierarchies, used, year):
    """A regional dataflow's observations as sums of national cells: for each national dimension a
    regional one comes from, the national codes mapped to its code (for the code `*` maps to,
    every other code the data uses, outside the listed ones); every other national dimension at
    its total."""
    text = server.get(f"/sdmx/2.1/data/SADC,{flow_id},1.0/all?startPeriod={year}&endPeriod={year}&format=csv", missing_ok=True)
    if not text:
        return
    source = {spec["from"]: (regional_dim, spec["codes"]) for regional_dim, spec in flow["dimensions"].items() if "from" in spec}
    import itertools
    for row in csv.DictReader(io.StringIO(text)):
        value = None if row["OBS_VALUE"] == "" else float(row["OBS_VALUE"])
        choices, rest = [], False
        for i, d in enumerate(dims):
            if d not in source:
                choices.append([hierarchies[i].root])
                continue
            regional_dim, codes = source[d]
            target = row[regional_dim]
            listed = [c for c in codes if c != "*"]
            mine = [c for c in listed if codes[c] == target]
            if codes.get("*") == target:
                rest = True
                inside = lambda code: any(up in listed for up in hierarchies[i].up(code))
                mine += [c for c in used[i] if not inside(c)]
            choices.append(mine)
        parts = [(tuple(codes), row["TIME_PERIOD"]) for codes in itertools.product(*choices)]
        # A `*` cell is the national total less the listed codes: published when they all are,
        # which the national tables already give away, so its parts may be withheld one by one.
        block.unions.append((parts, value, f"regional {'rest ' if rest else ''}{flow_id} {row['TIME_PERIOD']}"))


def report_tables(server, block, report_id, period, dims, hierarchies):
    """A report's tables as cells (rows × cols with margins, no filters)."""
    doc = server.json(f"/api/reports/{report_id}?period={period}")
    for section in doc["sections"]:
        for entry in section["tables"]:
            table = entry["table"]
            request = table["request"]
            rows_id, cols_id = request["rowDimension"], request.get("columnDimension")
            if request.get("filters") or rows_id == "TIME_PERIOD" or cols_id == "TIME_PERIOD" or request.get("rowCodes"):
                continue
            cells = list(table["cells"]) + list(table["rowTotals"].values()) + list(table["columnTotals"].values())
            if table.get("grand"):
                cells.append(table["grand"])
            for c in cells:
                codes = []
                for i, d in enumerate(dims):
                    if d == rows_id:
                        codes.append(c["row"] if c["row"] != "_Z_TOTAL" else hierarchies[i].root)
                    elif d == cols_id and c["column"] not in ("_T", "_Z_TOTAL"):
                        codes.append(c["column"])
                    else:
                        codes.append(hierarchies[i].root)
                block.see(codes, period, c.get("value"), f"report {report_id}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case")
    parser.add_argument("--server")
    parser.add_argument("--token")
    parser.add_argument("--years", default="2024", help="comma-separated; a dataset without data in a year is attacked in its last year")
    parser.add_argument("--datasets", default="")
    parser.add_argument("--no-lp", action="store_true")
    parser.add_argument("--guess", action="store_true", help="also attack as if no withheld cell were 0 (informational)")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--regional", help="the country's regional.json: attack the regional dataflows too")
    args = parser.parse_args()
    only = [d for d in args.datasets.split(",") if d]
    if args.case:
        blocks = load_case(args.case)
    else:
        server = Server(args.server, args.token)
        blocks = []
        for year in [int(y) for y in args.years.split(",") if y]:
            for block in attack_server(server, year, only, json.load(open(args.regional)) if args.regional else None):
                if any(b.name == block.name for b in blocks):
                    continue
                if block.name.startswith("TIP_VICTIMS"):
                    ds = next(d for d in server.json("/api/datasets") if d["id"] == "TIP_VICTIMS")
                    report_tables(server, block, "trafficking", block.name.split()[-1], [d["id"] for d in ds["dimensions"]], block.dims)
                blocks.append(block)
        print(f"requests: {server.requests}", file=sys.stderr)
    failed = False
    results = []
    for block in blocks:
        block.guess = args.guess
        block.verbose = args.verbose
        result = block.analyse(lp=not args.no_lp)
        results.append(result)
        failed = failed or bool(result["errors"])
        errors = result.pop("errors")
        print(json.dumps(result), flush=True)
        for e in errors[:20]:
            print("  FAIL " + e, flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

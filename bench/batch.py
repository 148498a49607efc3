"""Batch rendering at campaign scale: rows/s and peak memory as the lead file grows.

    python bench/batch.py [--rows 10000,100000] [--locale en|ko] [--jobs 1,2]

Writes a CSV of distinct leads, runs ``msglint render sms/missed-call --data leads.csv --out`` in
a child process and reads the peak resident memory of the largest process it ran
(``resource.getrusage`` of the children: with ``--jobs 2``, the parent or one worker). The rows
are read as the batch uses them, so the peak must not grow with the number of rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIRST = ["Priya", "Daniel", "Mina", "Jonas", "Aiko", "Omar", "Lena", "Tariq", "Sofia", "Ken"]
KO_FAMILY = "김이박최정강조윤장임한오서신권황안송류홍"
KO_GIVEN = "민서지하준도윤예은수아현우채원가온시"


def lead(i: int, locale: str) -> dict:
    if locale == "ko":
        name = KO_FAMILY[i % len(KO_FAMILY)] + KO_GIVEN[(i // 7) % len(KO_GIVEN)] + KO_GIVEN[(i // 131) % len(KO_GIVEN)]
        return {"name": name, "topic": "CRM 도입", "sender_name": "박지은", "company": "리드웨이",
                "slots": "2026-11-24T14:00:00+09:00"}
    return {"name": f"{FIRST[i % len(FIRST)]}{i}", "topic": "CRM rollout", "sender_name": "Daniel",
            "company": "Leadway", "slots": "2026-11-24T14:00:00-05:00"}


def run(rows: int, locale: str, folder: Path, jobs: int) -> tuple[float, float]:
    data = folder / f"leads-{locale}-{rows}.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lead(0, locale)))
        writer.writeheader()
        for i in range(rows):
            writer.writerow(lead(i, locale))
    out = folder / "out.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    # A fresh analysis cache per run: every name is new to it, as in a real campaign.
    env = {**os.environ, "MSGLINT_CACHE_DIR": tempfile.mkdtemp(dir=folder)}
    proc = subprocess.run([sys.executable, "-m", "msglint", "render", "sms/missed-call", "--locale", locale,
                           "--data", str(data), "--out", str(out), "--templates", str(REPO / "templates"),
                           "--jobs", str(jobs)],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        sys.exit(proc.stderr)
    return seconds, max(peak, before) / 1024  # KiB -> MiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", default="10000,100000")
    parser.add_argument("--locale", default="en")
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"render sms/missed-call --locale {args.locale}, distinct names")
        print(f"{'rows':>10} {'jobs':>5} {'seconds':>9} {'rows/s':>9} {'peak RSS MiB':>13}")
        for rows in (int(r) for r in args.rows.split(",")):
            for jobs in (int(j) for j in args.jobs.split(",")):
                seconds, peak = run(rows, args.locale, Path(tmp), jobs)
                print(f"{rows:>10,} {jobs:>5} {seconds:>9.1f} {rows / seconds:>9,.0f} {peak:>13.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

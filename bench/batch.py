"""Batch rendering at campaign scale: rows/s and peak memory as the lead file grows.

    python bench/batch.py [--rows 10000,100000] [--locale en,ko] [--jobs 1,2]

Writes a CSV of leads with distinct names, runs ``msglint render sms/missed-call --data
leads.csv --out`` in a child process and reads the peak resident memory of the largest process it
ran. The rows are read as the batch uses them, so the peak must not grow with the number of rows.

Each run starts in a new project folder, so its analysis cache is empty: the first Korean
campaign loads Kiwi and analyses the template's lines (``first``). ``next`` is a second campaign
from the same template in the same folder, with other names: the lines are analysed already, as
they are after ``msglint lint`` of the pack with the same sender and company. The machine's own
cache (compiled rule patterns, parsed rule files) is warm, as on any machine that ran msglint
before: one run of ten leads fills it first.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
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


def write_leads(path: Path, rows: int, locale: str, offset: int = 0) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lead(0, locale)))
        writer.writeheader()
        for i in range(offset, offset + rows):
            writer.writerow(lead(i, locale))


def run(data: Path, locale: str, project: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one batch run in ``project``: the largest process it ran (with
    ``--jobs 2``, the parent or one worker), measured by a helper of its own, so one run's peak
    never shows in the next one's figure."""
    env = {k: v for k, v in os.environ.items() if k not in ("MSGLINT_CACHE_DIR", "MSGLINT_NO_CACHE")}
    command = [sys.executable, "-m", "msglint", "render", "sms/missed-call", "--locale", locale,
               "--data", str(data), "--out", str(project / "out.jsonl"), "--templates", str(REPO / "templates"),
               "--jobs", str(jobs)]
    helper = ("import json, resource, subprocess, sys, time\n"
              "start = time.perf_counter()\n"
              "proc = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True)\n"
              "seconds = time.perf_counter() - start\n"
              "if proc.returncode not in (0, 1): sys.exit(proc.stderr)\n"
              "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", helper, json.dumps(command)], capture_output=True, text=True,
                         env=env, cwd=project)
    if out.returncode != 0:
        sys.exit(out.stderr)
    seconds, peak_kib = out.stdout.split()
    return float(seconds), int(peak_kib) / 1024  # KiB -> MiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", default="10000,100000")
    parser.add_argument("--locale", default="en,ko", help="locales to run, e.g. ko or en,ko")
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'locale':<7} {'campaign':<9} {'rows':>10} {'jobs':>5} {'seconds':>9} {'rows/s':>9} {'peak RSS MiB':>13}")
        for locale in args.locale.split(","):
            warm = folder / f"warm-{locale}"
            warm.mkdir()
            write_leads(warm / "leads.csv", 10, locale)
            run(warm / "leads.csv", locale, warm, 1)  # fills the machine's cache, as any earlier run did
            for rows in (int(r) for r in args.rows.split(",")):
                for jobs in (int(j) for j in args.jobs.split(",")):
                    project = folder / f"{locale}-{rows}-{jobs}"
                    project.mkdir()
                    campaigns = ("first", "next") if locale == "ko" else ("first",)
                    for number, campaign in enumerate(campaigns):
                        data = project / f"{campaign}.csv"
                        write_leads(data, rows, locale, offset=number * rows)
                        seconds, peak = run(data, locale, project, jobs)
                        print(f"{locale:<7} {campaign:<9} {rows:>10,} {jobs:>5} {seconds:>9.1f} {rows / seconds:>9,.0f} "
                              f"{peak:>13.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

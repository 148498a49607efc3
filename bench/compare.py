"""Benchmark msglint against proselint and textlint (write-good) on the same generated English
sales messages, plus pack-scale and start-up timings. Prints a table; asserts nothing.

The other tools are not msglint dependencies; install them where you run this:
    python -m venv /tmp/bench/venv && /tmp/bench/venv/bin/pip install proselint
    (cd /tmp/bench && npm install textlint textlint-rule-write-good)
    python bench/compare.py --proselint /tmp/bench/venv/bin/proselint --textlint /tmp/bench/node_modules/.bin/textlint

Tools run in alternating rounds in this one process tree, so a noisy neighbour slows them alike;
each figure is the median of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The installed command beside this Python, as users and CI run it (and as proselint and textlint
# are run here): ``python -m msglint`` would add runpy's imports to every run.
_SCRIPT = Path(sys.executable).with_name("msglint")
MSGLINT = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "msglint"]
NAMES = ["Priya", "Daniel", "Alexandra", "Minsu", "Jordan", "Camille", "Tomás", "Aiko"]
TOPICS = ["CRM rollout", "sales automation", "lead routing", "call analytics", "quote management"]
OPENERS = ["Hi {name},", "Hello {name},", "Hey {name}!", "Good morning {name},"]
MIDDLES = [
    "thank you for your inquiry about {topic}.",
    "just checking in on the {topic} proposal.",
    "Hanbit Trading cut response time by {p}% in three months with the same {topic} setup.",
    "I hope this email finds you well and that {topic} is still on your list.",
    "here are the notes from our {topic} call, with next steps and owners.",
    "quick question: who else should join the {topic} review?",
]
CLOSERS = [
    "Would Tuesday 10:00 or Wednesday 14:00 work for a 20-minute call?",
    "Let me know if you have any questions.",
    "Reply with a day and time that suits you.",
    "Looking forward to hearing from you.",
]


def generate(folder: Path, count: int, seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    by_channel: dict[str, list[str]] = {"sms": [], "email": [], "voicemail": []}
    for i in range(count):
        channel = ("sms", "email", "voicemail")[i % 3]
        text = " ".join([rng.choice(OPENERS), rng.choice(MIDDLES), rng.choice(CLOSERS)]).format(
            name=rng.choice(NAMES), topic=rng.choice(TOPICS), p=rng.randint(10, 60))
        if channel == "email":
            text = f"Subject: Your {rng.choice(TOPICS)} inquiry\n\n{text}\n\nBest regards,\nDaniel Park"
        name = folder / f"{channel}-{i:05d}.txt"
        name.write_text(text + "\n", encoding="utf-8")
        by_channel[channel].append(name.name)
    return by_channel


def run(cmds: list[list[str]], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a sequence of commands, run from a fresh helper process
    (so the peak is theirs alone); the time is taken inside it, around the commands only, so
    the helper's own start-up counts for no tool."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as plan:
        json.dump(cmds, plan)
    script = (
        "import json, resource, subprocess, sys, time\n"
        "cmds = json.load(open(sys.argv[1]))\n"
        "start = time.perf_counter()\n"
        "for c in cmds:\n"
        "    subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, plan.name], cwd=cwd, env=env, capture_output=True, text=True)
    os.unlink(plan.name)
    elapsed, peak_kb = out.stdout.split()
    return float(elapsed), int(peak_kb) / 1024


def chunks(items, size=2000):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def messages_benchmark(count: int, rounds: int, tools: dict, env: dict, only: str | None = None) -> None:
    """``count`` generated messages (a third each SMS, email, voicemail), or with ``only`` that
    many of one channel, each in a file of its own as a CI run over a folder sees them. With
    ``only``, each tool also runs once over the folder that holds them (``tool check outbox/``),
    which is how a CI job over a folder calls it; the ratios compare runs made the same way."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        by_channel = generate(folder, count * 3 if only else count)
        if only:
            outbox = folder / "outbox"
            outbox.mkdir()
            for name in by_channel[only]:
                (folder / name).rename(outbox / name)
            by_channel = {only: [f"outbox/{name}" for name in by_channel[only]]}
        every = [f for files in by_channel.values() for f in files]
        msglint = [*MSGLINT, "check"]
        options = ["--locale", "en", "--format", "json"]
        runs = {"files": {"msglint": [[*msglint, *batch, "--channel", channel, *options]
                                      for channel, files in by_channel.items() for batch in chunks(files)]}}
        if tools.get("proselint"):
            runs["files"]["proselint"] = [[tools["proselint"], "check", *batch] for batch in chunks(every, 500)]
            # proselint checks a file faster in a longer run (2.3 against 3.2 ms a file): the same
            # run length as msglint's too, so a ratio is never read off the kinder one alone.
            runs["files"]["proselint-2k"] = [[tools["proselint"], "check", *batch] for batch in chunks(every)]
        if tools.get("textlint"):
            runs["files"]["textlint"] = [[tools["textlint"], "--rule", "write-good", *batch] for batch in chunks(every)]
        if only:
            runs["folder"] = {"msglint": [[*msglint, "outbox", "--channel", only, *options]]}
            if tools.get("proselint"):
                runs["folder"]["proselint"] = [[tools["proselint"], "check", "outbox"]]
            if tools.get("textlint"):
                runs["folder"]["textlint"] = [[tools["textlint"], "--rule", "write-good", "outbox"]]
        samples = {(way, name): [] for way, commands in runs.items() for name in commands}
        for _ in range(rounds):
            for way, commands in runs.items():
                for name, cmds in commands.items():
                    samples[way, name].append(run(cmds, folder, env))
        what = f"{only}s" if only else "messages"
        for way, commands in runs.items():
            base = statistics.median(s[0] for s in samples[way, "msglint"])
            for name in commands:
                values = samples[way, name]
                wall = statistics.median(v[0] for v in values)
                peak = max(v[1] for v in values)
                label = f"{name} ({'one run over the folder' if way == 'folder' else 'named files'})"
                print(f"check {count:>6} {what:<9} {label:<40} {wall:8.2f} s {count / wall:8.0f} msg/s "
                      f"{peak:6.0f} MB   {wall / base:5.1f}x msglint's time")


def synthetic_pack(root: Path, count: int) -> None:
    front = ("---\nchannel: sms\nstage: follow-up\npurpose: transactional\nvariables:\n"
             "  name: {{required: true, role: name, max_length: 20, examples: [{n}]}}\n"
             "  topic: {{required: true, max_length: 20, examples: [{t}]}}\nsample: {{name: {n}, topic: {t}}}\n---\n")
    for i in range(count):
        en = root / "templates" / "en" / "sms" / f"m{i:05d}.txt.j2"
        ko = root / "templates" / "ko" / "sms" / f"m{i:05d}.txt.j2"
        en.parent.mkdir(parents=True, exist_ok=True)
        ko.parent.mkdir(parents=True, exist_ok=True)
        en.write_text(front.format(n="Priya", t="CRM rollout") +
                      f"Hi {{{{ name }}}}, note {i}: teams like yours cut {{{{ topic }}}} costs by {i % 50 + 5}%.\n",
                      encoding="utf-8")
        ko.write_text(front.format(n="김민수", t="CRM 도입") +
                      f"{{{{ name }}}} 님, {i}번째 안내입니다. {{{{ topic }}}} 비용을 {i % 50 + 5}% 줄인 사례를 보내드립니다.\n",
                      encoding="utf-8")


def pack_benchmark(count: int, env: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        synthetic_pack(root, count)
        lint = [*MSGLINT, "lint", "--format", "json"]
        cache = root / "cache"
        for label, extra, reset in (("cold, --jobs 1", ["--jobs", "1"], True), ("warm", [], False),
                                    ("cold, --jobs 2", ["--jobs", "2"], True)):
            if reset:
                shutil.rmtree(cache, ignore_errors=True)
            wall, peak = run([lint + extra], root, {**env, "MSGLINT_CACHE_DIR": str(cache)})
            print(f"lint {count}x2 templates, {label:<15} {wall:8.2f} s {2 * count / wall:10.0f} templates/s {peak:6.0f} MB")


def startup_benchmark(rounds: int, env: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "one.txt").write_text("Hi Priya, just checking in.\n")
        for label, cmd in (("msglint --version", ["--version"]),
                           ("msglint check one short message", ["check", "one.txt", "--channel", "sms", "--locale", "en"])):
            walls = [run([[*MSGLINT, *cmd]], folder, env)[0] for _ in range(rounds)]
            print(f"{label:<38} {statistics.median(walls):8.3f} s (median of {rounds})")
        env = {**env, "MSGLINT_CACHE_DIR": str(folder / "cache")}
        run([[*MSGLINT, "lint", "--format", "json"]], REPO, env)
        walls = [run([[*MSGLINT, "lint", "--format", "json"]], REPO, env)[0] for _ in range(rounds)]
        print(f"{'msglint lint (shipped pack, warm)':<38} {statistics.median(walls):8.3f} s (median of {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--emails", type=int, nargs="*", default=[666, 3333],
                        help="also check this many emails alone")
    parser.add_argument("--pack", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--proselint", default=shutil.which("proselint"))
    parser.add_argument("--textlint", default=shutil.which("textlint"))
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_COLOR"] = "1"
    tools = {"proselint": args.proselint, "textlint": args.textlint}
    print(f"tools: proselint={args.proselint or 'not found'}  textlint={args.textlint or 'not found'}  "
          f"cpus={os.cpu_count()}")
    startup_benchmark(5, env)
    for count in args.messages:
        messages_benchmark(count, args.rounds, tools, env)
    for count in args.emails:
        messages_benchmark(count, args.rounds, tools, env, only="email")
    if args.pack:
        pack_benchmark(args.pack, env)


if __name__ == "__main__":
    main()

"""Benchmark: Korean analysis cost, cold (empty cache) and warm.

Prints wall times for `msglint lint` of the shipped pack and `msglint check` of generated Korean
messages, each in a fresh process as a user or CI runs it. Usage: python bench/korean.py [N]
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAMES = ["김민수", "이서연", "박지훈", "최유리", "정하은", "남궁민수아", "강도윤", "윤서준"]
TOPICS = ["CRM 도입", "영업 자동화", "고객 데이터 통합", "콜센터 전환", "마케팅 분석", "견적 관리"]
LINES = [
    "{name} 님, 안녕하세요. 리드웨이 박지은입니다.",
    "지난번 상담하신 {topic} 관련해 비슷한 규모의 고객사 사례를 보내드립니다.",
    "{n}개 팀이 {topic}으로 응대 시간을 {p}% 줄였습니다.",
    "화요일 오후 {h}시나 수요일 오전 {m}시 중 편하신 시간이 있을까요?",
    "곧 메일 보낼게.",
    "안녕하세요, 계약 진행 어떠신가요?",
    "{name} 씨, 자료 확인했어?",
    "편하신 요일과 시간만 회신해 주시면 맞춰서 연락드리겠습니다.",
]


def messages(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        lines = rng.sample(LINES, 4)
        out.append("\n".join(line.format(name=rng.choice(NAMES), topic=rng.choice(TOPICS), n=i % 97 + 2,
                                         p=rng.randint(5, 60), h=rng.randint(1, 5), m=rng.randint(9, 11))
                             for line in lines))
    return out


def timed(args, cache: Path, cwd: Path) -> float:
    env = {"MSGLINT_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "msglint", *args], cwd=cwd, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr.decode())
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = tmp / "cache"
        print(f"{'case':<44} {'seconds':>8} {'per second':>12}")
        cold = timed(["lint", "--format", "json"], cache, REPO)
        warm = timed(["lint", "--format", "json"], cache, REPO)
        print(f"{'lint shipped pack, cold cache':<44} {cold:>8.3f}")
        print(f"{'lint shipped pack, warm cache':<44} {warm:>8.3f}")
        folder = tmp / "messages"
        folder.mkdir()
        files = []
        for i, text in enumerate(messages(count)):
            file = folder / f"{i:05d}.txt"
            file.write_text(text, encoding="utf-8")
            files.append(file.name)
        chars = sum(len(t) for t in messages(count))
        for label, fresh in (("cold", True), ("warm", False)):
            if fresh:
                cache = tmp / "cache-check"
            seconds = timed(["check", *files, "--channel", "sms", "--locale", "ko", "--format", "json"], cache, folder)
            print(f"{f'check {count} Korean messages, {label} cache':<44} {seconds:>8.3f} {count / seconds:>9.0f} msg"
                  f"  ({chars / seconds:,.0f} chars/s)")
        version = timed(["--version"], cache, REPO)
        print(f"{'msglint --version':<44} {version:>8.3f}")


if __name__ == "__main__":
    main()

"""How fast ``msglint server`` answers an edit, as an editor sees it: the time from sending a
``didChange`` to receiving its ``publishDiagnostics``, warm, for a 300-character Korean SMS
template and an English email, each edit a text not seen before (as typing makes); and the server's memory after 1,000 edits against after 10.
Prints a table; asserts nothing.

    python bench/lsp.py [--edits 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

REPO = Path(__file__).resolve().parents[1]
KOREAN_SMS = """---
channel: sms
stage: follow-up
purpose: transactional
variables:
  name:  {required: true, role: name, max_length: 10, examples: [김민수]}
  topic: {required: true, max_length: 15, examples: [CRM 도입]}
sample: {name: 김민수, topic: CRM 도입}
---
{{ name }} 님, 리드웨이 박지은입니다. 지난주 {{ topic }} 상담에 시간 내주셔서 감사합니다.
말씀하신 데이터 이전은 보통 2주면 끝납니다. 편하실 때 이 번호로 답장 주세요%s
"""

def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def run(edits: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="msglint-lsp-"))
    try:
        shutil.copytree(REPO / "templates", folder / "templates")
        korean = folder / "templates" / "ko" / "sms" / "bench.txt.j2"
        korean.write_text(KOREAN_SMS % ".", encoding="utf-8")
        english = folder / "templates" / "en" / "email" / "meeting-proposal.txt.j2"
        email = english.read_text(encoding="utf-8")
        client = LanguageClient("bench", "1")
        arrived: asyncio.Queue = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params):
            arrived.put_nowait(time.perf_counter())

        await client.start_io(sys.executable, "-m", "msglint", "server", cwd=str(folder))
        pid = client._server.pid  # the server process, for its memory (pygls keeps it here)
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                             root_uri=from_fs_path(str(folder))))
        client.initialized(types.InitializedParams())
        rows = []
        for label, path, make in (
            ("ko SMS template, 300 chars", korean, lambda i: KOREAN_SMS % f" {i}번째 수정."),
            ("en email template", english,
             lambda i: email.replace("Best regards", f"Best regards ({i})")),
        ):
            uri = from_fs_path(str(path))
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="jinja", version=0, text=make(0))))
            await arrived.get()
            times, memory = [], {}
            for i in range(1, edits + 1):
                change = types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(version=i, uri=uri),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=make(i))])
                sent = time.perf_counter()
                client.text_document_did_change(change)
                times.append((await arrived.get()) - sent)
                if i in (10, edits):
                    memory[i] = _rss_kib(pid)
            warm = times[10:]
            rows.append((label, statistics.median(warm) * 1000, sorted(warm)[int(len(warm) * 0.9)] * 1000,
                         memory[10], memory[edits]))
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'document':<28} {'median ms':>10} {'p90 ms':>8} {'RSS @10':>10} {f'RSS @{edits}':>11} {'growth':>7}")
    for label, median, p90, early, late in rows:
        print(f"{label:<28} {median:>10.1f} {p90:>8.1f} {early // 1024:>8} MB {late // 1024:>8} MB "
              f"{(late - early) / early * 100:>6.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    asyncio.run(run(parser.parse_args().edits))


if __name__ == "__main__":
    main()

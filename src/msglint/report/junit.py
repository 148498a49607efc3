"""JUnit XML: one test case per template and locale (or checked file), a failure per error."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def write(report, stream, *, kind="lint", label=None, rules=None) -> None:
    suite = ET.Element("testsuite", name="msglint")
    failures = 0
    for result in report.results:
        name = f"{result.template} [{result.locale}]" if result.template else (result.path or label or "<stdin>")
        case = ET.SubElement(suite, "testcase", name=name, classname=f"msglint.{result.channel or 'message'}")
        if result.path:
            case.set("file", result.path)
        notes = []
        for f in result.findings:
            where = f"{f.path}:{f.line}:{f.column or 1}" if f.path and f.line else (f.path or name)
            detail = f"{where}: {f.message}" + (f"\n{f.excerpt}" if f.excerpt else "") + \
                     (f"\n→ {f.suggestion}" if f.suggestion else "")
            if f.severity == "error":
                failures += 1
                failure = ET.SubElement(case, "failure", message=f"{f.rule}: {f.message}", type=f.rule)
                failure.text = detail
            else:
                notes.append(f"{f.severity} {f.rule}: {detail}")
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    suite.set("tests", str(len(report.results)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    ET.indent(suite)
    stream.write(ET.tostring(suite, encoding="unicode", xml_declaration=True))
    stream.write("\n")

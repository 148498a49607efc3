"""Campaign scale: Parquet lead files, and the documented path onto Dask (a LocalCluster of two
worker processes renders the same messages as the single-process batch)."""

import json

import pytest

from conftest import REPO

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

LEADS = [
    {"row": i + 1, "name": name, "topic": topic, "sender_name": "Daniel", "company": "Leadway",
     "slots": "2026-11-24T14:30:00-05:00"}
    for i, (name, topic) in enumerate([("Priya", "CRM rollout"), ("Alexandria", "call recording"), ("Sam", ""),
                                       ("Jonas", "HubSpot migration"), ("Aiko", "lead scoring"), ("Omar", "Jira sync"),
                                       ("Lena", "quote approvals"), ("Tariq", "SSO")])
]


def _parquet(path, rows, row_group_size=3):
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def _render(cli, data, out):
    return cli("render", "sms/missed-call", "--locale", "en", "--templates", REPO / "templates", "--data", data,
               "--out", out)


def test_a_parquet_lead_file_renders_like_the_same_leads_in_csv(cli, tmp_path):
    rows = [{k: v for k, v in lead.items() if k != "row"} for lead in LEADS]
    parquet = _parquet(tmp_path / "leads.parquet", rows)
    csv_file = tmp_path / "leads.csv"
    csv_file.write_text(",".join(rows[0]) + "\n" + "".join(",".join(r.values()) + "\n" for r in rows), encoding="utf-8")
    proc = _render(cli, parquet, tmp_path / "from-parquet.jsonl")
    assert proc.returncode == 1 and "rendered 7, failed 1, total 8" in proc.err, proc.err
    _render(cli, csv_file, tmp_path / "from-csv.jsonl")
    parquet_lines = [json.loads(line) for line in (tmp_path / "from-parquet.jsonl").read_text(encoding="utf-8").splitlines()]
    csv_lines = [json.loads(line) for line in (tmp_path / "from-csv.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line.get("body") for line in parquet_lines] == [line.get("body") for line in csv_lines]
    assert [line["row"] for line in parquet_lines] == list(range(1, 9))  # a data tool's numbering
    assert "topic" in parquet_lines[2]["error"]


def test_a_parquet_file_without_a_needed_column_stops_before_any_lead(cli, tmp_path):
    parquet = _parquet(tmp_path / "leads.parquet", [{"name": "Priya"}])
    proc = _render(cli, parquet, tmp_path / "out.jsonl")
    assert proc.returncode == 2 and "has no column for topic" in proc.err


@pytest.mark.slow  # starts a Dask LocalCluster of two worker processes
def test_dask_local_cluster_renders_a_parquet_file_like_the_batch(cli, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    from msglint.distributed import META, render_partition

    parquet = _parquet(tmp_path / "leads.parquet", LEADS)
    _render(cli, parquet, tmp_path / "batch.jsonl")
    batch = {line["row"]: line for line in map(json.loads, (tmp_path / "batch.jsonl").read_text(encoding="utf-8").splitlines())}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        frame = dd.read_parquet(str(parquet), split_row_groups=True)
        assert frame.npartitions >= 2
        out = frame.map_partitions(render_partition, "sms/missed-call", "en", str(REPO / "templates"), meta=META)
        result = out.compute().sort_values("row")
    assert list(result["row"]) == sorted(batch)
    import pandas as pd

    for _, row in result.iterrows():
        expected = batch[row["row"]]
        if "error" in expected:
            assert pd.isna(row["body"]) and "topic" in row["error"]
            continue
        assert row["body"] == expected["body"] and pd.isna(row["error"])
        assert json.loads(row["findings"]) == expected["findings"]

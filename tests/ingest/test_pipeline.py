import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dronewatch.config import IngestSettings
from dronewatch.ingest import ingest_paths

from ..conftest import CORPUS, write

GOOD = (
    "---\ntitle: Good\npublished: 2024-05-01\n---\n"
    "Soldiers seized four drones and explosive charges at a camp.\n"
)


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Each kind of bad input the ingest must name, and the reason it must give."""
    write(folder / "empty.md", b"")
    write(folder / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00IHDR" + bytes(range(256)))
    write(folder / "undecodable.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x41]) * 40)
    html = (CORPUS / "legion/legion-cartel-drones.html").read_bytes()
    write(folder / "truncated.html", html[: len(html) // 2])
    feed = (CORPUS / "feeds/security-wire.xml").read_bytes()
    write(folder / "truncated.xml", feed[: len(feed) // 2])
    write(
        folder / "lines.jsonl", '{"text": "A good line about a drone seizure in Sinaloa."}\n{"text": oops}\n'
    )
    write(folder / "nocol.csv", "title,url\nx,y\n")
    write(folder / "big.md", "---\ntitle: big\n---\n" + "drone " * 300_000)
    return {
        "empty.md": "empty file",
        "binary.txt": "binary file",
        "undecodable.txt": "undecodable",
        "truncated.html": "truncated HTML",
        "truncated.xml:20": "malformed or truncated XML",
        "lines.jsonl:2": "invalid JSON",
        "nocol.csv:1": "missing required column(s): text",
        "big.md": "above the 1 MB limit",
    }


def test_every_bad_input_is_named_and_good_documents_are_still_stored(tmp_path, store):
    folder = tmp_path / "in"
    expected = _bad_inputs(folder)
    write(folder / "good.md", GOOD)
    write(
        folder / "mixed.txt", "Drones sobre Michoacán.\n".encode() + "Señal de drones.\n".encode("cp1252") * 3
    )
    report = ingest_paths([folder], store, IngestSettings(max_file_mb=1))
    errors = {e.location().removeprefix(str(folder) + "/"): e.reason for e in report.errors}
    assert set(errors) == set(expected), errors
    for where, reason in expected.items():
        assert reason in errors[where], (where, errors[where])
    assert not report.ok
    # the good documents: good.md, the good JSON line, and the mixed-encoding file (with a warning)
    assert report.stored == 3
    assert [w.path for w in report.warnings] == [str(folder / "mixed.txt")]
    assert store.count_documents() == 3


def test_reingest_stores_nothing_new(tmp_path, store):
    first = ingest_paths([CORPUS], store)
    assert first.ok and first.stored >= 35
    again = ingest_paths([CORPUS], store)
    assert again.stored == 0
    assert again.already_stored == first.stored
    assert store.count_documents() == first.stored
    assert store.summary()["exact_copies"] == 0


def test_an_exact_copy_from_another_outlet_is_one_document_seen_twice(tmp_path, store):
    write(tmp_path / "a.md", "---\noutlet: Reuters\n---\nDrones dropped explosives on a police patrol.\n")
    write(tmp_path / "b.md", "---\noutlet: EFE\n---\ndrones dropped explosives on a  police patrol.\n")
    report = ingest_paths([tmp_path], store)
    assert (report.stored, report.already_stored) == (1, 1)
    (doc,) = store.list_documents()
    assert {s["outlet"] for s in store.sightings_of(doc.id)} == {"Reuters", "EFE"}


def test_the_earlier_report_is_the_original(tmp_path, store):
    src = (CORPUS / "mexico/aguililla-police-drones-2021.md").read_text(encoding="utf-8")
    # Ingest the later syndicated copy first: the original must still end up as the original.
    ingest_paths([CORPUS / "mexico/aguililla-police-drones-2021-syndicated.md"], store)
    ingest_paths([CORPUS / "mexico/aguililla-police-drones-2021.md"], store)
    docs = {d.outlet: d for d in store.list_documents()}
    assert docs["Gulf Coast Courier"].near_duplicate_of == docs["Frontera Monitor"].id
    assert docs["Frontera Monitor"].near_duplicate_of is None
    assert "El Aguaje" in src


def test_grades_come_from_the_sources_file_and_default_to_f(tmp_path, store):
    write(
        tmp_path / "r.md",
        "---\noutlet: reuters\nurl: https://www.reuters.com/world/x\n---\nA drone carrying phones fell inside the prison.\n",
    )
    write(tmp_path / "u.md", "---\nurl: https://www.eltiempo.com/x\n---\nEl Ejército derribó un dron.\n")
    write(tmp_path / "n.md", "---\noutlet: Some Blog\n---\nA drone was seen over the border at night.\n")
    ingest_paths([tmp_path], store)
    grades = {d.outlet: d.grade for d in store.list_documents()}
    assert grades == {"Reuters": "A", "El Tiempo": "B", "Some Blog": "F"}


def test_a_known_outlets_name_on_another_host_earns_no_grade(tmp_path, store):
    """Anyone can call themselves Reuters: only reuters.com is graded as Reuters."""
    write(tmp_path / "fake.md", "---\noutlet: Reuters\nurl: https://reuters.example.net/x\n---\nA drone fell.\n")
    write(tmp_path / "bare.md", "---\noutlet: Reuters\n---\nA drone was shot down over the prison.\n")
    ingest_paths([tmp_path], store)
    assert {d.grade for d in store.list_documents()} == {"F"}


def test_unsupported_and_missing_paths_are_errors(tmp_path, store):
    folder = tmp_path / "in"
    write(folder / "notes.docx", b"PK\x03\x04")
    report = ingest_paths([folder / "notes.docx", folder / "nope"], store)
    assert [e.reason for e in report.errors] == ["unsupported file type '.docx'", "no such file or folder"]
    folder_report = ingest_paths([folder], store)
    assert folder_report.ok and folder_report.skipped_files == 1


def _generated(folder: Path, n: int) -> None:
    words = [
        w for w in (CORPUS / "mexico/aguililla-ataque-drones-2021.md").read_text().split() if w.isalpha()
    ]
    import random

    rnd = random.Random(7)
    with (folder / "many.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(rnd.choice(words) for _ in range(120))
            fh.write(json.dumps({"id": f"g{i}", "text": f"Documento {i}. {text}", "language": "es"}) + "\n")


def _integrity(db: Path) -> tuple[int, int, int, int]:
    con = sqlite3.connect(db)
    try:
        docs = con.execute("SELECT count(*), count(DISTINCT external_id) FROM documents").fetchone()
        fts = con.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        half = con.execute(
            "SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM document_bands b "
            "WHERE b.document_id = d.id) NOT IN (0, 32)"
        ).fetchone()[0]
    finally:
        con.close()
    return docs[0], docs[1], fts, half


def test_kill_during_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    n = 1500
    _generated(tmp_path, n)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "dronewatch.cli", "ingest", str(tmp_path / "many.jsonl"), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                count = _integrity(db)[0]
            except sqlite3.OperationalError:
                continue
            if count >= 100:
                break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored, distinct, fts, half = _integrity(db)
    assert 100 <= stored < n, "the kill must land mid-ingest"
    assert stored == distinct == fts and half == 0  # no half-written document
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{n - stored} new document(s)" in done.stdout
    stored, distinct, fts, half = _integrity(db)
    assert stored == distinct == fts == n and half == 0


def _snapshot(store):
    return sorted((d.id, d.language, d.near_duplicate_of, d.outlet) for d in store.list_documents(limit=1000))


def test_a_process_pool_stores_exactly_what_one_process_stores(tmp_path):
    from dronewatch.store import Store

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from gen import write_corpus  # generated copies and rewrites exercise the near-duplicate lookup

    folder = write_corpus(tmp_path / "gen", 600, seed=3)
    one, pool = Store(f"sqlite:///{tmp_path}/one.db"), Store(f"sqlite:///{tmp_path}/pool.db")
    a = ingest_paths([CORPUS, folder], one, IngestSettings(workers=1))
    files_done: list[int] = []
    b = ingest_paths(
        [CORPUS, folder], pool, IngestSettings(workers=2), progress=lambda p, n: files_done.append(n)
    )
    assert (a.stored, a.near_duplicates, a.already_stored) == (b.stored, b.near_duplicates, b.already_stored)
    assert a.near_duplicates > 10  # the generated corpus has syndicated copies
    assert _snapshot(one) == _snapshot(pool)
    assert files_done == sorted(set(files_done)) and files_done[-1] == b.files
    again = ingest_paths([folder], pool, IngestSettings(workers=2))
    assert again.stored == 0 and again.already_stored == 600

"""The README's import, export and print commands on bad input, bad files and a bad row already
in the database, each run as a user runs it: never a traceback, the file refused in one line."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

from tests.app.test_foundation_cli import ADMIN_PASSWORD, init, password_file, run

HEADERS = ["投诉时间", "投诉人", "联系方式", "投诉内容"]


def write_csv(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> str:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return str(path)


def bad_files(folder: Path) -> dict[str, tuple[str, str]]:
    """name -> (file, words of the one line that refuses it)."""
    folder.mkdir()
    fake = folder / "fake.xlsx"
    fake.write_text("投诉时间,投诉人\n", encoding="utf-8")
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (12 * 1024 * 1024))
    ok = ["2026-11-20 10:00", "王女士", "13800000001", "屏幕不亮"]
    return {
        "year 0206": (
            write_csv(folder / "year.csv", [["0206-11-25 10:00", *ok[1:]]]),
            "投诉时间",
        ),
        "NUL": (write_csv(folder / "nul.csv", [[ok[0], "王\x00女士", *ok[2:]]]), "U+0000"),
        "ESC": (write_csv(folder / "esc.csv", [[*ok[:3], "\x1b[2J"]]), "U+001B"),
        "1 MB cell": (write_csv(folder / "cell.csv", [[*ok[:3], "x" * 1_000_000]]), "100000"),
        "not a zip": (str(fake), "fake.xlsx"),
        "zip bomb": (str(bomb), "bomb.xlsx"),
        "too many rows": (
            write_csv(
                folder / "rows.csv", [[ok[0], ok[1], f"138{n:08d}", ok[3]] for n in range(6)]
            ),
            "5",
        ),
    }


def test_no_readme_command_prints_a_traceback_on_bad_input(tmp_path):
    home = tmp_path
    db_file = home / "kefu.sqlite3"
    db = str(db_file)
    init(home, db)
    admin = {"KEFU_USER": "admin", "KEFU_PASSWORD": ADMIN_PASSWORD}
    added = run(
        home,
        "user",
        "add",
        "wang",
        "--role",
        "manager",
        "--name",
        "王经理",
        "--employee-no",
        "M001",
        "--password-file",
        password_file(home, ADMIN_PASSWORD),
        "--db",
        db,
        **admin,
    )
    assert added.returncode == 0, added.stderr
    as_manager = {"KEFU_USER": "wang", "KEFU_PASSWORD": ADMIN_PASSWORD}
    with sqlite3.connect(db_file) as conn:  # small limits, so the test files stay small
        conn.execute(
            "INSERT INTO setting (key, value, version, created_at, updated_at) VALUES "
            "('import_max_mb', '1', 1, '2026-11-26 10:00:00', '2026-11-26 10:00:00'), "
            "('import_max_rows', '5', 1, '2026-11-26 10:00:00', '2026-11-26 10:00:00')"
        )
    outputs: list[str] = []

    def command(*args: str) -> tuple[int, str]:
        result = run(home, "--lang", "en", *args, "--db", db, **as_manager)
        text = result.stdout + result.stderr
        outputs.append(f"$ {' '.join(args)}\n{text}")
        assert "Traceback" not in text, text
        return result.returncode, result.stderr

    for name, (path, words) in bad_files(home / "bad").items():
        for target in ("complaints", "customers", "contacts"):
            if target != "complaints" and name in ("year 0206", "NUL", "ESC"):
                continue  # the complaints' columns
            code, err = command("import", target, path)
            assert code != 0, name
            assert words in err, (name, target, err)
            if name not in ("year 0206", "NUL", "ESC"):  # a file refused whole: one line
                assert len(err.strip().splitlines()) == 1, (name, err)
        if name == "NUL":
            code, err = command("import", "complaints", path, "--skip-invalid")
            assert code == 0 and "skipped 1 invalid row(s)" in err
    people = write_csv(home / "people.csv", [["育才\x00中学", "13911112222"]], ["客户名称", "电话"])
    code, err = command("import", "customers", people)
    assert code == 1 and "row 2, 客户名称" in err and "U+0000" in err
    formula = write_csv(
        home / "formula.csv", [["2026-11-20 10:00", '=HYPERLINK("http://x")', "13800000009", "-1"]]
    )
    assert command("import", "complaints", formula)[0] == 0
    assert command("import", "complaints", formula)[0] == 1  # the same file again
    # a row from before the earliest-date rule, as an older version wrote it
    with sqlite3.connect(db_file) as conn:
        conn.execute(
            "UPDATE complaint SET received_at = '206-11-25 10:00:00' WHERE id = "
            "(SELECT MIN(id) FROM complaint)"
        )
    for suffix in (".csv", ".xlsx"):
        assert command("export", "complaints", "-o", str(home / f"out{suffix}"))[0] == 0
        assert command("export", "customers", "-o", str(home / f"customers{suffix}"))[0] == 0
        assert command("export", "swaps", "-o", str(home / f"swaps{suffix}"))[0] == 0
        assert command("export", "contacts", "-o", str(home / f"contacts{suffix}"))[0] == 0
    assert "'=HYPERLINK" in (home / "out.csv").read_text(encoding="utf-8-sig")
    assert (
        command("print", "complaint-sheet", "--month", "2026-11", "-o", str(home / "s.pdf"))[0] == 0
    )
    missing = home / "missing" / "out.csv"
    code, err = command("export", "complaints", "-o", str(missing))
    assert code == 1 and err.strip().endswith("An earlier file is unchanged.")
    code, err = command(
        "print", "complaint-sheet", "--month", "2026-11", "-o", str(home / "missing" / "s.pdf")
    )
    assert code == 1 and len(err.strip().splitlines()) == 1

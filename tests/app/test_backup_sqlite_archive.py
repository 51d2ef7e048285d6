"""The SQLite backup as it is written: a big file packed at the fast level and still restorable,
its integrity check run beside the packing, and a damaged database refused as before."""

from __future__ import annotations

import random
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app.backup import archive as archives
from app.backup.archive import SQLITE_MEMBER, Archive, BackupError, write_sqlite_archive
from models import Customer, database
from models.db import close_database, open_database


def add_customers(count: int) -> None:
    with database.atomic():
        for i in range(count):
            Customer.create(name=f"客户{i:05d}", organisation=f"第{i % 37}实验小学")


def member_size(path: Path) -> int:
    with zipfile.ZipFile(path) as packed:
        return packed.getinfo(SQLITE_MEMBER).compress_size


def test_a_big_database_is_packed_at_the_fast_level_and_restores_the_same(
    sqlite_url, admin, tmp_path, monkeypatch
):
    add_customers(400)
    normal = write_sqlite_archive(tmp_path / "normal.zip", reason="manual")
    monkeypatch.setattr(archives, "FAST_COMPRESSION_BYTES", 0)
    fast = write_sqlite_archive(tmp_path / "fast.zip", reason="migration")
    assert archives.compression_level(1) == 1
    assert member_size(tmp_path / "fast.zip") > member_size(tmp_path / "normal.zip")
    assert fast.rows == normal.rows and fast.rows["customer"] == 400
    assert not list(tmp_path.glob("*.part"))
    with Archive.open(tmp_path / "fast.zip") as opened:
        opened.verify()  # what a restore checks first: the copy's integrity and its counts
        assert opened.manifest.reason == "migration"
        assert sorted(r["name"] for r in opened.rows("customer"))[:2] == ["客户00000", "客户00001"]


def test_small_files_keep_the_usual_level():
    assert archives.compression_level(archives.FAST_COMPRESSION_BYTES) == 6
    assert archives.compression_level(archives.FAST_COMPRESSION_BYTES + 1) == 1


def test_a_damaged_database_gets_no_backup_and_leaves_no_file(sqlite_url, admin, tmp_path):
    add_customers(3000)
    path = Path(database.obj.database)
    close_database()
    with sqlite3.connect(path) as conn:
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.close()
    with path.open("r+b") as stream:
        stream.seek(size * (pages // 2))
        stream.write(random.Random(3).randbytes(size))
    open_database(sqlite_url)
    with pytest.raises(BackupError, match="integrity"):
        write_sqlite_archive(tmp_path / "damaged.zip", reason="migration")
    assert not (tmp_path / "damaged.zip").exists()
    assert not list(tmp_path.glob("*.part"))

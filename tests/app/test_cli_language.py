"""The command line speaks the chosen language (``--lang zh_CN|en``, Chinese by default): the help
of ``main.py`` and of every subcommand, argparse's own usage lines and errors, and the one line of
a failed command (``错误：…``)."""

from __future__ import annotations

import argparse
import re

import pytest

from app import cli
from app.i18n import install_language

CJK = re.compile(r"[\u4e00-\u9fff]")
# what a help entry may hold besides words: options, placeholders (FILE, YYYY-MM, WIDTHxHEIGHT),
# the values an option takes ({zh_CN,en}), the program's name
SYNTAX = re.compile(
    r"-{1,2}[A-Za-z][\w-]*|\{[^}]*\}|\b[A-Z][A-Z0-9_]*(?:[-.x][A-Z0-9_]+)*\b|main\.py|KefuDesk"
)
ENGLISH_ARGPARSE = ("usage:", "options:", "positional arguments", "show this help", "error:")


def every_parser(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += every_parser(sub, (*path, name))
    return found


def entries(help_text: str) -> list[str]:
    """The help's entries: a line starting at the margin (or an option's, indented up to 4) with
    the lines that continue it (indented further)."""
    result: list[str] = []
    for line in help_text.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= 4 or not result:
            result.append(line.strip())
        else:
            result[-1] += " " + line.strip()
    return result


def untranslated(help_text: str, names: set[str]) -> list[str]:
    """Entries with English words and no Chinese (command names and placeholders aside)."""
    left = []
    for entry in entries(help_text):
        if CJK.search(entry):
            continue
        rest = SYNTAX.sub(" ", entry)
        words = [w for w in re.findall(r"[A-Za-z]{2,}", rest) if w not in names]
        if words:
            left.append(entry)
    return left


@pytest.fixture
def chinese():
    install_language("zh_CN")
    yield
    install_language("zh_CN")


def test_every_help_of_every_command_is_chinese(chinese):
    parsers = every_parser(cli.build_parser(cli.feature_registry()))
    names = {name for path, _parser in parsers for name in path}
    assert len(parsers) >= 30  # main.py, its commands and every feature's targets
    for path, parser in parsers:
        text = parser.format_help()
        assert text.startswith("用法：main.py"), (path, text)
        assert "选项" in text and "显示此帮助并退出" in text, (path, text)
        for english in ENGLISH_ARGPARSE:
            assert english not in text, (path, english, text)
        assert untranslated(text, names) == [], (path, text)
        for action in parser._actions:  # every option and argument says what it is for
            if isinstance(action, argparse._SubParsersAction):
                continue  # its commands are listed each with its help
            assert action.help and CJK.search(action.help), (path, action.option_strings)


def test_chinese_help_fits_the_terminal_and_wraps_between_characters(chinese, monkeypatch):
    from app.cli_language import columns, wrap

    monkeypatch.setenv("COLUMNS", "80")
    for path, parser in every_parser(cli.build_parser(cli.feature_registry())):
        text = parser.format_help()
        for line in text.splitlines():
            assert not CJK.search(line) or columns(line) <= 80, (path, line)
        assert re.search(r"^选项：$", text, flags=re.M), (path, text)  # a full-width colon
    assert wrap("数据库：文件路径、postgresql://用户:密码@主机/库（默认）或 en", 12) == [
        "数据库：文件",
        "路径、",
        "postgresql://用户:密码@主机/库",
        "（默认）或",
        "en",
    ]
    assert wrap("一二三四（五六）", 10) == ["一二三四", "（五六）"]  # no line ends in （


def test_the_check_finds_an_english_help_line(chinese):
    parser = cli.build_parser(cli.Registry())
    parser.add_argument("--extra", help="an option nobody translated")
    [entry] = untranslated(parser.format_help(), set())
    assert entry.split() == ["--extra", "EXTRA", "an", "option", "nobody", "translated"]


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        cli.parse(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


def test_help_is_chinese_by_default_and_english_with_lang_en(capsys):
    try:
        chinese = help_of(["--help"], capsys)
        assert chinese.startswith("用法：main.py")
        assert "创建或升级数据库结构" in chinese and "usage" not in chinese
        english = help_of(["--lang", "en", "--help"], capsys)
        assert english.startswith("usage: main.py")
        assert "create or upgrade the database schema" in english
        assert "show this help message and exit" in english and not CJK.search(english)
        target = help_of(["print", "complaint-sheet", "--lang=en", "-h"], capsys)
        assert "print the monthly complaint sheet" in target and not CJK.search(target)
        assert "投诉月度登记表" in help_of(["print", "complaint-sheet", "-h"], capsys)
    finally:
        install_language("zh_CN")


@pytest.mark.parametrize(
    ("argv", "chinese", "english"),
    [
        (["print"], "缺少必需的参数：WHAT", "the following arguments are required: WHAT"),
        (["nonsense"], "无效的选项 'nonsense'", "invalid choice: 'nonsense'"),
        (
            ["demo", "--seed", "x"],
            "参数 --seed：不是整数：x",
            "argument --seed: not a whole number",
        ),
        (["report", "--month", "2026-13"], "不是有效的月份", "not a month"),
        (["find", "complaints", "王", "--bogus"], "无法识别的参数：--bogus", "unrecognized"),
    ],
)
def test_argparse_errors_are_in_the_chosen_language(argv, chinese, english, capsys):
    try:
        for lang, said, prefix in (("zh_CN", chinese, "：错误："), ("en", english, ": error: ")):
            with pytest.raises(SystemExit) as done:
                cli.parse(["--lang", lang, *argv])
            assert done.value.code == 2
            err = capsys.readouterr().err
            usage, message = err.strip().splitlines()[0], err.strip().splitlines()[-1]
            assert usage.startswith("用法：" if lang == "zh_CN" else "usage: "), err
            assert message.startswith("main.py") and prefix in message, err
            assert said in message, err
    finally:
        install_language("zh_CN")


def test_a_failed_command_is_one_line_with_the_chinese_prefix(sqlite_url, capsys, monkeypatch):
    monkeypatch.delenv("KEFU_USER", raising=False)
    monkeypatch.delenv("KEFU_PASSWORD", raising=False)
    assert cli.main(["demo", "--db", sqlite_url]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("错误：") and "KEFU_USER" in line, line
    assert cli.main(["--lang", "en", "demo", "--db", sqlite_url]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: ") and not CJK.search(line), line
    install_language("zh_CN")


def test_a_database_location_problem_is_said_in_the_chosen_language(tmp_path, capsys):
    missing = tmp_path / "no-folder" / "desk.sqlite3"
    try:
        assert cli.main(["report", "--db", str(missing), "--month", "2026-11"]) == 1
        assert (
            capsys.readouterr().err.strip() == f"错误：数据库所在的文件夹不存在：{missing.parent}"
        )
    finally:
        install_language("zh_CN")


ACCEPTED = ("a file path", "sqlite:///path", "postgresql://user:password@host:port/database")


@pytest.mark.parametrize(
    "words",
    [
        ["restore", "backup.zip", "--to", "mysql://root:s3cret@db.example/kefu"],
        ["restore", "backup.zip", "--to", "sqlite:kefu.db"],
        ["check", "--db", "mysql://root@db.example/kefu"],
        ["report", "--db", "oracle://x/y", "--month", "2026-11"],
    ],
)
def test_a_database_url_of_another_kind_is_refused_as_an_argument(
    words, tmp_path, capsys, monkeypatch
):
    """``--db`` and ``restore --to`` take a file path, sqlite:///path or postgresql://…; any other
    URL is an argument error (status 2) naming those forms, never taken for a file's name."""
    monkeypatch.chdir(tmp_path)
    try:
        with pytest.raises(SystemExit) as done:
            cli.main(["--lang", "en", *words])
        assert done.value.code == 2
        last = capsys.readouterr().err.strip().splitlines()[-1]
        option = "--to" if "--to" in words else "--db"
        assert f"error: argument {option}: " in last, last
        assert "s3cret" not in last
        if "sqlite:kefu.db" not in words:
            assert all(form in last for form in ACCEPTED), last
        with pytest.raises(SystemExit) as done:
            cli.main(words)
        assert done.value.code == 2
        last = capsys.readouterr().err.strip().splitlines()[-1]
        assert f"错误：参数 {option}：" in last and not re.search(r"\b(use|the|not)\b", last), last
        assert list(tmp_path.iterdir()) == []  # no file or folder made from the URL
    finally:
        install_language("zh_CN")


def test_reasons_in_chinese_follow_each_other_as_sentences():
    from app.errors import ValidationError

    both = ValidationError({"login": "用户名 li 已被使用。", "employee_no": "工号 K9 已被使用。"})
    assert str(both) == "用户名 li 已被使用。工号 K9 已被使用。"
    assert str(ValidationError({"a": "Taken.", "b": "Too long"})) == "Taken.; Too long"


def test_a_backup_remark_is_kept_in_english_and_shown_in_the_chosen_language(chinese):
    from app.backup.archive import PG_DUMP_FAILED, PG_DUMP_INCLUDED, note_text

    kept = PG_DUMP_FAILED.format(reason="exit status 1 (no access)")
    assert kept == "pg_dump: failed, not included (exit status 1 (no access))"  # the file's
    assert note_text(kept) == "pg_dump：运行失败，备份中未包含其文件（exit status 1 (no access)）"
    assert "pg_restore" in note_text(PG_DUMP_INCLUDED.format(member="pg_dump.custom"))
    assert note_text("a remark of another version") == "a remark of another version"

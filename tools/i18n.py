"""Refresh the translations: ``python tools/i18n.py update`` (pyside6-lupdate, then lrelease).

One ``.ts`` per part of the application, so each feature's translations live beside each other:
``resources/translations/<part>_zh_CN.ts`` -> ``<part>_zh_CN.qm``. English is the source language.

``python tools/i18n.py update PART`` refreshes one part only.

Other commands:
  missing PART            print the untranslated source texts of PART as JSON {source: ""}
  apply PART FILE.json    write translations from a JSON object {source: translation} into PART
  release                 compile every .ts to .qm only
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGE = "zh_CN"
FEATURES = ("complaints", "customers", "roster", "callbacks")


def sources(part: str) -> list[Path]:
    if part in FEATURES:
        dirs = [ROOT / "app" / part, ROOT / "ui" / part]
        return sorted(p for d in dirs if d.exists() for p in d.rglob("*.py"))
    if part == "core":
        feature_dirs = {ROOT / side / f for side in ("app", "ui") for f in FEATURES}
        files = [*sorted((ROOT / "app").rglob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
        return [p for p in files if not any(d in p.parents for d in feature_dirs)]
    raise SystemExit(f"unknown part {part!r}; parts: core, {', '.join(FEATURES)}")


def ts_file(part: str) -> Path:
    return TRANSLATIONS / f"{part}_{LANGUAGE}.ts"


def tool(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def update(part: str, ts: Path | None = None) -> Path:
    target = ts or ts_file(part)
    files = [str(p.relative_to(ROOT)) for p in sources(part)]
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            LANGUAGE,
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return target


def release(ts: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
        check=True,
        capture_output=True,
    )


def messages(ts: Path) -> list[ET.Element]:
    return ET.parse(ts).getroot().findall("./context/message")


def missing(part: str) -> dict[str, str]:
    out = {}
    for message in messages(ts_file(part)):
        translation = message.find("translation")
        if (
            translation is None
            or translation.get("type") == "unfinished"
            or not (translation.text or "").strip()
        ):
            out[message.findtext("source") or ""] = ""
    return out


def apply(part: str, mapping: dict[str, str]) -> int:
    path = ts_file(part)
    tree = ET.parse(path)
    changed = 0
    for message in tree.getroot().findall("./context/message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        done = translation is not None and translation.get("type") != "unfinished"
        if mapping.get(source) and not (done and (translation.text or "").strip()):
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.text = mapping[source]
            translation.attrib.pop("type", None)
            changed += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return changed


def parts() -> list[str]:
    return ["core", *FEATURES]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if command == "update":
        for part in argv[1:] or parts():
            release(update(part))
            print(f"{part}: {len(missing(part))} untranslated")
    elif command == "release":
        for ts in sorted(TRANSLATIONS.glob("*.ts")):
            release(ts)
    elif command == "missing":
        print(json.dumps(missing(argv[1]), ensure_ascii=False, indent=1))
    elif command == "apply":
        mapping = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        print(f"{apply(argv[1], mapping)} translations written")
        release(ts_file(argv[1]))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

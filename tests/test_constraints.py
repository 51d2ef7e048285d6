"""constraints.txt pins one version of every package the project installs, so ./kefu and
./kefu bundle give every checkout and every bundle the same set."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line)
            assert match, f"constraints.txt: not a pin: {line}"
            pinned[canonicalize_name(match.group(1))] = match.group(2)
    return pinned


def declared() -> list[Requirement]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        found += [Requirement(r) for r in extra]
    return found


def test_every_declared_dependency_is_pinned_within_its_bounds():
    pinned = pins()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"add `{requirement.name}==VERSION` to constraints.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {requirement.name}=={pinned[name]}, "
            f"outside pyproject.toml's {requirement}"
        )


def test_what_the_dependencies_need_is_pinned_too():
    """Walks the installed dependencies (this platform's markers) from pyproject.toml down."""
    pinned = pins()
    unpinned = set()
    queue = [(r, set()) for r in declared()]
    seen = set()
    while queue:
        requirement, extras = queue.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        if name not in pinned:
            unpinned.add(requirement.name)
        try:
            needs = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed here (another platform's, or an extra not installed)
        for text in needs:
            need = Requirement(text)
            environment = {"extra": ""}
            for extra in requirement.extras or {""}:
                environment["extra"] = extra
                if need.marker is None or need.marker.evaluate(environment):
                    queue.append((need, set()))
                    break
    assert not unpinned, f"pin these in constraints.txt: {sorted(unpinned)}"

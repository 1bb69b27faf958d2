"""The layers of the README, read from the imports: a report goes down once (ingest → store), a
question goes down and never back up (ui → answer → retrieval → store), lexicon/ and embedding/
serve both; outside ingest/ and store/ only the records of ingest/ are imported."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import PROJECT

# each package, and the project packages it may import (besides itself)
ALLOWED = {
    "lexicon": set(),
    "embedding": {"lexicon"},
    "store": {"ingest.records", "lexicon", "embedding"},
    "ingest": {"store", "lexicon", "embedding"},
    "retrieval": {"store", "ingest.records", "lexicon", "embedding"},
    "answer": {"retrieval", "store", "ingest.records", "lexicon", "embedding", "prompts"},
    "prompts": set(),
    "ui": {"answer", "store", "ingest.records", "lexicon"},
}
PACKAGES = set(ALLOWED)


def imports(package: str) -> list[tuple[str, str]]:
    """(file, imported module) for every project module ``package`` imports, at any depth."""
    out = []
    for path in sorted((PROJECT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            out += [(path.name, n) for n in names if n.split(".")[0] in PACKAGES]
    return out


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package):
    def allowed(module: str) -> bool:
        top = module.split(".")[0]
        return top == package or any(module == a or module.startswith(a + ".") or top == a for a in ALLOWED[package])

    wrong = [(f, m) for f, m in imports(package) if not allowed(m)]
    assert not wrong, wrong

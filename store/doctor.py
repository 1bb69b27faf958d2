"""Do the catalog, the vectors and the keyword index agree? The catalog's last committed state is
the truth: ``repair`` makes the others match it."""

from __future__ import annotations

from dataclasses import dataclass

from store.library import Library, vector_metadata


@dataclass(frozen=True)
class Finding:
    what: str  # orphan_vectors / missing_vectors / pending / keyword_index / orphan_rows
    detail: str
    chunk_ids: tuple[str, ...] = ()


def diagnose(library: Library) -> list[Finding]:
    catalog = library.catalog
    findings: list[Finding] = []
    pending = catalog.pending()
    if pending:
        findings.append(Finding("pending", f"{len(pending)} interrupted write(s) not yet cleaned up: {', '.join(pending)}"))
    orphans = catalog.orphan_rows()
    if orphans:
        findings.append(Finding("orphan_rows", "rows without their report: " + ", ".join(f"{t} {n}" for t, n in orphans.items())))
    stored = catalog.chunk_reports()
    vectors = library.vectors.chunk_reports()
    extra = tuple(sorted(set(vectors) - set(stored)))
    if extra:
        reports = sorted({vectors[c] for c in extra})
        findings.append(
            Finding(
                "orphan_vectors",
                f"{len(extra)} vector(s) of chunks the catalog does not list (reports {', '.join(reports)})",
                extra,
            )
        )
    missing = tuple(sorted(set(stored) - set(vectors)))
    if missing:
        reports = sorted({stored[c] for c in missing})
        findings.append(
            Finding("missing_vectors", f"{len(missing)} chunk(s) without a vector (reports {', '.join(reports)})", missing)
        )
    library.refresh_keywords()
    indexed = library.keywords.live_ids()
    if indexed != set(stored):
        findings.append(
            Finding(
                "keyword_index",
                f"keyword index has {len(indexed - set(stored))} chunk(s) the catalog lacks and lacks {len(set(stored) - indexed)}",
            )
        )
    return findings


def repair(library: Library, findings: list[Finding]) -> None:
    catalog = library.catalog
    for f in findings:
        if f.what == "pending":
            library.recover(older_than=0)
        elif f.what == "orphan_rows":
            catalog.delete_orphan_rows()
        elif f.what == "orphan_vectors":
            library.vectors.delete_ids(list(f.chunk_ids))
        elif f.what == "missing_vectors":
            rows = catalog.chunks(list(f.chunk_ids))
            reports = library.reports_by_id()
            ids = [cid for cid in f.chunk_ids if cid in rows]
            vectors = library.embedder.embed_documents([rows[c].text for c in ids])
            metadatas = []
            for c in ids:
                report = reports[rows[c].report_id]
                metadatas += vector_metadata(report.id, report.issuer, report.year, [rows[c]])
            library.vectors.add(ids, vectors, metadatas)
        elif f.what == "keyword_index":
            library.keywords.rebuild(catalog.generation(), catalog.token_rows)

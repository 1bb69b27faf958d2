"""The 统计表 of reports before 2019 (指标名称 | 计量单位 | 本年度 | 历年累计)."""

from __future__ import annotations

from ingest.records import CleanDocument, Fact


def legacy_facts(clean: CleanDocument) -> list[Fact]:
    """Facts of a pre-2019 statistics table, under ``legacy.*`` keys."""
    return []

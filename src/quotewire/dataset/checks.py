"""Validation results and the suite files: what a build needs to know about validation
without importing pandas or great_expectations (``quotewire.dataset.validate`` runs the checks).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from quotewire import settings

CRITICAL = "critical"
WARNING = "warning"


def default_suites_dir() -> Path:
    """The quality gate's suites: ``QUOTEWIRE_EXPECTATIONS`` or the repository's
    ``expectations/`` folder (``settings.Settings.expectations_dir``)."""
    return settings.from_env().expectations_dir


@dataclass(frozen=True)
class CheckResult:
    table: str
    expectation: str
    column: str
    severity: str
    success: bool
    observed: str
    # For expectations on row values: how many rows failed, and a few of their values
    # (kept as fields, so results of several chunks add up without parsing ``observed``).
    unexpected_count: int | None = None
    unexpected_sample: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[CheckResult, ...]

    @property
    def success(self) -> bool:
        """True when every critical expectation passed (warnings never block)."""
        return all(r.success for r in self.results if r.severity == CRITICAL)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if not r.success)

    def summary(self) -> dict[str, object]:
        crit = [r for r in self.results if r.severity == CRITICAL]
        warn = [r for r in self.results if r.severity == WARNING]
        return {
            "success": self.success,
            "critical_passed": sum(r.success for r in crit),
            "critical_failed": sum(not r.success for r in crit),
            "warnings_passed": sum(r.success for r in warn),
            "warnings_failed": sum(not r.success for r in warn),
        }

    def to_json(self) -> dict[str, object]:
        return {"summary": self.summary(), "results": [vars(r) for r in self.results]}

    def table_rows(self, only_failed: bool = False) -> list[dict[str, str]]:
        rows = self.failed if only_failed else self.results
        return [
            {
                "table": r.table,
                "expectation": r.expectation,
                "column": r.column,
                "severity": r.severity,
                "result": "pass" if r.success else "FAIL",
                "observed": r.observed,
            }
            for r in rows
        ]


def suites_fingerprint(suites_dir: Path | None = None) -> str:
    """sha256 over every suite file: rows validated under other suites are not taken as
    valid by an incremental build."""
    h = hashlib.sha256()
    for path in sorted((suites_dir or default_suites_dir()).glob("*.json")):
        h.update(path.name.encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_escape(value: str) -> str:
    """Escape text for a Markdown table cell (article text never reaches Markdown raw)."""
    return _MD_ESCAPE.sub(r"\\\1", value.replace("\n", " "))


def report_markdown(report: ValidationReport) -> str:
    lines = [
        f"**Validation: {'passed' if report.success else 'FAILED'}** "
        + ", ".join(f"{k} {v}" for k, v in report.summary().items() if k != "success"),
        "",
        "| table | expectation | column | severity | result | observed |",
        "|---|---|---|---|---|---|",
    ]
    for row in report.table_rows():
        lines.append("| " + " | ".join(markdown_escape(row[k]) for k in row) + " |")
    return "\n".join(lines) + "\n"


def report_text(report: ValidationReport, only_failed: bool = False) -> str:
    rows = report.table_rows(only_failed)
    header = ("table", "expectation", "column", "severity", "result", "observed")
    widths = [max([len(h)] + [len(r[h]) for r in rows]) for h in header[:-1]]
    out = ["  ".join(h.ljust(w) for h, w in zip(header[:-1], widths, strict=True)) + "  observed"]
    for r in rows:
        out.append("  ".join(r[h].ljust(w) for h, w in zip(header[:-1], widths, strict=True)) + "  " + r["observed"])
    return "\n".join(out)

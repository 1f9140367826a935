"""What an import did, per kind of thing: created, updated, unchanged, skipped, failed, and why."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped", "failed")
KINDS = (
    "authors", "categories", "tags", "posts", "pages", "attachments", "comments", "pingbacks",
    "trackbacks", "redirects", "files",
)  # fmt: skip


@dataclass
class ImportReport:
    """Counts per kind and outcome; each failure with its reason; skips grouped by reason."""

    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, item, reason)
    skips: Counter = field(default_factory=Counter)  # (kind, reason) → how many
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def skip(self, kind: str, reason: str) -> None:
        self.count(kind, "skipped")
        self.skips[(kind, reason)] += 1

    def fail(self, kind: str, item: str, reason: str) -> None:
        self.count(kind, "failed")
        self.failures.append((kind, item, reason))

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.counts.values())

    def table(self) -> list[tuple[str, ...]]:
        """Rows of (kind, created, updated, unchanged, skipped, failed), known kinds first."""
        kinds = [k for k in KINDS if k in self.counts]
        kinds += sorted(k for k in self.counts if k not in KINDS)
        return [(k, *(str(self.counts[k][o]) for o in OUTCOMES)) for k in kinds]

    def lines(self) -> list[str]:
        """The report as plain text lines."""
        out = ["Dry run: nothing was saved." if self.dry_run else "Import finished."]
        header = ("", *OUTCOMES)
        rows = [header, *self.table()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        out += [
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
            for row in rows
        ]
        if self.skips:
            out.append("Skipped:")
            out += [f"  {n} {kind}: {reason}" for (kind, reason), n in sorted(self.skips.items())]
        if self.failures:
            out.append("Failed:")
            out += [f"  {kind} {item}: {reason}" for kind, item, reason in self.failures]
        if self.notes:
            out.append("Notes:")
            out += [f"  {note}" for note in self.notes]
        return out

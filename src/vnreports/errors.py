"""Input problems, reported with file, line and column and how to fix them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None  # column name
    column_no: int | None  # 1-based column position
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column_no is not None:
                where += f":{self.column_no}"
        col = f" (column '{self.column}')" if self.column else ""
        text = f"{where}{col}: {self.message}"
        if self.fix:
            text += f"\n    how to fix: {self.fix}"
        return text


class InputError(Exception):
    """The raw inputs are wrong; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the raw inputs")

    def render(self, limit: int = 60) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)

"""Query rules that look only at the parsed query (and the catalog): what is wrong with a
shape of query is worked out once, and reported for every query of that shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial

from dashkit.catalog import Catalog
from dashkit.problems import Location, Problem
from dashkit.promql.parse import Parsed
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.queries import Query

Note = tuple[str, str]
"""What a rule notes about a shape of query: the end of the problem's summary (after the
query's place: ``": metric 'x' is unknown"``) and a hint."""

Notes = Callable[[Parsed, Catalog], Sequence[Note]]


def shape_problems(ctx: LintContext, key: str, notes: Notes,
                   also: Callable[[Query], Iterable[Note]] | None = None) -> Iterator[Problem]:
    """A problem for each note on each query of the dashboard; ``also`` adds notes that
    depend on more than the shape (the legend), after the shape's."""
    catalog = ctx.catalog
    for query in ctx.queries:
        found = query.parsed.remembered(key, catalog, partial(notes, query.parsed, catalog))
        if also is not None:
            found = [*found, *also(query)]
        for summary, hint in found:
            details = f"{hint}\nThe query:\n{query.expr}" if hint else (
                f"The query:\n{query.expr}")
            yield Problem(f"{query.where}{summary}", Location(panel=query.panel),
                          details=details)

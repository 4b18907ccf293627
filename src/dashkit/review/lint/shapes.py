"""Query rules that look only at the parsed query (and the catalog): what is wrong with a
shape of query is worked out once, and reported for every query of that shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial

from dashkit.catalog import Catalog
from dashkit.promql.parse import Parsed
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.finding import Violation
from dashkit.review.lint.queries import Query

Problem = tuple[str, str]
"""The end of a summary (after the query's place: ``": metric 'x' is unknown"``) and a hint."""

Problems = Callable[[Parsed, Catalog], Sequence[Problem]]


def shape_violations(ctx: LintContext, key: str, problems: Problems,
                     also: Callable[[Query], Iterable[Problem]] | None = None
                     ) -> Iterator[Violation]:
    """A violation for each problem of each query of the dashboard; ``also`` adds problems
    that depend on more than the shape (the legend), after the shape's."""
    catalog = ctx.catalog
    for query in ctx.queries:
        found = query.parsed.remembered(key, catalog, partial(problems, query.parsed, catalog))
        if also is not None:
            found = [*found, *also(query)]
        for summary, hint in found:
            details = f"{hint}\nThe query:\n{query.expr}" if hint else (
                f"The query:\n{query.expr}")
            yield Violation(f"{query.where}{summary}", details, query.panel)

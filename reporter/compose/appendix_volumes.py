"""The appendix in volumes: past about N pages its tables are cut into pieces (by year, then by
rows), packed into volumes of at most N estimated pages, each with its own contents, the usual
file then being their index. Estimates come from rows per page measured on the real layout."""
from __future__ import annotations

from dataclasses import dataclass

from reporter.compose.appendix import Group
from reporter.i18n import Messages

# ----------------------------------------------------------------------------- volumes
#
# Past --max-pages the PDF/DOCX appendix is split into volumes so that one volume, not the whole
# corpus, is laid out at a time (WeasyPrint holds every page's boxes until it writes: ~3.3 MiB a
# page). Volumes follow the document's own order: registered indicators by dimension, the other
# figures by year, the plan tables by year, the sources. An indicator stays whole in one volume
# unless it alone is over the limit; then it is cut at year boundaries. The usual file
# (appendix-A-B.pdf) becomes the index: what each volume holds and where each indicator is.
# Rows per A4 page of each table, measured on a 975-page appendix (see docs/ARCHITECTURE.md);
# a little under the measured figures, so a volume comes out at or below its limit.

FACT_ROWS_PER_PAGE = 22.0
OTHER_ROWS_PER_PAGE = 31.0
PLAN_ROWS_PER_PAGE = 20.0
SOURCE_ROWS_PER_PAGE = 19.0
HEADING_PAGES = 0.15  # a heading, its table header, the space around them and its line in the contents
COVER_PAGES = 1.0  # the cover lines and the contents (a page of its own: print.css breaks after it)


@dataclass(eq=False)
class Piece:
    """An undivided run of the appendix: an indicator (or some years of it), a year of the
    other figures, a year's plan table, or a run of sources."""

    part: str  # "indicator" | "others" | "plan" | "sources"
    rows: list[dict]
    pages: float
    group: str = ""  # the dimension's name (indicator pieces)
    indicator: str = ""
    name: str = ""  # the indicator's name as printed (with its years when it was cut)
    years: tuple[int, int] | None = None  # first..last year of the rows (indicator and others pieces)


@dataclass
class Volume:
    number: int  # 1..n
    pieces: list[Piece]

    @property
    def pages(self) -> float:
        return sum(p.pages for p in self.pieces)

    @property
    def facts(self) -> int:
        return sum(len(p.rows) for p in self.pieces if p.part in ("indicator", "others"))


def _row_years(rows: list[dict]) -> tuple[int, int]:
    years = [int(r["first_year"]) for r in rows]
    return min(years), max(years)


def _by_year(rows: list[dict], key: str) -> list[list[dict]]:
    """Rows (already in year order) cut where the year changes."""
    runs: list[list[dict]] = []
    for r in rows:
        if runs and runs[-1][0][key] == r[key]:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def _cut(rows: list[dict], per_page: float, budget: float, key: str) -> list[list[dict]]:
    """Rows in runs of whole years that each fit the budget; a year over it alone is cut in chunks."""
    fit = _fit(budget, per_page, len(rows))
    runs: list[list[dict]] = []
    for year_rows in _by_year(rows, key):
        for start in range(0, len(year_rows), fit):
            chunk = year_rows[start:start + fit]
            if runs and len(runs[-1]) + len(chunk) <= fit and start == 0:
                runs[-1].extend(chunk)
            else:
                runs.append(list(chunk))
    return runs


def _fit(budget: float, per_page: float, count: int) -> int:
    """How many rows of a table fit in budget pages (all of them for an unbounded budget)."""
    if budget >= count / per_page + HEADING_PAGES:
        return max(1, count)
    return max(1, int((budget - HEADING_PAGES) * per_page))


def _rows_pages(n: int, per_page: float) -> float:
    return HEADING_PAGES + n / per_page


def pieces(context: dict, budget: float, t: Messages) -> list[Piece]:
    """The appendix's content in document order, each piece within the budget of pages."""
    out: list[Piece] = []
    for g in context["groups"]:
        for indicator, name, rows in g.indicators:
            whole = _rows_pages(len(rows), FACT_ROWS_PER_PAGE)
            if whole <= budget:
                out.append(Piece("indicator", rows, whole, g.name, indicator, name, _row_years(rows)))
                continue
            for part in _cut(rows, FACT_ROWS_PER_PAGE, budget, "first_year"):
                first, last = _row_years(part)
                years = t("appendix_years", first=first, last=last) if first != last else t("appendix_year", year=first)
                out.append(Piece("indicator", part, _rows_pages(len(part), FACT_ROWS_PER_PAGE), g.name, indicator,
                                 t("appendix_indicator_part", name=name, years=years), (first, last)))
    for part in _cut(context["others"], OTHER_ROWS_PER_PAGE, budget, "first_year") if context["others"] else []:
        out.append(Piece("others", part, _rows_pages(len(part), OTHER_ROWS_PER_PAGE), years=_row_years(part)))
    for year, rows in context["plan_tables"]:
        for part in _cut([{**r, "_year": year} for r in rows], PLAN_ROWS_PER_PAGE, budget, "_year"):
            out.append(Piece("plan", part, _rows_pages(len(part), PLAN_ROWS_PER_PAGE), years=(year, year)))
    sources = context["sources"]
    fit = _fit(budget, SOURCE_ROWS_PER_PAGE, len(sources))
    for start in range(0, len(sources), fit):
        part = sources[start:start + fit]
        out.append(Piece("sources", part, _rows_pages(len(part), SOURCE_ROWS_PER_PAGE)))
    return out


def estimated_pages(context: dict, t: Messages) -> float:
    """About how many pages the whole appendix lays out to (the sum of its pieces)."""
    return COVER_PAGES + sum(p.pages for p in pieces(context, float("inf"), t))


def pack(found: list[Piece], budget: float) -> list[Volume]:
    """Pieces into volumes in order. A new dimension (or part) that would not fit in what is left
    of a volume more than half full starts the next volume, so volumes end where dimensions end."""
    volumes: list[Volume] = []
    current: list[Piece] = []
    used = COVER_PAGES
    for i, piece in enumerate(found):
        run_breaks = False
        if i == 0 or _run_key(found[i - 1]) != _run_key(piece):
            run = _run_pages(found, i)
            run_breaks = used + run > budget and run + COVER_PAGES <= budget and used > budget / 2
        if current and (used + piece.pages > budget or run_breaks):
            volumes.append(Volume(len(volumes) + 1, current))
            current, used = [], COVER_PAGES
        current.append(piece)
        used += piece.pages
    if current:
        volumes.append(Volume(len(volumes) + 1, current))
    return volumes


def _run_key(piece: Piece) -> tuple[str, str]:
    return piece.part, piece.group


def _run_pages(found: list[Piece], start: int) -> float:
    """The pages of the run of pieces of one dimension (or part) that starts at found[start]."""
    total = 0.0
    for piece in found[start:]:
        if _run_key(piece) != _run_key(found[start]):
            break
        total += piece.pages
    return total


def _regroup(found: list[Piece]) -> list[Group]:
    out: list[Group] = []
    for piece in found:
        if piece.part != "indicator":
            continue
        if not out or out[-1].name != piece.group:
            out.append(Group(piece.group, []))
        out[-1].indicators.append((piece.indicator, piece.name, piece.rows))
    return out


def _plan_tables(found: list[Piece]) -> list[tuple[int, list[dict]]]:
    out: list[tuple[int, list[dict]]] = []
    for piece in found:
        if piece.part == "plan":
            year = piece.years[0] if piece.years else 0
            if out and out[-1][0] == year:
                out[-1][1].extend(piece.rows)
            else:
                out.append((year, list(piece.rows)))
    return out


def _years_text(first: int, last: int, t: Messages) -> str:
    return t("appendix_year", year=first) if first == last else t("appendix_years", first=first, last=last)


def contents(volume: Volume, everything: list[Piece], sources_before: int, t: Messages) -> list[str]:
    """What a volume holds, in words for the index: its dimensions (with the first and last
    indicator when the dimension is shared with another volume), years of other figures, plan
    tables, sources (numbered from sources_before + 1)."""
    out: list[str] = []
    runs: list[list[Piece]] = []
    for piece in volume.pieces:
        if runs and _run_key(runs[-1][0]) == _run_key(piece):
            runs[-1].append(piece)
        else:
            runs.append([piece])
    for run in runs:
        part = run[0].part
        if part == "indicator":
            whole = [p for p in everything if _run_key(p) == _run_key(run[0])]
            if len(whole) == len(run):
                out.append(run[0].group)
            else:
                out.append(t("appendix_group_part", group=run[0].group, first=run[0].name, last=run[-1].name))
        elif part in ("others", "plan"):
            first = min(p.years[0] for p in run if p.years)
            last = max(p.years[1] for p in run if p.years)
            out.append(t(f"appendix_{part}_part", years=_years_text(first, last, t)))
        else:
            count = sum(len(p.rows) for p in run)
            out.append(t("appendix_sources_part", first=sources_before + 1, last=sources_before + count))
    return out


@dataclass
class Volumes:
    """The appendix cut into volumes: the index's context and each volume's."""

    index: dict
    volumes: list[dict]  # each a template context


def split(context: dict, max_pages: int, basename: str, t: Messages) -> Volumes | None:
    """None when the whole appendix fits in max_pages (one file, as always); else the index and volumes."""
    total = estimated_pages(context, t)
    if total <= max_pages:
        return None
    budget = float(max_pages)
    found = pieces(context, budget - COVER_PAGES, t)
    volumes = pack(found, budget)
    count = len(volumes)
    names = [f"{basename}-{v.number}" for v in volumes]
    listing, sources_before = [], 0
    for v, name in zip(volumes, names):
        listing.append({"number": v.number, "file": name, "facts": v.facts, "pages": round(v.pages + COVER_PAGES),
                        "contents": t("appendix_contents_sep").join(contents(v, found, sources_before, t))})
        sources_before += sum(len(p.rows) for p in v.pieces if p.part == "sources")
    where: dict[tuple[str, str], list[int]] = {}
    for v in volumes:
        for p in v.pieces:
            if p.part == "indicator":
                numbers = where.setdefault((p.group, p.indicator), [])
                if v.number not in numbers:
                    numbers.append(v.number)
    indicator_volumes = [{"group": g.name, "name": name, "facts": len(rows),
                          "volumes": t("list_separator").join(t("appendix_volume_no", number=n)
                                                              for n in where[(g.name, ind)])}
                         for g in context["groups"] for ind, name, rows in g.indicators]
    holding_sources = [v.number for v in volumes if any(p.part == "sources" for p in v.pieces)]
    index = {**context, "groups": [], "others": [], "plan_tables": [], "sources": [],
             "show_plan": not context["plan_tables"], "volumes": listing, "indicator_volumes": indicator_volumes,
             "max_pages": max_pages, "estimated_pages": round(total),
             "sources_in": t("list_separator").join(t("appendix_volume_no", number=n) for n in holding_sources)}
    out = []
    for v, name in zip(volumes, names):
        out.append({**context, "groups": _regroup(v.pieces),
                    "others": [r for p in v.pieces if p.part == "others" for r in p.rows],
                    "plan_tables": _plan_tables(v.pieces), "show_plan": any(p.part == "plan" for p in v.pieces),
                    "sources": [r for p in v.pieces if p.part == "sources" for r in p.rows],
                    "show_notes": any(p.part == "sources" for p in v.pieces), "corrections": [],
                    "volume": {"number": v.number, "count": count, "file": name, "index": basename,
                               "contents": listing[v.number - 1]["contents"]}})
    return Volumes(index, out)

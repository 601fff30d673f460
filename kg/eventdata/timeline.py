"""Cooperation–conflict time series: per dyad and per week or month, the asserted events
by PLOVER quad class and their summed intensity.

A dyad is a pair of actors, whichever acted on the other: at the ``country`` level the two
countries the actor and recipient speak for (a country, or a person whose posts are all of
one country: :mod:`kg.eventdata.events`), events within one country left out; at the
``actor`` level the two entities themselves. Each event is dated by its own day where the
text gives one, else by its article's date, and ``date_source`` says which: events of one
dyad and period that are dated both ways are two rows, so that a reader can keep only
events dated by the text.

>>> frame = timeline([])
>>> list(frame.columns)[:6]
['level', 'period', 'dyad', 'actor_a', 'actor_b', 'date_source']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kg.eventdata.events import Event, asserted_events
from kg.eventdata.scores import QUAD_CLASSES
from kg.files import atomic_output
from kg.graph.store import Store
from kg.resolve.wordlists import country_by_code

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PERIODS = {"month": "M", "week": "W-SUN"}
"""Period name → pandas period frequency (weeks run Monday to Sunday)."""

LEVELS = ("country", "actor")
"""The dyad levels of a timeline."""

QUADS = [name.replace(" ", "_") for name in QUAD_CLASSES.values()]
"""The count columns: verbal_cooperation, material_cooperation, verbal_conflict,
material_conflict."""

COLUMNS = ["level", "period", "dyad", "actor_a", "actor_b", "date_source", "events", *QUADS,
           "intensity"]


def _ends(event: Event, level: str) -> tuple[str, str] | None:
    """The dyad's two ends (names, sorted), or ``None`` when the event has no dyad."""
    if event.recipient is None:
        return None
    if level == "actor":
        a, b = event.actor.name, event.recipient.name
        return None if event.actor.iri == event.recipient.iri else (min(a, b), max(a, b))
    # kg's names of countries ("Iran", "Turkey"): the dyads read as the graph names them
    countries = [country_by_code(code or "") for code in (event.actor.code, event.recipient.code)]
    if None in countries or countries[0] == countries[1]:
        return None  # an organisation, a person of no one country, or a domestic event
    names = [country.name for country in countries]
    return min(names), max(names)


def timeline(events: Store | Iterable[Event], *, period: str = "month") -> pd.DataFrame:
    """The time series of every dyad at both levels, one row per level, dyad, period and
    date source, in that order (columns in :data:`COLUMNS`; ``period`` is the first day of
    the week or month).

    >>> from kg.eventdata.events import Actor
    >>> fr, us = (Actor("f", "France", "Country", "FRA"), Actor("u", "US", "Country", "USA"))
    >>> e = Event("1", "i", "d", "ACCUSE", None, None, "2025-10-16", "event", None, None,
    ...           "2025-10-17", None, None, None, "", fr, us, None, None, None, None, "s", 0, 1,
    ...           0.9, "clauses")
    >>> row = timeline([e, e]).loc[0]
    >>> [str(row[k]) for k in ("dyad", "period", "events", "verbal_conflict", "intensity")]
    ['France – United States', '2025-10-01', '2', '2', '-6.0']
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r} (choose from {', '.join(PERIODS)})")
    source = asserted_events(events) if isinstance(events, Store) else events
    records = []
    for event in source:
        if not event.date:
            continue
        start = pd.Period(event.date, freq=PERIODS[period]).start_time.strftime("%Y-%m-%d")
        for level in LEVELS:
            ends = _ends(event, level)
            if ends is None:
                continue
            records.append({"level": level, "period": start, "dyad": " – ".join(ends),
                            "actor_a": ends[0], "actor_b": ends[1],
                            "date_source": event.date_source,
                            QUADS[event.quad_code - 1]: 1, "intensity": event.intensity})
    if not records:
        return pd.DataFrame({column: [] for column in COLUMNS})
    frame = pd.DataFrame.from_records(records)
    for column in QUADS:
        frame[column] = frame.get(column, 0)
    keys = ["level", "dyad", "period", "actor_a", "actor_b", "date_source"]
    grouped = frame.groupby(keys, sort=True).agg(
        **{column: (column, "sum") for column in QUADS}, intensity=("intensity", "sum"),
        events=("intensity", "size")).reset_index()
    grouped[QUADS] = grouped[QUADS].fillna(0).astype(int)
    grouped["level"] = pd.Categorical(grouped["level"], LEVELS)
    grouped = grouped.sort_values(["level", "dyad", "period", "date_source"])
    grouped["level"] = grouped["level"].astype(str)
    result = grouped[COLUMNS].reset_index(drop=True)
    result.attrs["period"] = period  # lets the charts show the periods without events
    return result


def _all_periods(frame: pd.DataFrame, starts: Iterable[str]) -> list[str]:
    """Every period from the first to the last of ``starts``, empty ones included."""
    starts = sorted(starts)
    if not starts or frame.attrs.get("period") not in PERIODS:
        return starts
    freq = PERIODS[frame.attrs["period"]]
    every = pd.period_range(pd.Period(starts[0], freq), pd.Period(starts[-1], freq), freq=freq)
    return [p.start_time.strftime("%Y-%m-%d") for p in every]


def top_dyads(frame: pd.DataFrame, n: int = 5, *, level: str = "country") -> list[str]:
    """The ``n`` dyads of a level with the most events, most first (ties by name).

    >>> top_dyads(timeline([]))
    []
    """
    rows = frame[frame["level"] == level]
    totals = rows.groupby("dyad")["events"].sum()
    return sorted(totals.index, key=lambda d: (-totals[d], d))[:n]


def series(frame: pd.DataFrame, dyad: str, *, level: str = "country") -> pd.DataFrame:
    """One dyad's series, both date sources summed, indexed by period (a DatetimeIndex);
    the periods between its first and last without events are there with zeros."""
    rows = frame[(frame["level"] == level) & (frame["dyad"] == dyad)]
    summed = rows.groupby("period")[["events", *QUADS, "intensity"]].sum()
    summed = summed.reindex(_all_periods(frame, summed.index), fill_value=0)
    summed.index = pd.to_datetime(summed.index)
    return summed


def line_chart(frame: pd.DataFrame, dyad: str, *, level: str = "country",
               ax: Axes | None = None) -> Figure:
    """A line chart of one dyad: events by quad class per period, and the summed intensity
    on a second axis."""
    import matplotlib.pyplot as plt

    data = series(frame, dyad, level=level)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    for column, colour in zip(QUADS, ("#1b9e77", "#66a61e", "#d95f02", "#e7298a"), strict=True):
        ax.plot(data.index, data[column], marker="o", label=column.replace("_", " "),
                color=colour)
    ax.set_ylabel("events")
    ax.set_title(dyad)
    twin = ax.twinx()
    twin.plot(data.index, data["intensity"], linestyle="--", color="black", label="intensity")
    twin.axhline(0, color="grey", linewidth=0.5)
    twin.set_ylabel("summed intensity")
    lines = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    labels = ax.get_legend_handles_labels()[1] + twin.get_legend_handles_labels()[1]
    ax.legend(lines, labels, fontsize="small", loc="upper left")
    ax.figure.autofmt_xdate()
    return ax.figure


def heat_map(frame: pd.DataFrame, *, top: int = 15, level: str = "country",
             ax: Axes | None = None) -> Figure:
    """A heat map of the summed intensity of the ``top`` dyads (rows) per period (columns):
    cooperation green, conflict red."""
    import matplotlib.pyplot as plt

    dyads = top_dyads(frame, top, level=level)
    rows = frame[(frame["level"] == level) & frame["dyad"].isin(dyads)]
    grid = rows.pivot_table(index="dyad", columns="period", values="intensity", aggfunc="sum")
    grid = grid.reindex(index=dyads, columns=_all_periods(frame, grid.columns))
    if ax is None:
        _, ax = plt.subplots(figsize=(min(14, max(6, 0.35 * grid.shape[1] + 3)),
                                      max(3, 0.35 * len(dyads) + 1)))
    bound = max(1.0, float(abs(grid).max().max())) if grid.size else 1.0
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="RdYlGn",
                      vmin=-bound, vmax=bound)
    ax.set_yticks(range(len(grid.index)), grid.index, fontsize="small")
    step = max(1, -(-len(grid.columns) // 24))  # at most 24 labels, however long the span
    ax.set_xticks(range(0, len(grid.columns), step), grid.columns[::step], rotation=90,
                  fontsize="x-small")
    ax.figure.colorbar(image, ax=ax, label="summed intensity")
    ax.set_title(f"cooperation (green) and conflict (red) of the top {len(dyads)} dyads")
    ax.figure.tight_layout()
    return ax.figure


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def write_timeline(frame: pd.DataFrame, folder: str | Path, *, top: int = 5) -> list[Path]:
    """Write ``timeline.csv``, ``timeline-heatmap.png`` and a line chart
    (``timeline-<dyad>.png``) for each of the ``top`` country dyads, each atomically."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    folder = Path(folder)
    written = [folder / "timeline.csv"]
    with atomic_output(written[0]) as out:
        out.write(frame.to_csv(index=False).encode("utf-8"))
    pictures = [("timeline-heatmap.png", lambda: heat_map(frame))]
    pictures += [(f"timeline-{_slug(dyad)}.png", lambda dyad=dyad: line_chart(frame, dyad))
                 for dyad in top_dyads(frame, top)]
    for name, draw in pictures:
        figure = draw()
        with atomic_output(folder / name) as out:
            figure.savefig(out, format="png", dpi=110, bbox_inches="tight")
        plt.close(figure)
        written.append(folder / name)
    return written

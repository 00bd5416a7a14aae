"""Checks of units and successions: plain problem records the rules wrap as findings."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from danvan.labels import Label
from danvan.model import AdminUnit, Succession
from danvan.model._dates import overlap
from danvan.registry._registry import UnitProblem

# Checks: plain problem records; the rules module wraps them as findings.


def check_reused_codes(units: Iterable[AdminUnit]) -> list[UnitProblem]:
    """A code held by two units on one day: a reused code must not overlap its old holder."""
    by_code: defaultdict[str, list[AdminUnit]] = defaultdict(list)
    for unit in units:
        if unit.code is not None:
            by_code[unit.code].append(unit)
    problems = []
    for code, holders in by_code.items():
        for a, b in itertools.combinations(holders, 2):
            if a.id != b.id and overlap(a.valid_from, a.valid_until, b.valid_from, b.valid_until):
                problems.append(
                    UnitProblem(
                        "units.code-overlap",
                        (a.id, b.id),
                        Label(
                            f"Mã {code} được dùng cho hai đơn vị cùng lúc: {a.id} ({a.name}) "
                            f"và {b.id} ({b.name}); thời gian hiệu lực chồng lên nhau",
                            f"Code {code} is held by two units at once: {a.id} ({a.name}) "
                            f"and {b.id} ({b.name}); their validity overlaps",
                        ),
                        {"unit_code": code, "other": a.id, "other_name": a.name},
                    )
                )
    return problems


def check_valid_after_successor(
    units: Iterable[AdminUnit], successions: Iterable[Succession]
) -> list[UnitProblem]:
    """A predecessor still valid on the day its successor starts.

    A split record with a share below 1 is exempt: part of a unit may leave
    while the unit goes on.
    """
    by_id: dict[str, AdminUnit] = {}
    for unit in units:
        by_id.setdefault(unit.id, unit)
    problems = []
    for succession in successions:
        if succession.share is not None and succession.share < 1:
            continue
        for predecessor_id in succession.predecessors:
            predecessor = by_id.get(predecessor_id)
            if predecessor is None:
                continue
            if predecessor.valid_until is None or predecessor.valid_until >= succession.date:
                until = predecessor.valid_until.isoformat() if predecessor.valid_until else "—"
                problems.append(
                    UnitProblem(
                        "units.valid-after-successor",
                        (predecessor_id, succession.successor),
                        Label(
                            f"{predecessor_id} ({predecessor.name}) còn hiệu lực đến {until} "
                            f"nhưng {succession.successor} đã thay thế từ "
                            f"{succession.date.isoformat()}",
                            f"{predecessor_id} ({predecessor.name}) is valid until {until} "
                            f"but {succession.successor} succeeds it from "
                            f"{succession.date.isoformat()}",
                        ),
                        {
                            "successor": succession.successor,
                            "start": succession.date,
                            "end": predecessor.valid_until,
                        },
                    )
                )
    return problems


def check_succession_cycles(successions: Iterable[Succession]) -> list[UnitProblem]:
    """Successions that lead back to where they started; one problem per loop."""
    graph: defaultdict[str, set[str]] = defaultdict(set)
    for succession in successions:
        for predecessor in succession.predecessors:
            graph[predecessor].add(succession.successor)
    problems = []
    for component in _strongly_connected(graph):
        if len(component) > 1 or component[0] in graph.get(component[0], ()):
            loop = " → ".join((*component, component[0]))
            problems.append(
                UnitProblem(
                    "units.succession-cycle",
                    tuple(component),
                    Label(
                        f"Chuỗi sáp nhập quay vòng: {loop}",
                        f"The successions loop: {loop}",
                    ),
                    {"cycle": loop},
                )
            )
    return problems


def _strongly_connected(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively; each component sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = itertools.count()
    nodes = sorted(set(graph) | {n for targets in graph.values() for n in targets})
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = next(counter)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            advanced = False
            for target in targets:
                if target not in index:
                    index[target] = low[target] = next(counter)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components

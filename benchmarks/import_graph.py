"""The shape of the house from its imports: circles, floors and the largest modules.

``lint-imports`` says whether the layers contract holds; this script gives the
counts behind it, for a module and for a room (a package, or a module outside
one): how many import circles there are, how many floors the rooms stand on
(the longest chain of rooms importing rooms), and the largest modules. It reads
the imports with grimp, which import-linter installs (the ``test`` extra).

    python benchmarks/import_graph.py            # this checkout's danvan
    python benchmarks/import_graph.py --top 10
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import grimp

# The project's own Tarjan (the registry finds loops of successions with it).
from danvan.registry._checks import _strongly_connected as strongly_connected

Graph = Mapping[str, set[str]]


def floors(graph: Graph) -> int:
    """The longest chain of imports, counting a circle as one floor."""
    components = strongly_connected(graph)
    of = {member: number for number, c in enumerate(components) for member in c}

    @cache
    def height(number: int) -> int:
        below = {of[t] for m in components[number] for t in graph[m]} - {number}
        return 1 + max((height(b) for b in below), default=0)

    sys.setrecursionlimit(max(1000, 4 * len(components)))
    return max((height(n) for n in range(len(components))), default=0)


def rooms(graph: Graph, packages: Iterable[str]) -> dict[str, set[str]]:
    """The graph of rooms: each module folded into the top-level package that holds it."""
    tops = {p for p in packages if p.count(".") == 1}

    def room(module: str) -> str:
        top = ".".join(module.split(".")[:2])
        return top if top in tops else module

    folded: dict[str, set[str]] = {}
    for module, targets in graph.items():
        if module == "danvan":  # the face on top, above every room
            continue
        here = folded.setdefault(room(module), set())
        here.update(room(t) for t in targets if t != "danvan" and room(t) != room(module))
    return folded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="how many of the largest modules")
    args = parser.parse_args()
    imports = grimp.build_graph("danvan")
    graph = {m: set(imports.find_modules_directly_imported_by(m)) for m in imports.modules}
    packages = {m for m in graph if any(other.startswith(m + ".") for other in graph)}
    for name, shape in (("modules", graph), ("rooms", rooms(graph, packages))):
        circles = [c for c in strongly_connected(shape) if len(c) > 1]
        print(
            f"{name}: {len(shape)}, imports {sum(len(t) for t in shape.values())}, "
            f"circles {len(circles)}, floors {floors(shape)}"
        )
        for circle in circles:
            print("  circle:", ", ".join(circle))
    sizes = []
    for module in graph:
        spec_path = _path_of(module)
        if spec_path is not None:
            sizes.append((len(spec_path.read_text(encoding="utf-8").splitlines()), module))
    print("largest modules (lines):")
    for lines, module in sorted(sizes, reverse=True)[: args.top]:
        print(f"  {lines:5d}  {module}")


def _path_of(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    return Path(spec.origin) if spec is not None and spec.origin else None


if __name__ == "__main__":
    main()

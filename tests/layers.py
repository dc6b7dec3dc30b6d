#!/usr/bin/env python3
"""layers — the include graph of ipcase's sources, its circles and its layering rules.

A module is a .c/.h pair (db/store.c and db/store.h are one module, db/store). Module A
depends on module B when a file of A includes B's header. An include circle is a set of
modules that reach each other (a strongly connected component of that graph).

  tests/layers.py            prints every include circle, then every broken rule;
                             exits 1 when a circle holds more than two modules or a rule is broken
  tests/layers.py --graph    also prints every module and what it includes

The rules (docs/ARCHITECTURE.md, "Layers"):
  - SQLite only in the store (db/ and db/rules/), libgit2 only in sync/, curses only in tui/,
    cairo, pango, libzip, libxml2, libqrencode and libxlsxwriter only in doc/;
  - base/ includes nothing of ours beyond base/; doc/ (documents) nothing beyond base/ and doc/;
  - the store and the rules (db/, db/rules/) include neither sync/, tui/ nor cli/;
  - the store (db/*) never names a rule module (db/rules/*): it calls the hooks of struct rtype;
  - sync/ includes neither tui/ nor cli/; tui/ does not include cli/.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ["base", "doc", "db", "db/rules", "sync", "tui", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

# (layer of the including file, pattern of what it may not include, why)
FORBIDDEN = [
    (None, r"^sqlite3\.h$", "SQLite outside the store", lambda d: d not in ("db", "db/rules")),
    (None, r"^git2(\.h|/)", "libgit2 outside sync/", lambda d: d != "sync"),
    (None, r"^n?cursesw?\.h$|^ncursesw?/", "curses outside tui/", lambda d: d != "tui"),
    (None, r"^(cairo|pango)", "cairo or pango outside doc/", lambda d: d != "doc"),
    (None, r"^(zip\.h$|libxml/)", "libzip or libxml2 outside doc/", lambda d: d != "doc"),
    (None, r"^qrencode\.h$", "libqrencode outside doc/", lambda d: d != "doc"),
    (None, r"^xlsxwriter(\.h$|/)", "libxlsxwriter outside doc/", lambda d: d != "doc"),
    ("base", r"^(doc|db|sync|tui|cli)/", "base/ includes an upper layer", None),
    ("doc", r"^(db|sync|tui|cli)/", "doc/ lays out documents: it knows no store, sync or screen", None),
    ("db", r"^(sync|tui|cli)/", "the store includes sync or an interface", None),
    ("db/rules", r"^(sync|tui|cli)/", "a rule module includes sync or an interface", None),
    ("db", r"^db/rules/", "the store names a rule module (use a hook of struct rtype)", None),
    ("sync", r"^(tui|cli)/", "sync/ includes an interface", None),
    ("tui", r"^cli/", "the screens include the batch commands", None),
]


def sources():
    for d in DIRS:
        if not os.path.isdir(os.path.join(ROOT, d)):
            continue
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if name.endswith((".c", ".h")):
                yield d, f"{d}/{name}"


def scan():
    graph, broken = {}, []
    for d, path in sources():
        mod = path[:-2]
        deps = graph.setdefault(mod, set())
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            text = f.read()
        for kind, inc in INCLUDE.findall(text):
            if kind == '"' and inc.endswith(".h"):
                if os.path.exists(os.path.join(ROOT, inc)) and inc[:-2] != mod:
                    deps.add(inc[:-2])
            for layer, pat, why, applies in FORBIDDEN:
                if layer is not None and layer != d:
                    continue
                if applies is not None and not applies(d):
                    continue
                if kind == "<" and layer is not None:
                    continue
                if kind == '"' and layer is None:
                    continue
                if re.search(pat, inc):
                    broken.append(f"{path}: includes {inc}: {why}")
    return graph, broken


def circles(graph):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out, n = {}, {}, set(), [], [], [0]
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = n[0]; n[0] += 1
        stack.append(root); on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = n[0]; n[0] += 1
                    stack.append(w); on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop(); on.discard(w); comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return sorted(out, key=lambda c: (-len(c), c))


def main():
    graph, broken = scan()
    if "--graph" in sys.argv:
        for m in sorted(graph):
            print(f"{m}: {' '.join(sorted(graph[m]))}")
    found = circles(graph)
    bad = [c for c in found if len(c) > 2]
    for c in found:
        print(f"include circle of {len(c)} modules: {' '.join(c)}")
    for b in broken:
        print(f"layering: {b}")
    print(f"{len(graph)} modules, {len(found)} include circles "
          f"({len(bad)} of more than two modules), {len(broken)} layering faults")
    return 1 if bad or broken else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Table and distinct details over attack.py's trial-*.json (load + probe calls combined, and probe alone)."""
import json, glob, re, sys, collections
files = sorted(f for f in glob.glob(sys.argv[1] if len(sys.argv) > 1 else "trial-*.json") if not f.endswith(".raw.json"))
cols = ["OK", "UNAVAILABLE", "INTERNAL", "UNKNOWN", "UNAUTHENTICATED", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED"]
norm = lambda s: re.sub(r"\d+", "N", s)
print("trial rate sent/s exit_s | " + " ".join(cols) + " other | probe(valid token, back-to-back): codes")
allnorm = collections.defaultdict(collections.Counter)
for f in files:
    d = json.load(open(f))
    c = collections.Counter(d["load_codes"]) + collections.Counter(d["probe_codes"])
    other = {k: v for k, v in c.items() if k not in cols}
    ex = d["exit_after_sigterm_s"]
    print(f"{f.split('/')[-1][:-5]} {d['rate']:.0f} {d['sent_rate']:.1f} {ex if ex is None else round(ex,3)} | "
          + " ".join(str(c.get(k, 0)) for k in cols) + f" {other or 0} | probe {d['probe_codes']}")
    for src in ("load", "probe"):
        for code, dd in d[src + "_details"].items():
            for det, n in dd.items():
                allnorm[code][norm(det)] += n
print()
for code in allnorm:
    if code == "OK": continue
    print(code)
    for det, n in allnorm[code].most_common():
        print(f"   {n:6d}  {det!r}")

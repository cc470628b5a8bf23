#!/usr/bin/env python3
"""Compares the diagnostics of two secco binaries on mutated policies.

    bench/diag-diff.py BASE_SECCO NEW_SECCO [--files N] [--seed S] [--keep DIR]

Every *.secco of the tree (examples/, test/) and of ../shared/bench is mutated deterministically:
characters and tokens are deleted, inserted, replaced, duplicated or swapped. Some mutants change
one place of a file (so later stages run too), others change many lines at once (every bad line of
a file is reported, so one run checks many syntax errors). Both binaries run `compile FILE -o
/dev/null` on the same path; stderr and the exit code must be identical. Used to check that a
change of the grammar or of the front end keeps every message, location and fix-it.
"""
import argparse
import pathlib
import random
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\s+|#.*|@[A-Za-z0-9_-]+|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9A-Za-z_]*|"
                   r"\|\||&&|==|!=|&\?|<=|>=|<<|>>|.")
POOL = ["(", ")", "[", "]", ",", ";", ":", "=", "==", "!", "~", "-", "+", "*", "&&", "||", "&?",
        "<", ">>", "return", "allow", "kill", "trap(", "errno(", "arg0", "arg6", "argL1", "in(",
        "notIn", "true", "0x", "09", "1", "99999999999999999999", "EPERM", "@file-system", "ARCH",
        "DEFAULT_POLICY", "#", "\t", " ", "é", "\x01", "$", "read", "f(", "x"]
CHARS = "()[],;:=!~-+*/%&|^<>#@ \t0123456789axL_$\"'é"


def corpus():
    files = []
    for pattern in ("examples/**/*.secco", "test/**/*.secco"):
        files += sorted(ROOT.glob(pattern))
    bench = ROOT.parent / "shared" / "bench"
    files += sorted(bench.glob("*.secco")) if bench.is_dir() else []
    return [f for f in files if f.is_file()]


def mutate_line(line, rng):
    tokens = [t for t in TOKEN.findall(line)]
    if not tokens or rng.random() < 0.3:  # character level
        i = rng.randrange(len(line) + 1)
        op = rng.randrange(3)
        if op == 0 and line:
            i = min(i, len(line) - 1)
            return line[:i] + line[i + 1:]
        if op == 1 or not line:
            return line[:i] + rng.choice(CHARS) + line[i:]
        i = min(i, len(line) - 1)
        return line[:i] + rng.choice(CHARS) + line[i + 1:]
    i = rng.randrange(len(tokens))
    op = rng.randrange(5)
    if op == 0:
        del tokens[i]
    elif op == 1:
        tokens.insert(i, rng.choice(POOL))
    elif op == 2:
        tokens[i] = rng.choice(POOL)
    elif op == 3:
        tokens.insert(i, tokens[i])
    elif i + 1 < len(tokens):
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    return "".join(tokens)


def mutant(text, rng):
    lines = text.split("\n")
    if rng.random() < 0.5:  # one place
        i = rng.randrange(len(lines))
        lines[i] = mutate_line(lines[i], rng)
    else:  # many lines
        rate = rng.choice([0.1, 0.3, 0.6])
        for i, line in enumerate(lines):
            if rng.random() < rate:
                lines[i] = mutate_line(line, rng)
                if rng.random() < 0.3:
                    lines[i] = mutate_line(lines[i], rng)
    return "\n".join(lines)


def run(binary, path):
    p = subprocess.run([binary, "compile", str(path), "-o", "/dev/null"], capture_output=True, timeout=60)
    return p.returncode, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--files", type=int, default=400, help="number of mutated policies")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--keep", help="directory for the mutants that differ")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sources = corpus()
    texts = [(f, f.read_text(encoding="utf-8", errors="surrogateescape")) for f in sources]
    differ = 0
    errors = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "mutant.secco"
        for n in range(args.files):
            src, text = texts[n % len(texts)]
            m = mutant(text, rng)
            path.write_bytes(m.encode("utf-8", errors="surrogateescape"))
            a = run(args.base, path)
            b = run(args.new, path)
            errors += a[1].count(b"error:")
            if a != b:
                differ += 1
                print(f"DIFFER: mutant {n} of {src.relative_to(ROOT.parent)}: exit {a[0]} vs {b[0]}")
                if args.keep:
                    keep = pathlib.Path(args.keep)
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"mutant-{n}.secco").write_bytes(path.read_bytes())
                    (keep / f"mutant-{n}.base.err").write_bytes(a[1])
                    (keep / f"mutant-{n}.new.err").write_bytes(b[1])
    print(f"{args.files} mutated policies from {len(sources)} files, {errors} errors reported by base; "
          f"{differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes cmake/text-order.ld: the functions a compile runs, placed together at the start of the
static secco's text.

Why: on a virtual machine a page fault costs ~13 us, and a compile touched ~40 of the 64 KiB
windows the kernel maps per text fault, because the ~600 KiB of code it runs were spread over
4 MiB. Grouped, the same code is a dozen windows (docs/benchmarks.md, "Ninth round").

How: run secco under callgrind on the example and test policies (never the benchmark policies:
they measure), take every function that ran, find the input section holding it in the link map of
the same build, and list those sections, the functions more commands ran first. A stale entry
matches nothing and costs nothing; rerun this after large changes:

  cmake -S . -B build-order -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSECCO_LINK_MAP=ON
  cmake --build build-order --target secco
  scripts/gen-text-order.py build-order/secco build-order/secco.map > cmake/text-order.ld

Needs valgrind. The output depends only on the build and the commands below.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What a user runs most: compiles of small and mid-sized policies, --version, --help, a diagnostic.
POLICIES = [
    "examples/policies/server.secco",
    "examples/golden/policy.secco",
    "test/policies/actions.secco",
    "test/policies/all-syntax.secco",
    "test/policies/args64.secco",
    "test/policies/basic.secco",
    "test/policies/macros.secco",
]


def commands(secco):
    out = [[secco, "--version"], [secco, "--help"], [secco, "compile", "--help"]]
    for p in POLICIES:
        path = os.path.join(ROOT, p)
        out.append([secco, "compile", path, "-o", "/dev/null"])
    out.append([secco, "compile", os.path.join(ROOT, "test/diagnostics/parse/rule-syntax.secco"), "-o", "/dev/null"])
    return out


def functions_run(cmd):
    """Mangled name -> self instructions of every function callgrind saw run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--callgrind-out-file=" + out] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        names, cost, current, skip = {}, {}, None, False
        with open(out) as f:
            for line in f:
                m = re.match(r"^(c?fn)=\((\d+)\)(?: (.+))?$", line.rstrip("\n"))
                if m:
                    if m.group(3):
                        names[m.group(2)] = m.group(3)
                    if m.group(1) == "fn":
                        current = names[m.group(2)]
                        cost.setdefault(current, 0)
                    continue
                if line.startswith("calls="):
                    skip = True  # the next cost line is the call's inclusive cost
                    continue
                if current and re.match(r"^[+-]?\d+ \d+", line):
                    if not skip:
                        cost[current] += int(line.split()[1])
                    skip = False
        return {name: cost.get(name, 0) for name in names.values()}


def name_section(sections, section, file_):
    """A function section names its function, even a local one (which the map does not list, and
    of which each object may have its own copy: every copy is kept)."""
    m = re.match(r"^\.text\.(?:(?:unlikely|startup|hot|exit)\.)?(.+)$", section)
    if m and (file_, section) not in sections.setdefault(m.group(1), []):
        sections[m.group(1)].append((file_, section))


def input_sections(map_path):
    """Symbol -> (input file, input section) from the memory map of a link map (-Wl,-Map, with
    --no-demangle)."""
    sections = {}
    section = file_ = None
    in_map = False
    with open(map_path) as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            # An input section: " .text.X  0xADDR  0xSIZE  FILE", or its name alone on one line
            # and the rest on the next; then one line per symbol: "  0xADDR  SYMBOL".
            m = re.match(r"^ (\.\S+)(?:\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(\S+))?\s*$", line)
            if m:
                section, file_ = m.group(1), m.group(2)
                if file_:
                    name_section(sections, section, file_)
                continue
            m = re.match(r"^\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(\S+)\s*$", line)
            if m and section and file_ is None:
                file_ = m.group(1)
                name_section(sections, section, file_)
                continue
            m = re.match(r"^\s+0x[0-9a-f]+\s+(\S+)\s*$", line)
            if m and section and file_ and (file_, section) not in sections.setdefault(m.group(1), []):
                sections[m.group(1)].append((file_, section))
                continue
            if not line.startswith("  "):
                section = file_ = None
    return sections


def pattern(file_, section, name):
    """A linker-script input pattern naming exactly this section: by name alone when the section is
    the function's own (.text.NAME), else (.text, .text.evex...) by its archive member too."""
    if section != ".text" and not section.startswith(".text."):
        return None
    if section.endswith("." + name):
        return "*(%s)" % section
    m = re.match(r"^(?:.*/)?([^/(]+\.a)\(([^)]+)\)$", file_)
    if m:
        return "*%s:%s(%s)" % (m.group(1), m.group(2), section)
    return "*%s(%s)" % (os.path.basename(file_), section)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-text-order.py SECCO LINK_MAP > cmake/text-order.ld")
    secco, map_path = sys.argv[1], sys.argv[2]
    runs = [functions_run(c) for c in commands(secco)]
    seen, total = {}, {}
    for run in runs:
        for name, ir in run.items():
            seen[name] = seen.get(name, 0) + 1
            total[name] = total.get(name, 0) + ir
    where = input_sections(map_path)
    # callgrind's name for the C library's start; and the string functions of the C library come in
    # one variant per instruction set (chosen at start-up), valgrind's CPU not being this one.
    seen["__libc_start_main"] = seen.pop("(below main)", 0)
    total["__libc_start_main"] = total.pop("(below main)", 0)
    for name in list(seen):
        m = re.match(r"^(__[a-z]+(?:_chk)?)_(?:sse2|ssse3|sse4|avx|evex|erms)", name)
        if not m:
            continue
        for other in where:
            if other.startswith(m.group(1) + "_") and other not in seen:
                seen[other], total[other] = seen[name], 0
    order, placed = [], set()
    for name in sorted(seen, key=lambda n: (-seen[n], -total[n], n)):
        if name not in where:
            continue
        # The part of a function GCC split off as cold (.text.unlikely.X beside .text.X) stays out.
        found = where[name]
        warm = [w for w in found if not w[1].startswith(".text.unlikely.")] or found
        for file_, section in warm:
            pat = pattern(file_, section, name)
            if pat and pat not in placed:
                placed.add(pat)
                order.append(pat)
    print("/* Generated by scripts/gen-text-order.py: the functions a compile runs, first in the text")
    print("   (fewer page faults at start-up). Linked into the static secco only; see that script. */")
    print("SECTIONS")
    print("{")
    print("  .text.secco_hot :")
    print("  {")
    for pat in order:
        print("    " + pat)
    print("  }")
    print("}")
    print("INSERT BEFORE .text;")


if __name__ == "__main__":
    main()

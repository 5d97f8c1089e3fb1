"""The reference `bench/compile.sh` measures `pcds compile` against: the same release package
compiled into a record package with ocdsmerge-rs, the OCDS merge library in Rust (PyPI
`ocdsmerge-rs`), driven the plainest way.

Usage: python ocdsmerge_compile.py PACKAGE.json OUTPUT.json

It reads the package, groups its releases by ocid (each process's releases in date order, input
order for equal dates), merges each process with `Merger.create_compiled_release`, and writes a
record package of {ocid, releases, compiledRelease} records in ocid order, as compact JSON (the
standard library's fastest way to write it).
"""

import json
import sys

import ocdsmerge_rs


def main(source, target):
    with open(source, "rb") as f:
        package = json.load(f)
    processes = {}
    for release in package.pop("releases"):
        processes.setdefault(release["ocid"], []).append(release)
    merger = ocdsmerge_rs.Merger()
    records = []
    for ocid in sorted(processes):
        releases = sorted(processes[ocid], key=lambda r: r["date"])
        records.append(
            {
                "ocid": ocid,
                "releases": releases,
                "compiledRelease": merger.create_compiled_release(releases),
            }
        )
    package["records"] = records
    with open(target, "w", encoding="utf-8") as f:
        f.write(json.dumps(package, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Validates documents against the PCDS schemas with Python's `jsonschema`, as a Python product
would use them.

Usage: python jsonschema_check.py SCHEMA_DIR CASES_FILE
CASES_FILE is JSON: [{"name": …, "schema": "release-package-schema.json", "document": …}].
Prints JSON: {"compiled": [schema file names], "results": {name: {"valid": bool, "errors": […]}}}.
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator, FormatChecker


def main() -> None:
    schema_dir, cases_file = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    validators = {}
    for path in sorted(schema_dir.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        # Raises if the schema is not a valid draft 2020-12 schema.
        Draft202012Validator.check_schema(schema)
        validators[path.name] = Draft202012Validator(schema, format_checker=FormatChecker())
    results = {}
    for item in json.loads(cases_file.read_text(encoding="utf-8")):
        errors = list(validators[item["schema"]].iter_errors(item["document"]))
        results[item["name"]] = {
            "valid": not errors,
            "errors": [f"{'/'.join(map(str, e.absolute_path))} {e.message}"[:200] for e in errors[:3]],
        }
    json.dump({"compiled": sorted(validators), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()

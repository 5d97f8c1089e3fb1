"""The native module of ``pcds``: the Rust validator and command line."""

from typing import List, Optional

__version__: str

def validate_bytes(data: bytes, name: str, level: Optional[str], fail_on: str) -> str:
    """The JSON report of one document, as ``pcds validate --format json`` prints it."""

def main(argv: List[str]) -> int:
    """Run the ``pcds`` command line (program name first) and return its exit status."""

"""The Placement Contracting Data Standard (PCDS) validator, for Python.

``validate`` checks one PCDS document and returns the report that
``pcds validate --format json`` prints for it, as a dict. The ``pcds`` script
installed with this package is the ``pcds`` command line itself.

>>> import pcds
>>> report = pcds.validate("examples/sibling-group-foster-placement.json")
>>> report["summary"]["failed"]
0
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any, Dict, NoReturn, Optional, Union

from . import _native

__all__ = ["validate", "main", "__version__"]

__version__: str = _native.__version__

Source = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", "os.PathLike[bytes]"]


def validate(
    source: Source,
    level: Optional[str] = None,
    fail_on: str = "error",
) -> Dict[str, Any]:
    """Validate one PCDS document and return its report.

    The report is exactly ``json.loads`` of what ``pcds validate --format json``
    prints for the same input: ``version``, ``inputs`` (one, with its findings)
    and ``summary``.

    ``source`` is the document or where it is:

    - ``bytes``, ``bytearray`` or ``memoryview``: the document's bytes, reported
      under the name ``"-"`` (as standard input is);
    - a ``str`` whose first character after any whitespace is ``{`` or ``[``:
      the document's JSON text, also reported as ``"-"``;
    - any other ``str``, or an ``os.PathLike``: the path of a file, read whole
      and reported under the path as given. A missing file raises
      ``FileNotFoundError``; a directory raises ``IsADirectoryError`` (the
      command line searches directories; this checks one document).

    ``level`` is ``"open"`` or ``"partnership"`` to check against that
    publication level instead of the one the data claims (``--level``), and
    ``fail_on`` the lowest severity that fails the report, ``"error"`` or
    ``"warning"`` (``--fail-on``); other values raise ``ValueError``. What is
    wrong with the data is never raised: it is the report's findings, and
    ``report["summary"]["failed"]`` counts the inputs that failed.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), "-"
    elif isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        data, name = source.encode("utf-8"), "-"
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        name = os.fsdecode(path)
        with open(path, "rb") as file:
            data = file.read()
    else:
        raise TypeError(
            "source must be bytes, JSON text, or a path (str or os.PathLike), "
            f"not {type(source).__name__}"
        )
    result: Dict[str, Any] = json.loads(_native.validate_bytes(data, name, level, fail_on))
    return result


def main() -> NoReturn:
    """Run the ``pcds`` command line on ``sys.argv`` and exit with its status.

    This is the ``pcds`` script: ``pcds validate examples/`` does what the
    ``pcds`` binary does, writing straight to the process's standard output and
    error.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        # As for the binary, Ctrl-C stops the command at once: Python's handler
        # would only run after the native command returned.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except ValueError:  # not the main thread: leave Python's handler alone
        pass
    sys.exit(_native.main(["pcds", *sys.argv[1:]]))

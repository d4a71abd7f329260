"""decks/__init__.py: the primed PyYAML reader class matches exactly what PyYAML's own pattern matches."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

PYYAML = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def test_the_primed_yaml_reader_class_matches_the_same_characters_as_pyyamls_own() -> None:
    import decks  # noqa: F401  (imported before yaml by every recap command)

    every = "".join(map(chr, range(0x110000)))
    re.purge()  # compile PyYAML's pattern itself, not the primed entry
    own = re.compile(PYYAML)
    assert own.pattern == PYYAML
    assert yaml.reader.Reader.NON_PRINTABLE.findall(every) == own.findall(every)


def test_importing_decks_before_yaml_spares_compiling_pyyamls_class() -> None:
    code = "import decks, yaml; print(yaml.reader.Reader.NON_PRINTABLE.pattern.startswith('[^'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"  # the primed class (the excluded characters), not PyYAML's negated ranges

"""recap: one content file about an event in, a recap deck and a one-page sketchnote out."""

import re as _re
import sys as _sys

__version__ = "0.1.0"


def _prime_yaml_reader() -> None:
    """Spare every start the ~5 ms PyYAML spends compiling its pure-Python reader's character class, which recap
    never uses (it reads with libyaml): re's cache gets the same set, written as the characters it excludes (which
    compiles in a tenth of the time), under PyYAML's pattern, and PyYAML's `re.compile` finds it there. With
    another PyYAML or Python the key or the cache may differ; then PyYAML compiles its own, as before."""
    if "yaml" in _sys.modules or not isinstance(getattr(_re, "_cache", None), dict):
        return
    pyyaml = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    same = _re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
    _re._cache.setdefault((str, pyyaml, 0), same)


_prime_yaml_reader()

"""The deck plan built again after an edit, reusing what the edit did not touch.

`decks.plan.deck_plan` starts from nothing each time. A preview builds the plan after every save of one file, so
`WarmPlanner` takes the same steps (the template resolved, the `Planner`'s slides, `with_faces`, the glyph
warnings) but keeps, between builds in one theme: the resolved template (until its file changes), every
paragraph layout the fitter computed (an unchanged paragraph in an unchanged box is not measured again), and
each slide's face pass (an unchanged slide keeps its runs). The result equals `deck_plan`'s (a test checks).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from decks.model import Recap
from decks.plan.deck.plan import Deck, Slide
from decks.themes.model import Theme

_MAX_LAYOUTS = 200_000  # kept paragraph layouts; past this the cache starts again (memory stays bounded)


class WarmPlanner:
    """Builds deck plans of successive versions of one content file in one theme."""

    def __init__(self) -> None:
        self._theme: Theme | None = None
        self._layouts: dict[Any, Any] = {}
        self._faced: dict[Slide, Slide] = {}
        self._template: tuple[Any, Any] | None = None

    def deck(self, recap: Recap, theme: Theme) -> Deck:
        from decks.errors import OutputError, Problem
        from decks.model.paths import dotted
        from decks.plan.coverage import describe_char, missing_glyphs
        from decks.plan.deck.faces import with_faces
        from decks.plan.deck.images import picture_size
        from decks.plan.deck.plan import Template
        from decks.plan.deck.planner import Planner
        from decks.plan.template import read_template, resolve, template_path

        if theme is not self._theme:
            self._theme, self._layouts, self._faced, self._template = theme, {}, {}, None
        path = template_path(theme)
        if not path.is_file():
            raise OutputError([Problem(str(path), "template not found", "check slides.template in the theme")])
        package = read_template(path)  # itself cached by the file's time and size
        if self._template is None or self._template[0] is not package:
            resolved = resolve(package, path.name)
            self._template = (package, resolved)
        resolved = self._template[1]
        template = Template(path, resolved.master, resolved.layouts)

        planner = Planner(recap, theme, resolved.geometry, picture_size)
        if len(self._layouts) > _MAX_LAYOUTS:
            self._layouts.clear()
        planner._layouts = self._layouts  # the fitter's memo of paragraph layouts, shared across builds
        deck = planner.plan()
        faced: dict[Slide, Slide] = {}
        slides = []
        for slide in deck.slides:
            done = self._faced.get(slide) or faced.get(slide)
            if done is None:
                done = with_faces(replace(deck, slides=(slide,)), theme).slides[0]
            faced[slide] = done
            slides.append(done)
        self._faced = faced  # only the latest deck's slides are worth keeping
        missing = tuple(
            f"{dotted(where)}: no font of theme '{theme.name}' has {describe_char(ch)}; it shows as a box on the slide"
            for where, ch in missing_glyphs(recap, theme)
        )
        return replace(deck, slides=tuple(slides), template=template, warnings=(*tuple(resolved.warnings), *missing))

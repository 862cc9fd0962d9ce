"""The newsroom's text rules, read from ``config/``: hashtags, templates, call to action, UTM.

An admin edits ``config/hashtags.toml``, ``config/compose.toml`` and
``config/templates/<platform>[.<section>].j2`` without a release. Anything broken is reported
(file and line) through logging and ``ComposeRules.problems``; the built-in default is used.
"""

from __future__ import annotations

import logging
import tomllib
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from socialbot.compose.counting import YOUTUBE_DEFAULT_LIMIT
from socialbot.compose.text import fold
from socialbot.domain import Platform

log = logging.getLogger(__name__)

# Built-in templates: used when config/templates has none, or has a broken one.
DEFAULT_TEMPLATES: dict[str, str] = {
    "x": (
        "{% if breaking %}BREAKING: {% endif %}{{ headline }}\n\n"
        "{{ link }}{% if hashtags %} {{ hashtags | join(' ') }}{% endif %}\n"
    ),
    "instagram": (
        "{% if breaking %}BREAKING: {% endif %}{{ headline }}\n\n"
        "{{ summary }}\n\n{{ cta }}\n\n{{ hashtags | join(' ') }}\n"
    ),
    "youtube": (
        "{% if breaking %}BREAKING: {% endif %}{{ headline }}\n\n"
        "{{ summary }}\n\n{{ link }}\n\n{{ hashtags | join(' ') }}\n"
    ),
}

# What a template may use; a trial render with these catches unknown names at load time.
SAMPLE_CONTEXT: dict[str, Any] = {
    "headline": "Sample headline",
    "summary": "Sample summary.",
    "link": "https://example.com/news?utm_source=x",
    "url": "https://example.com/news",
    "hashtags": ["#Sample"],
    "hashtag_line": "#Sample",
    "cta": "Link in bio.",
    "section": "politics",
    "breaking": False,
    "handle": "examplenews",
    "kind": "x_post",
    "language": "en",
    "author": "",
    "photo_credit": "",
}

_ENV = SandboxedEnvironment(
    autoescape=False, undefined=StrictUndefined, trim_blocks=True, keep_trailing_newline=False
)


@dataclass(frozen=True)
class ComposeRules:
    """Everything ``compose`` needs besides the article and the account."""

    templates: dict[str, Template] = field(default_factory=dict)
    template_sources: dict[str, str] = field(default_factory=dict)  # name -> file or "built-in"
    hashtag_map: dict[str, str] = field(default_factory=dict)  # folded tag -> hashtag body
    section_hashtags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    turkish_words: tuple[str, ...] = ()
    only_mapped: bool = False
    hashtag_caps: dict[Platform, int] = field(
        default_factory=lambda: {Platform.X: 2, Platform.INSTAGRAM: 15, Platform.YOUTUBE: 3}
    )
    cta: str = "Link in bio for the full story."
    utm_sources: dict[Platform, str] = field(
        default_factory=lambda: {p: p.value for p in Platform}
    )
    utm_medium: str = "social"
    utm_default_campaign: str = "news"
    youtube_max_length: int = YOUTUBE_DEFAULT_LIMIT
    summary_max: dict[Platform, int] = field(
        default_factory=lambda: {Platform.INSTAGRAM: 600, Platform.YOUTUBE: 400, Platform.X: 200}
    )
    problems: tuple[str, ...] = ()

    def template_for(self, platform: Platform, section: str | None) -> tuple[str, Template]:
        """The section's template for ``platform`` if there is one, else the platform's."""
        if section:
            name = f"{platform.value}.{section.strip().lower()}"
            if name in self.templates:
                return name, self.templates[name]
        name = platform.value
        return name, self.templates.get(name) or builtin_template(name)


def builtin_template(platform_name: str) -> Template:
    """The built-in template for ``x``, ``instagram`` or ``youtube``."""
    return _ENV.from_string(DEFAULT_TEMPLATES[platform_name])


def default_rules() -> ComposeRules:
    """Rules with only the built-in templates and settings (no ``config/`` at all)."""
    return ComposeRules(
        templates={k: _ENV.from_string(v) for k, v in DEFAULT_TEMPLATES.items()},
        template_sources=dict.fromkeys(DEFAULT_TEMPLATES, "built-in"),
    )


def _template_error_line(exc: BaseException, path: Path) -> int | None:
    """The template line a render error came from (Jinja rewrites tracebacks to template lines)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == str(path):
            line = frame.lineno
    return line


def load_template(path: Path) -> tuple[Template | None, str | None]:
    """Compile ``path`` in the sandbox and try it on sample data; return it or a problem."""
    try:
        source = path.read_text(encoding="utf-8")
        # Compiling with the file name makes Jinja report errors at lines of that file.
        code = _ENV.compile(source, filename=str(path))
        template = _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None))
        template.render(SAMPLE_CONTEXT)
    except TemplateSyntaxError as exc:
        return None, f"{path}:{exc.lineno}: template error: {(exc.message or '').rstrip('.')}"
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{path}: cannot read template: {exc}"
    except Exception as exc:  # any render-time failure (unknown name, sandbox refusal, ...)
        line = _template_error_line(exc, path)
        where = f"{path}:{line}" if line else str(path)
        return None, f"{where}: template error: {type(exc).__name__}: {exc}"
    return template, None


def _read_toml(path: Path, problems: list[str]) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        # tomllib's message carries "(at line N, column M)".
        problems.append(f"{path}: {exc}; using built-in defaults")
        return {}


def _platform_map(raw: Any, cast: type, problems: list[str], where: str) -> dict[Platform, Any]:
    out: dict[Platform, Any] = {}
    if not isinstance(raw, dict):
        return out
    for key, value in raw.items():
        try:
            out[Platform(str(key).lower())] = cast(value)
        except (ValueError, TypeError):
            problems.append(f"{where}: ignored {key} = {value!r}")
    return out


def _positive_int(value: Any, default: int, problems: list[str], where: str) -> int:
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    problems.append(f"{where}: max_length must be a positive whole number, not {value!r}")
    return default


def load_rules(config_dir: Path) -> ComposeRules:
    """Read the text rules from ``config_dir``; report problems and fall back to defaults."""
    base = default_rules()
    problems: list[str] = []
    hashtags = _read_toml(config_dir / "hashtags.toml", problems)
    compose = _read_toml(config_dir / "compose.toml", problems)

    templates = dict(base.templates)
    sources = dict(base.template_sources)
    tdir = config_dir / "templates"
    if tdir.is_dir():
        for path in sorted(tdir.glob("*.j2")):
            name = path.name[: -len(".j2")].lower()
            platform = name.split(".", 1)[0]
            if platform not in DEFAULT_TEMPLATES:
                problems.append(f"{path}: not a platform template (x, instagram, youtube); ignored")
                continue
            template, problem = load_template(path)
            if template is None:
                fallback = "the platform template" if "." in name else "the built-in default"
                problems.append(f"{problem}; using {fallback}")
                continue
            templates[name] = template
            sources[name] = str(path)

    hmap = {fold(str(k)): str(v) for k, v in dict(hashtags.get("map", {})).items()}
    sections = {
        str(k).lower(): tuple(str(t) for t in (v if isinstance(v, list) else [v]))
        for k, v in dict(hashtags.get("sections", {})).items()
    }
    caps = {**base.hashtag_caps, **_platform_map(hashtags.get("caps"), int, problems, "hashtags.toml [caps]")}
    caps[Platform.INSTAGRAM] = min(caps[Platform.INSTAGRAM], 30)  # Instagram refuses more
    utm = dict(compose.get("utm", {}))
    summary_max = {
        **base.summary_max,
        **_platform_map(compose.get("summary_max"), int, problems, "compose.toml [summary_max]"),
    }
    youtube = dict(compose.get("youtube", {}))
    instagram = dict(compose.get("instagram", {}))
    youtube_max = _positive_int(
        youtube.get("max_length"), base.youtube_max_length, problems, "compose.toml [youtube]"
    )
    for problem in problems:
        log.warning("compose rules: %s", problem)
    return ComposeRules(
        templates=templates,
        template_sources=sources,
        hashtag_map=hmap,
        section_hashtags=sections,
        turkish_words=tuple(str(w) for w in hashtags.get("turkish_words", [])),
        only_mapped=bool(hashtags.get("only_mapped", False)),
        hashtag_caps=caps,
        cta=str(instagram.get("cta", base.cta)),
        utm_sources={**base.utm_sources, **_platform_map(utm.get("source"), str, problems, "utm")},
        utm_medium=str(utm.get("medium", base.utm_medium)),
        utm_default_campaign=str(utm.get("default_campaign", base.utm_default_campaign)),
        youtube_max_length=youtube_max,
        summary_max=summary_max,
        problems=tuple(problems),
    )

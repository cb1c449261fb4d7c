"""Use case: build the quarterly digests that are due, safely under cron or a systemd timer.

Due = every quarter a source falls in, and the quiet quarters after each up to a bounded
catch-up (reporter/data/dates.toml), through the last quarter that has ended: one absurd date or
`--today 9999-12-31` never plans thousands. A digest is built when it is missing or stale: its recorded inputs (the sources it
covers, the templates it read, styles, messages, indicator registry, term base, brief.toml,
parser and builder code, formats) differ from the current ones. The record is a JSON state file in the
digests folder, replaced atomically once per run (also when a digest failed or the run is stopped). One run at a time (flock on a lock
file); one failing digest does not stop the others; every run appends one line to a log.
"""
from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Callable

from reporter.app.digest import FOLDER, digest_folder
from reporter.app.digest_state import clean_leftovers, load_state, run_lock, save_state
from reporter.errors import UserError
from reporter.model import Report
from reporter.quarters import Quarter, last_ended
from reporter.settings import DEFAULTS, Settings, SettingsView

LOG = "digest.log"
NOTIFY_TIMEOUT = 600


@dataclass
class DigestOptions(SettingsView):
    settings: Settings = DEFAULTS  # output folder, store, the user's templates, overlays, corrections, language
    today: date | None = None  # None: the real today
    formats: str | None = None  # None: the digest's defaults
    dry_run: bool = False
    wait: float = 0.0  # seconds to wait for another run's lock
    notify: str | None = None  # a command run with the new files as arguments
    area: str | None = None  # --area: this area's digests, in their own folder digests/<area>/
    say: Callable[[str], None] = lambda text: None  # progress lines (the CLI prints them on a terminal)

    @property
    def lang(self) -> str:
        return self.settings.lang or "zh"


@dataclass
class DigestRun:
    due: list[str] = field(default_factory=list)
    built: dict[str, str] = field(default_factory=dict)  # quarter -> why it was (re)built
    fresh: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # quarter -> why
    would_build: dict[str, str] = field(default_factory=dict)  # dry run: quarter -> why
    files: list[Path] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    lock_holder: str | None = None  # set when another run held the lock
    notify_error: str | None = None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.notify_error

    def summary(self) -> str:
        """The one line said on success (cron mail stays short) and logged."""
        if self.lock_holder is not None:
            return f"digest: another run holds the lock ({self.lock_holder}); nothing done"
        if "all" in self.failed:
            return f"digest: FAILED, nothing built: {self.failed['all']}"
        span = f" ({self.due[0]}–{self.due[-1]})" if self.due else ""
        if self.dry_run:
            if not self.would_build:
                return f"digest: dry run: nothing to build, {len(self.fresh)} digest(s) up to date{span}"
            return (f"digest: dry run: would build {len(self.would_build)} digest(s): "
                    + "; ".join(f"{q} ({why})" for q, why in self.would_build.items()))
        if not self.due:
            return "digest: nothing is due (no dated source, or no quarter has ended since the first one)"
        parts = []
        if self.built:
            parts.append(f"built {len(self.built)} digest(s) ({', '.join(self.built)})")
        else:
            parts.append("nothing to build")
        if self.fresh or not self.built:
            parts.append(f"{len(self.fresh)} up to date{span}")
        if self.failed:
            parts.append(f"{len(self.failed)} FAILED: " + "; ".join(f"{q}: {why}" for q, why in self.failed.items()))
        if self.notify_error:
            parts.append(f"notify FAILED: {self.notify_error}")
        return "digest: " + ", ".join(parts)


# ---------------------------------------------------------------- inputs and their fingerprints


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _json_sha(value) -> str:
    return _sha(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _file_sha(path: str | None) -> str | None:
    try:
        return _sha(Path(path).read_bytes()) if path else None
    except OSError:
        return None


def _folder_sha(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def shared_inputs(opts: DigestOptions, formats: list[str]) -> dict[str, str]:
    """Fingerprints of the inputs every digest shares (its own sources and templates aside)."""
    from reporter.i18n import messages
    from reporter.fingerprint import parser_fingerprint
    from reporter.paths import styles_dir, templates_dir

    data = resources.files("reporter.data")
    registry = _sha(b"".join(data.joinpath(n).read_bytes() for n in ("indicators.toml", "units.toml")))
    config = next((p for p in ([opts.user_templates] if opts.user_templates else []) + [templates_dir()]
                   if (p / "brief.toml").is_file()), templates_dir())
    code = resources.files("reporter.compose").joinpath("digest.py").read_bytes()
    terms = sorted((p.name, p.read_bytes()) for p in data.iterdir() if p.name.startswith("termbase"))
    return {
        "styles": _folder_sha(styles_dir()),
        "messages": _json_sha(messages(opts.lang, opts.user_templates).entries),
        "registry": registry,
        "terms": _sha(repr(terms).encode()),  # the term base, once there is one
        "config": _file_sha(str(config / "brief.toml")) or "",
        "parser": parser_fingerprint(),
        "code": _sha(code),
        "formats": ",".join(formats),
        "lang": opts.lang,
        # only when a corrections file or an overlay is in use, so digests built without one stay fresh
        **({"corrections": _file_sha(str(opts.corrections)) or ""} if opts.corrections else {}),
        **({"registry_overlay": opts.settings.registry_digest} if opts.settings.registry else {}),
        **({"termbase_overlay": _file_sha(str(opts.settings.termbase)) or ""} if opts.settings.termbase else {}),
        **({"areas_file": _file_sha(str(opts.settings.areas)) or ""} if opts.settings.areas else {}),
    }


def template_inputs(used: dict[str, str | None], user_templates: Path | None) -> dict[str, list]:
    """name -> [file, sha] of each template a render read; re-resolved, so a new override counts."""
    from reporter.paths import templates_dir
    from reporter.render.environment import OverrideLoader

    loader = OverrideLoader(templates_dir(), user_templates)
    out = {}
    for name in sorted(used):
        where = loader.where(name)
        out[name] = [where, _file_sha(where)]
    return out


ALWAYS = ("code", "formats", "lang")


def digest_inputs(reports: list[Report], quarter: Quarter, shared: dict[str, str]) -> dict[str, str]:
    """The fingerprints of what the product declares it depends on (Product.depends_on)."""
    from reporter.app.plugins import get
    from reporter.compose.digest import covered_sources

    declared = get("digest").depends_on
    inputs = {k: v for k, v in shared.items() if k in declared or k in ALWAYS}
    if "corpus" in declared:
        inputs["sources"] = _json_sha(covered_sources(reports, quarter))
    return inputs


# ---------------------------------------------------------------- log (state file and lock: app/digest_state.py)


def log_line(folder: Path, opts: DigestOptions, run: DigestRun, today: date) -> None:
    """One line per run, appended in one write (O_APPEND keeps concurrent lines whole)."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    status = "LOCKED" if run.lock_holder is not None else "OK" if run.ok else "FAILED"
    extra = f" undated: {', '.join(run.undated)}" if run.undated else ""
    text = " ".join(f"{stamp} {status} today={today.isoformat()} {run.summary()}{extra}".split())  # no newlines
    fd = os.open(folder / LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, (text + "\n").encode("utf-8"))
    finally:
        os.close(fd)


# ---------------------------------------------------------------- building


def stale_reason(entry: dict | None, inputs: dict, opts: DigestOptions, out_dir: Path) -> str | None:
    """Why this digest must be built, or None when it is up to date."""
    if not entry:
        return "not built yet"
    for name, sha in (entry.get("files") or {}).items():
        if _file_sha(str(out_dir / name)) != sha:
            return f"{name} missing or changed"
    if not entry.get("files"):
        return "no files recorded"
    old = entry.get("inputs") or {}
    changed = [k for k in inputs if old.get(k) != inputs[k]]
    if changed:
        return f"{', '.join(changed)} changed"
    recorded = entry.get("templates") or {}
    now = template_inputs(recorded, opts.user_templates)
    edited = [Path(n).name for n in recorded if recorded[n] != now[n]]
    if edited:
        return f"templates changed: {', '.join(edited)}"
    return None


def build_one(quarter: Quarter, reports: list[Report], opts: DigestOptions, inputs: dict) -> tuple[list[Path], dict]:
    """Render one digest (all formats together) and the state entry that records it."""
    from reporter.app.render import RenderOptions, render_product

    result = render_product(RenderOptions(
        product="digest", settings=opts.settings, options={"quarter": str(quarter), "area": opts.area},
        formats=opts.formats, reports=reports))
    entry = {
        "built_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "inputs": inputs,
        "templates": template_inputs(result.templates, opts.user_templates),
        "files": {str(p.relative_to(opts.out_dir)): _file_sha(str(p)) for p in result.paths},
    }
    return result.paths, entry


def _formats(opts: DigestOptions) -> list[str]:
    from reporter.app.plugins import get
    from reporter.app.render import split_formats

    product = get("digest")
    docs, _ = split_formats(opts.formats or product.default_formats, product.data_formats)
    return docs


def build_digests(opts: DigestOptions, wanted: list[Quarter] | None = None) -> DigestRun:
    """wanted=None: every due quarter that is missing or stale; else exactly these, rebuilt
    (under the options' settings: their registry overlay, data files and limits)."""
    with opts.settings.active():
        return _build_digests(opts, wanted)


def _build_digests(opts: DigestOptions, wanted: list[Quarter] | None) -> DigestRun:
    formats = _formats(opts)
    today = opts.today or date.today()
    folder = opts.out_dir / digest_folder(opts.area)
    folder.mkdir(parents=True, exist_ok=True)
    run = DigestRun(dry_run=opts.dry_run)
    with run_lock(folder, opts.wait) as holder:
        if holder is not None:
            run.lock_holder = holder
            log_line(folder, opts, run, today)
            return run
        try:
            _run(opts, wanted, today, folder, formats, run)
        except UserError as exc:  # no corpus, a broken brief.toml…: still one log line, then the error
            run.failed["all"] = str(exc)
        log_line(folder, opts, run, today)
    return run


def _run(opts: DigestOptions, wanted: list[Quarter] | None, today: date, folder: Path, formats: list[str],
         run: DigestRun) -> None:
    from reporter.app.ingest import load_corpus
    from reporter.compose.digest import placed

    clean_leftovers(folder)
    reports = load_corpus(opts.store)
    if opts.area:  # this area's reports decide which quarters are due and stale
        from reporter.app.areas import of_area

        reports = of_area(reports, opts.area)
    arrivals, undated = placed(reports)
    run.undated = [r.id for r in undated]
    due = wanted if wanted is not None else due_quarters({a.quarter for a in arrivals.values()}, today)
    run.due = [str(q) for q in due]
    state = load_state(folder)
    shared = shared_inputs(opts, formats)
    try:
        for quarter in due:
            _one(quarter, reports, opts, shared, state, folder, run, force=wanted is not None)
    finally:
        if run.built:
            save_state(folder, state)  # once per run: a 4 MB state rewritten per digest was quadratic
    if opts.notify and run.files and not opts.dry_run:
        run.notify_error = notify(opts.notify, run.files)


def due_quarters(holding: set[Quarter], today: date) -> list[Quarter]:
    """The quarters that hold a report and up to catch_up_quarters() after each, none after the
    last quarter ended by `today` nor outside the date window: bounded by the reports, not the dates."""
    from reporter.datewindow import catch_up_quarters, year_window

    first_year, last_year = year_window()
    last = min(last_ended(today), Quarter(last_year, 4))
    due: set[Quarter] = set()
    for start in holding:
        if start.year < first_year:
            continue
        q = start
        for _ in range(catch_up_quarters() + 1):
            if q > last:
                break
            due.add(q)
            q = q.next()
    return sorted(due)


def _one(quarter: Quarter, reports: list[Report], opts: DigestOptions, shared: dict, state: dict,
         folder: Path, run: DigestRun, force: bool) -> None:
    key = str(quarter)
    inputs = digest_inputs(reports, quarter, shared)
    reason = "asked for" if force else stale_reason(state.get(key), inputs, opts, opts.out_dir)
    if reason is None:
        run.fresh.append(key)
        return
    if opts.dry_run:
        run.would_build[key] = reason
        opts.say(f"would build {key}: {reason}")
        return
    try:
        paths, entry = build_one(quarter, reports, opts, inputs)
    except UserError as exc:
        run.failed[key] = str(exc)
        return
    except Exception as exc:  # a bug in one digest must not stop the others; the log says which
        run.failed[key] = f"internal error: {type(exc).__name__}: {exc}"
        return
    state[key] = entry
    run.built[key] = reason
    run.files.extend(paths)
    opts.say(f"built {key} ({reason}): {', '.join(p.name for p in paths)}")


def notify(command: str, files: list[Path]) -> str | None:
    """Run the user's command with the new files as arguments (no shell); None when it succeeded."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        return f"--notify: cannot split the command ({exc})"
    if not argv:
        return "--notify: empty command"
    try:
        done = subprocess.run(argv + [str(p) for p in files], timeout=NOTIFY_TIMEOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return f"--notify: no such command: {argv[0]}"
    except subprocess.TimeoutExpired:
        return f"--notify: {argv[0]} ran over {NOTIFY_TIMEOUT} s and was stopped"
    except OSError as exc:
        return f"--notify: {argv[0]}: {exc.strerror or exc}"
    return None if done.returncode == 0 else f"--notify: {argv[0]} exited with {done.returncode}"

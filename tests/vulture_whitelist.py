"""Names vulture (tests/test_dead_code.py) reports as unused that are used where it cannot see:
called by a framework, loaded by a "module:Class" string, or a parameter a signature requires.
Each entry says why. This file is only read by vulture, never imported.

The block at the end is dead code in files other branches are changing now (issue 24): remove
each there, then its entry here.
"""
# ruff: noqa
_ = object()

# called by the standard library or a framework
_.log_message  # http.server.BaseHTTPRequestHandler logs each request through it (app/preview.py silences it)
_.do_GET  # http.server dispatches GET requests to it (app/preview.py)
_.handle_error  # socketserver calls it on a request's exception (app/preview.py)
_.load_bytecode  # jinja2.BytecodeCache API, called by the Environment (render/environment.py)
_.dump_bytecode  # jinja2.BytecodeCache API, called by the Environment (render/environment.py)
__getattr__  # module __getattr__ (PEP 562): datafiles' lazily imported names

# classes loaded by a "module:Class" string (datafiles.package_data / file_data import them on demand)
Catalogue  # i18n.CATALOGUE "reporter.catalogue_schema:Catalogue"
BriefConfig  # compose/brief.py file_data(path, "reporter.compose.brief_schema:BriefConfig")
UnitsFile  # units.py "reporter.parse_schemas:UnitsFile"
KindsFile  # parse/metadata.py "reporter.parse_schemas:KindsFile"
CleaningFile  # clean.py "reporter.parse_schemas:CleaningFile"
ConfidenceFile  # confidence.py "reporter.parse_schemas:ConfidenceFile"
Themes  # themes.py "reporter.theme_schema:Themes"
WebPageFile  # readers/html.py "reporter.parse_schemas:WebPageFile"
DatesFile  # datewindow.py "reporter.parse_schemas:DatesFile"
AreasFile  # areas.py "reporter.area_schema:AreasFile"
CompareConfig  # compose/compare_notes.py "reporter.compose.compare_schema:CompareConfig"

# read by templates (vulture does not read Jinja)
_.has_shares  # templates/compare.md.j2: {% if b.has_shares %}

# parameters a caller's signature requires
client_address  # socketserver's handle_error(request, client_address)
signum  # a signal handler's (signum, frame)
namespace  # argparse.Action.__call__(parser, namespace, values, option_string)
option_string  # argparse.Action.__call__(parser, namespace, values, option_string)
figure_id  # document.Images protocol: png(figure_id); NoImages implements it
separator  # Python-Markdown's toc slugify(value, separator)
kwargs  # jinja2.Undefined._fail_with_undefined_error(*args, **kwargs)
tb  # __exit__(exc_type, exc, tb)

# used by tests only, kept as API: the inverse the parser is tested against
format_cn_numeral  # parse/numbers.py: tests/parse/test_numbers.py round-trips parse_cn_numeral through it
parse_file  # app/ingest.py: one file to a Report (tests/conftest.py, test_cli.py, test_readers_docx_html.py)

# used by tests only since issue 25's merges: wire in or remove (listed in the issue-24 report)

format_number  # i18n.py: Messages.value, the locale filters and compose/localise import it inside functions
parse_text  # parse/__init__.py: a text straight to a Report, the API the parser tests and fixtures call

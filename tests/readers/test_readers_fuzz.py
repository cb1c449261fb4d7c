"""Readers under fuzz (hypothesis): any bytes give text a writer can hold, or one UserError."""
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from reporter.errors import UserError
from reporter.readers import CONTROLS, read_text
from store_helpers import SEED_FILES

SAMPLE = SEED_FILES[4].read_text("utf-8")[:3000]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk"]
BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]


@st.composite
def sources(draw):
    kind = draw(st.sampled_from(["random", "mutated", "bom"]))
    if kind == "random":
        return draw(st.binary(max_size=3000))
    if kind == "bom":
        return draw(st.sampled_from(BOMS)) + draw(st.binary(max_size=200))
    encoding = draw(st.sampled_from(ENCODINGS))
    start = draw(st.integers(0, len(SAMPLE) - 1))
    data = bytearray(SAMPLE[start:start + draw(st.integers(1, 1500))].encode(encoding))
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from([b"\x0b", b"\x1b", b"\x0c", b"\x7f", b"\xc2\x85", b"\x00", b"\xe2\x80\xa8"]))
    return bytes(data)


@settings(max_examples=int(os.environ.get("REPORTER_FUZZ_EXAMPLES", "300")), deadline=None)
@given(data=sources(), suffix=st.sampled_from([".txt", ".md"]))
def test_any_bytes_read_to_clean_text_or_one_user_error(data, suffix):
    from pathlib import Path

    try:
        text, warnings = read_text(Path("fuzz" + suffix), data)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz")
        return
    assert text.strip() and not CONTROLS.search(text) and "\r" not in text
    assert all(isinstance(w, str) for w in warnings)

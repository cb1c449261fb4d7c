"""Plain text and Markdown: detect the encoding from the bytes.

UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are taken as they say; anything else is
detected with charset-normalizer among the encodings Chinese reports come in (GB18030/GBK and
Big5), and a guess without confidence is refused naming the likely encodings, never stored as
mojibake.
"""
from __future__ import annotations

import codecs

from reporter.errors import UserError
from reporter.source import SourceDocument

NAME = "text"
SUFFIXES = (".txt", ".md", ".markdown")

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
CANDIDATES = ["gb18030", "big5"]  # what a detector may choose among for a Chinese report
SHORT = 400  # bytes: below this a detector guesses; counting everyday characters decides instead
MAX_CHAOS = 0.2  # charset-normalizer's "mess" ratio above which a decode is not trusted
NAMES = {"gb18030": "GB18030/GBK", "big5": "Big5"}


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> str, refusing empty, binary and undecidable input with a message a user can act on."""
    if not data.strip():
        raise UserError(f"{name}: the file is empty")
    text = _decode_bom(data, name)
    if text is None:
        if b"\x00" in data[:4096]:
            raise UserError(f"{name}: looks like a binary file, not text (NUL bytes)")
        text = _decode_guess(data, name)
    sample = text[:20000]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0x7F <= ord(c) < 0xA0)
    if controls > max(8, len(sample) // 100):
        raise UserError(f"{name}: looks like a binary file, not text ({controls} control characters)")
    if not text.strip():
        raise UserError(f"{name}: the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bom(data: bytes, name: str) -> str | None:
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise UserError(f"{name}: starts with a {label} byte-order mark but byte {exc.start + len(bom)} "
                                f"is not {label}; save the file again as UTF-8") from None
    return None


# the most frequent characters of Chinese prose, simplified and traditional forms: a right decode
# is full of them, a wrong one (GBK bytes read as Big5, or the reverse) mostly gives rare ones
COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
    "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道此变条只没结"
    "解问意建月公无系很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路"
    "级少图山统接知较将组见计别手期根论运农指几九区强放决西被干做必先回则任取据处队南给色光门即保治北造百规热领"
    "七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具"
    "万每目至达走积示议声报完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律且究观越织"
    "装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称"
    "太准精值号率族维划选标写存候亲快效院查江型按格养易置派层片始却专状育厂京识适属包火住调满县局照参红细引听该"
    "铁价严亿财税项目态环境城镇居农村就业"
    "這個國來們為發經進動會過說產種後學與關義時對當實現點從業應開還數問題黨長頭資邊級圖統較將組見計別論運農幾區"
    "強決則據處隊給門規熱領東導壓濟階術極聯認權證單風帶場車務萬達積議聲報類離華確張馬節話溫傳許廣記須際驗連斷難"
    "礦備辦響約團歷構稱準號維劃選標寫親層專狀廠識適屬調滿縣參紅細聽該鐵價嚴億財稅項態環鎮"
    "，。、；：“”（）《》？！0123456789"
)


def _common_share(text: str) -> float:
    chars = [c for c in text[:20000] if not c.isspace()]
    return sum(c in COMMON for c in chars) / max(1, len(chars))


def _decode_guess(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    decoded = {}
    for encoding in CANDIDATES:
        try:
            decoded[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    matches = []
    if len(data) >= SHORT:
        matches = sorted((m for m in from_bytes(data, cp_isolation=CANDIDATES) if m.chaos <= MAX_CHAOS and m.encoding in decoded),
                         key=lambda m: (m.chaos, -m.coherence))
    if not matches:
        # too little text for a detector, or one it cannot place: the decode full of everyday
        # characters wins, clearly
        shares = sorted(((_common_share(text), e) for e, text in decoded.items()), reverse=True)
        runner_up = shares[1][0] if len(shares) > 1 else 0.0
        if shares and shares[0][0] >= 0.3 and shares[0][0] >= runner_up + 0.2:
            return decoded[shares[0][1]]
        if shares and shares[0][0] >= 0.3:
            raise UserError(f"{name}: cannot tell the text encoding (could be {_names([e for _, e in shares])}); save the file as UTF-8")
    else:
        best = matches[0]
        tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        if len(tied) == 1:  # unless another decode is far fuller of everyday characters
            share = {e: _common_share(text) for e, text in decoded.items()}
            other = max(decoded, key=share.get)
            return decoded[other if share[other] >= share[tied[0]] + 0.3 else tied[0]]
        shares = sorted(((_common_share(decoded[e]), e) for e in tied), reverse=True)
        if shares[0][0] >= shares[1][0] + 0.2:
            return decoded[shares[0][1]]
        raise UserError(f"{name}: cannot tell the text encoding (could be {_names(tied)}); save the file as UTF-8")
    likely = [m.encoding for m in from_bytes(data)][:3]
    hint = f"; it looks like {_names(likely)}" if likely else ""
    raise UserError(f"{name}: unknown text encoding (not UTF-8, GB18030/GBK or Big5{hint}); save the file as UTF-8")


def _names(encodings: list[str]) -> str:
    return " or ".join(dict.fromkeys(NAMES.get(e, e) for e in encodings))


def decode_text(name: str, data: bytes) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings): decoded, then control characters normalised so no stored text
    can break a writer (XML cannot hold most of them)."""
    from reporter.readers._controls import normalise_controls

    text, warnings = normalise_controls(decode(data, name))
    if not text.strip():
        raise UserError(f"{name}: no text in the file (only control characters)")
    return text, warnings


def read(name: str, data: bytes) -> SourceDocument:
    """Plain text and Markdown: decoded, then the cleaner makes the paragraphs (and keeps the
    lines a flattened table is found in)."""
    from reporter.clean import text_document

    text, notes = decode_text(name, data)
    doc = text_document(text, NAME)
    doc.warnings.extend(notes)
    return doc

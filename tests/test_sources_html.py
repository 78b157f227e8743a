"""Saved news pages: the article's text and metadata, nothing from the site's chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_kg.extract import extract_parsed
from danvan_kg.sources.load import load_document
from danvan_kg.sources.refs import SourceRef
from danvan_kg.text.decode import encode_cp1258, encode_tcvn3, html_to_text
from danvan_kg.text.document import parse_text
from web_fixtures import LUA_SACH_CANONICAL, WEB, page

# name -> (title, date, outlet, author, labels the article states, labels only its chrome holds)
PAGES = {
    "phusa/bai-to-hop-tac-lua-sach.html": (
        "Hội Nông dân xã Mỹ Hiệp nhân rộng mô hình “Tổ hợp tác lúa sạch”",
        "2024-09-12",
        "Báo Phù Sa",
        "Minh Khang",
        {
            "Tổ hợp tác lúa sạch",
            "Dân vận khéo",
            "Hội Nông dân xã Mỹ Hiệp",
            "Nghị quyết số 25-NQ/TW",
            "hộ nghèo",
        },
        {
            "Tuổi trẻ xung kích",
            "Nồi cháo nghĩa tình",
            "Xây dựng nông thôn mới kiểu mẫu",
            "Cựu chiến binh giúp nhau làm kinh tế",
            "Tuyến đường xanh - sạch - đẹp",
        },
    ),
    "dvls/chi-tiet-55.html": (
        "Huyện Văn Quan ra mắt mô hình “Đường làng sáng, xanh, sạch”",
        "2024-03-05",
        None,
        None,
        {"Đường làng sáng, xanh, sạch", "Dân vận khéo", "Đoàn Thanh niên xã Tràng Các", "hộ nghèo"},
        {
            "Mái ấm tình thương",
            "Chợ phiên không tiền mặt",
            "Tổ phụ nữ tiết kiệm",
            "Toàn dân bảo vệ an ninh Tổ quốc",
            "Ban Dân vận Tỉnh ủy Lạng Sơn",
            "thành phố Lạng Sơn",
        },
    ),
    "mattran/phien-cho-0-dong.html": (
        "Phiên chợ 0 đồng ấm lòng người lao động ở phường Kim Liên",
        "2023-11-18",
        "Tin Mặt trận Thủ đô",
        "Thu Trang",
        {"Phiên chợ 0 đồng", "Toàn dân đoàn kết xây dựng đời sống văn hóa", "Hội Liên hiệp Phụ nữ phường"},
        {"Tổ dân phố tự quản về an ninh trật tự", "Bữa cơm nghĩa tình", "Ông bà cháu cùng đọc sách"},
    ),
}
CHROME_WORDS = (
    "Số lần đọc",
    "Lượt xem",
    "Lượt truy cập",
    "sub-site",
    "Banner",
    "Bản quyền",
    "Chia sẻ",
    "Tin liên quan",
    "Đọc nhiều",
    "Giấy phép",
    "Trang chủ",
    "Ý kiến bạn đọc",
)


def _save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / Path(name).name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(PAGES))
def test_saved_page_gives_the_article_and_its_metadata(name: str, tmp_path: Path) -> None:
    title, date, outlet, author, stated, chrome = PAGES[name]
    source = page(name)
    data = encode_cp1258(source) if name.startswith("dvls") else source.encode("utf-8")
    doc = load_document(str(_save(tmp_path, name, data)))
    assert doc.title == title
    assert doc.date == date
    assert doc.outlet == outlet
    assert doc.metadata.get("author") == author
    assert doc.metadata["extractor"] == "trafilatura"
    for word in CHROME_WORDS:
        assert word not in doc.body, word
    labels = {e.label for e in extract_parsed(doc).entities}
    assert stated <= labels
    assert not labels & chrome, labels & chrome


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_old_parser_kept_the_chrome(name: str) -> None:
    """The same pages through the plain html.parser path: chrome became content (what #15 fixes)."""
    *_, chrome = PAGES[name]
    labels = {e.label for e in extract_parsed(parse_text(html_to_text(page(name)), name)).entities}
    assert labels & chrome


def test_canonical_url_is_the_key_of_a_saved_page(tmp_path: Path) -> None:
    name = "phusa/bai-to-hop-tac-lua-sach.html"
    doc = load_document(str(_save(tmp_path, name, page(name).encode())))
    assert doc.url == doc.key == LUA_SACH_CANONICAL
    saved = _save(tmp_path, "dvls/chi-tiet-55.html", page("dvls/chi-tiet-55.html").encode())
    no_canonical = load_document(str(saved))
    assert no_canonical.url is None and no_canonical.key == "chi-tiet-55.html"  # the file name, as for .txt


def test_relative_canonical_is_resolved_against_the_fetched_url(tmp_path: Path) -> None:
    path = _save(tmp_path, "x.html", page("mattran/phien-cho-0-dong.html").encode())
    ref = SourceRef(
        name="http://tin.example/amp/a?utm_source=zalo",
        path=str(path),
        url="http://tin.example/amp/a?utm_source=zalo",
    )
    doc = load_document(ref)
    expected = "http://tin.example/xa-hoi/phien-cho-0-dong-am-long-nguoi-lao-dong-o-phuong-kim-lien-123.html"
    assert doc.key == doc.url == expected
    assert doc.metadata["fetched_url"] == ref.url


def test_a_canonical_pointing_at_the_home_page_is_ignored(tmp_path: Path) -> None:
    html = page("phusa/bai-gia-lua.html").replace(
        "https://baophusa.example/kinh-te/gia-lua-tang-nhe-nong-dan-phan-khoi-a988.html",
        "https://baophusa.example/",
    )
    path = _save(tmp_path, "gia.html", html.encode())
    ref = SourceRef(name="http://x.example/a988", path=str(path), url="http://x.example/a988")
    doc = load_document(ref)
    assert doc.key.startswith("sha256:") and doc.url == "http://x.example/a988"


def test_header_fields_in_front_of_the_markup_win(tmp_path: Path) -> None:
    header = (
        "url: https://luu-tru.example/bai/1\noutlet: Lưu trữ của nhóm\ndate: 2024-09-13\n"
        "title: Tiêu đề riêng\n\n"
    )
    path = tmp_path / "luu.txt"
    path.write_text(header + page("phusa/bai-to-hop-tac-lua-sach.html"), encoding="utf-8")
    doc = load_document(str(path))
    assert (doc.url, doc.outlet, doc.date, doc.title) == (
        "https://luu-tru.example/bai/1",
        "Lưu trữ của nhóm",
        "2024-09-13",
        "Tiêu đề riêng",
    )
    assert doc.key == "https://luu-tru.example/bai/1"
    assert doc.metadata["author"] == "Minh Khang"  # what the header does not say still comes from the page
    assert "Số lần đọc" not in doc.body


def test_evidence_offsets_refer_to_the_extracted_text(tmp_path: Path) -> None:
    name = "phusa/bai-to-hop-tac-lua-sach.html"
    doc = load_document(str(_save(tmp_path, name, page(name).encode())))
    extraction = extract_parsed(doc)
    evidence = [ev for e in extraction.entities for ev in e.evidence]
    evidence += [ev for r in extraction.relations for ev in r.evidence]
    assert evidence
    for ev in evidence:
        assert doc.body[ev.start : ev.end] == ev.quote


def _tcvn3_safe(ch: str) -> str:
    """The letter if TCVN3 can spell it, its lowercase form, or a straight quote for curly ones."""
    from danvan_kg.text.decode import UNICODE_TO_TCVN3

    if ch.isascii() or ch in UNICODE_TO_TCVN3:
        return ch if ch.isascii() or ch.islower() or ch in "ĂÂÊÔƠƯĐ" else ch.lower()
    return '"' if ch in "“”" else " "


@pytest.mark.parametrize("encoding", ["utf-16", "tcvn3", "cp1258-declared-as-iso"])
def test_pages_in_other_encodings(encoding: str, tmp_path: Path) -> None:
    source = page("dvls/chi-tiet-55.html")
    if encoding == "utf-16":
        data = source.encode("utf-16")
    elif encoding == "tcvn3":  # TCVN3 has codes for only seven capitals with a mark: keep to those
        source = source.replace("Ủy ban", "Uy ban").replace("Huyện ủy", "Huyện uy")
        data = encode_tcvn3("".join(_tcvn3_safe(ch) for ch in source))
    else:
        data = encode_cp1258(source.replace("windows-1258", "iso-8859-1"))
    doc = load_document(str(_save(tmp_path, f"p-{encoding}.html", data)))
    assert "Tràng Các" in doc.body
    assert "Lượt truy cập" not in doc.body


def test_html_parser_takes_over_when_trafilatura_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import danvan_kg.sources.html as html_module

    monkeypatch.setattr(html_module, "_trafilatura", lambda markup, url: None)
    name = "phusa/bai-to-hop-tac-lua-sach.html"
    doc = load_document(str(_save(tmp_path, name, page(name).encode())))
    assert doc.metadata["extractor"] == "html.parser"
    assert "Tổ hợp tác lúa sạch" in doc.body
    assert doc.title and doc.title.startswith("Hội Nông dân xã Mỹ Hiệp")


def test_a_page_without_text_is_refused_in_one_line(tmp_path: Path) -> None:
    from danvan_kg.errors import InputError

    empty = _save(tmp_path, "empty.html", b"<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(InputError, match=r"^\S*empty.html: no article text found in the page$"):
        load_document(str(empty))


def test_fixture_pages_are_nfc_and_written_by_the_team() -> None:
    import unicodedata

    for path in WEB.rglob("*.html"):
        text = path.read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text), path

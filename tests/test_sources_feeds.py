"""Feeds and sitemaps: parsing (RSS, Atom, XML, gzip, plain text) and pruning by date."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.sources.feeds import feed_entries, list_feed, list_sitemap, sitemap_entries
from danvan_kg.sources.filters import DateRange

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin dân vận</title><id>urn:x</id>
<link rel="alternate" href="https://tin.example/"/>
<updated>2024-05-02T00:00:00Z</updated>
<entry><title>Ra mắt mô hình “Chợ phiên không tiền mặt”</title><link href="/tin/54.html"/><id>urn:54</id>
<published>2024-02-28T08:00:00+07:00</published><updated>2024-03-01T08:00:00+07:00</updated></entry>
<entry><title>Không có ngày</title><link href="https://tin.example/tin/53.html"/><id>urn:53</id></entry>
</feed>"""

URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://tin.example/a.html</loc><lastmod>2024-05-01T10:00:00+07:00</lastmod>
  <news:news><news:publication_date>2023-12-30</news:publication_date>
  <news:title>Bài A</news:title></news:news></url>
<url><loc>https://tin.example/b.html</loc><lastmod>2023-06-01</lastmod></url>
<url><loc>https://tin.example/c.html</loc></url>
</urlset>"""


def test_atom_feed_entries_with_dates_and_relative_links() -> None:
    entries = feed_entries(ATOM.encode(), "https://tin.example/rss")
    assert [(e.url, e.published) for e in entries] == [
        ("https://tin.example/tin/54.html", "2024-02-28"),
        ("https://tin.example/tin/53.html", None),
    ]
    assert entries[0].title == "Ra mắt mô hình “Chợ phiên không tiền mặt”"


def test_not_a_feed_is_one_line() -> None:
    with pytest.raises(InputError) as caught:
        feed_entries("<html><body>Trang chủ</body></html>".encode(), "https://tin.example/rss")
    assert str(caught.value).startswith("https://tin.example/rss: not an RSS or Atom feed")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("packing", ["xml", "gzip", "text"])
def test_sitemap_forms(packing: str) -> None:
    if packing == "text":
        data = b"https://tin.example/a.html\n# comment\nhttps://tin.example/b.html\n"
    else:
        data = URLSET.encode()
        if packing == "gzip":
            data = gzip.compress(data)
    pages, children = sitemap_entries(data, "https://tin.example/sitemap.xml")
    assert not children
    assert [p.url for p in pages][:2] == ["https://tin.example/a.html", "https://tin.example/b.html"]
    if packing != "text":
        first = pages[0]
        assert (first.published, first.modified, first.title) == ("2023-12-30", "2024-05-01", "Bài A")


def test_sitemap_that_is_neither_is_refused() -> None:
    with pytest.raises(InputError, match="not a sitemap"):
        sitemap_entries(b"<rss><channel/></rss>", "https://tin.example/x.xml")
    with pytest.raises(InputError, match="not a sitemap"):
        sitemap_entries(b"chao ban", "https://tin.example/x.txt")


def test_entity_expansion_is_not_performed() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "https://tin.example/x.html">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&a;</loc></url></urlset>'
    )
    pages, _ = sitemap_entries(bomb, "https://tin.example/s.xml")
    assert all("tin.example/x.html" not in p.url for p in pages)


def test_saved_feed_and_sitemap_files_with_date_pruning(tmp_path: Path) -> None:
    feed = tmp_path / "rss.xml"
    feed.write_text(ATOM, encoding="utf-8")
    listing = list_feed(str(feed), None, DateRange(since="2024-03-01"))
    # 54 was published before --since: pruned; 53 has no date: kept (its page may tell)
    assert [u.url for u in listing.urls] == ["https://tin.example/tin/53.html"] and listing.outside_dates == 1
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(URLSET, encoding="utf-8")
    listing = list_sitemap(str(sitemap), None, DateRange(since="2024-01-01"))
    # a: published 2023-12-30 (news date wins over lastmod); b: last changed 2023-06: before --since
    assert [u.url for u in listing.urls] == ["https://tin.example/c.html"] and listing.outside_dates == 2
    missing = list_feed(str(tmp_path / "khong-co.xml"), None)
    assert missing.problems and "no such file" in missing.problems[0][1]

"""A local web server for the source tests: the team's own news pages, a feed, sitemaps, robots.txt,
and the ways a real site fails (a slow page, a 500, a 503 that passes on the second try, a 404,
a redirect). Nothing leaves 127.0.0.1.

The pages under ``tests/fixtures/web/`` were written by the team for these tests, after the
layouts of Vietnamese provincial news and Party sites (menus, related-news boxes, view counters,
banners, footers); they copy no real site's text.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from danvan_kg.text.decode import encode_cp1258

WEB = Path(__file__).parent / "fixtures" / "web"

LUA_SACH = "/chinh-tri/dan-van/hoi-nong-dan-xa-my-hiep-nhan-rong-mo-hinh-to-hop-tac-lua-sach-a1024.html"
LUA_SACH_CANONICAL = "https://baophusa.example" + LUA_SACH
GIA_LUA = "/kinh-te/gia-lua-tang-nhe-nong-dan-phan-khoi-a988.html"
PHIEN_CHO = "/xa-hoi/phien-cho-0-dong-am-long-nguoi-lao-dong-o-phuong-kim-lien-123.html"
PHIEN_CHO_AMP = "/amp" + PHIEN_CHO + "?utm_source=zalo"
DUONG_LANG = "/tin-tuc/chi-tiet?id=55"  # no canonical URL: the same page is also at DUONG_LANG_2
DUONG_LANG_2 = "/tin-tuc/chi-tiet/55.html"
PRIVATE = "/private/noi-bo.html"
OLD_LINK = "/bai-cu/1024"  # 301 to LUA_SACH
SLOW, ERROR_500, FLAKY, MISSING, NOT_ARTICLE = "/cham", "/loi-500", "/tam-thoi", "/khong-co", "/lien-he.html"
SLOW_SECONDS = 2.0

ROBOTS = "User-agent: *\nDisallow: /private/\n"

# Version 2 of the pages (an editor updated them): one more model in each.
PHIEN_CHO_V2 = (
    "<p>Từ tháng 3/2024, Hội Liên hiệp Phụ nữ phường mở thêm mô hình “Tủ bánh mì yêu thương” "
    "dành cho học sinh nghèo của phường.</p>"
)
DUONG_LANG_V2 = (
    "<p>Cũng trong dịp này, Hội Nông dân xã Tràng Các ra mắt mô hình “Vườn rau an toàn” "
    "giúp các hộ nghèo có thêm thu nhập.</p>"
)

NOT_ARTICLE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Liên hệ</title></head>
<body><nav><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a></nav><form><input name="q"></form>
<footer><a href="/">Về đầu trang</a></footer></body></html>"""


def page(name: str) -> str:
    """A fixture page's HTML (UTF-8 source)."""
    return (WEB / name).read_text("utf-8")


def _feed(base: str) -> str:
    items = [
        (
            LUA_SACH,
            "Hội Nông dân xã Mỹ Hiệp nhân rộng mô hình “Tổ hợp tác lúa sạch”",
            "Thu, 12 Sep 2024 01:15:00 GMT",
        ),
        (GIA_LUA, "Giá lúa tăng nhẹ, nông dân phấn khởi", "Mon, 30 Sep 2024 23:00:00 GMT"),
        (
            DUONG_LANG_2,
            "Huyện Văn Quan ra mắt mô hình “Đường làng sáng, xanh, sạch”",
            "Tue, 05 Mar 2024 02:00:00 GMT",
        ),
        (
            PHIEN_CHO,
            "Phiên chợ 0 đồng ấm lòng người lao động ở phường Kim Liên",
            "Sat, 18 Nov 2023 00:30:00 GMT",
        ),
    ]
    body = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><pubDate>{date}</pubDate></item>"
        for path, title, date in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin mới</title>'
        f"<link>{base}/</link><description>Tin mới nhất</description>{body}</channel></rss>"
    )


def _urlset(base: str, entries: list[tuple[str, str, str | None]]) -> str:
    rows = []
    for path, lastmod, published in entries:
        news = (
            f"<news:news><news:publication_date>{published}</news:publication_date></news:news>"
            if published
            else ""
        )
        rows.append(f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod>{news}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(rows) + "</urlset>"
    )


def _sitemaps(base: str) -> dict[str, str]:
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-2023.xml</loc><lastmod>2023-12-31</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemap-2024.xml</loc><lastmod>2024-10-01</lastmod></sitemap>"
        "</sitemapindex>"
    )
    return {
        "/sitemap.xml": index,
        "/sitemap-2023.xml": _urlset(base, [(PHIEN_CHO, "2023-11-20", None)]),
        "/sitemap-2024.xml": _urlset(
            base,
            [
                (LUA_SACH, "2024-09-12", "2024-09-12"),
                (GIA_LUA, "2024-10-01", None),
                (DUONG_LANG_2, "2024-03-05", None),
            ],
        ),
    }


@dataclass
class Site:
    """The server's state: requests seen, and the version of the pages it serves."""

    base: str = ""
    version: int = 1
    hits: Counter[str] = field(default_factory=Counter)
    log: list[tuple[str, float, dict[str, str]]] = field(default_factory=list)  # path, time, headers
    flaky_failures: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.version = 1
            self.hits.clear()
            self.log.clear()
            self.flaky_failures = 1

    def url(self, path: str) -> str:
        return self.base + path

    def times(self, prefix: str = "/") -> list[float]:
        return [t for p, t, _ in self.log if p.startswith(prefix)]

    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self.hits[path] += 1
            self.log.append((path, time.monotonic(), headers))
            version = self.version
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, ROBOTS.encode()
        if path == OLD_LINK:
            return 301, {"Location": LUA_SACH}, b""
        if path in (LUA_SACH, PRIVATE):
            etag = f'"lua-sach-v{version}"'
            if headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {**html, "ETag": etag}, page("phusa/bai-to-hop-tac-lua-sach.html").encode()
        if path == GIA_LUA:
            return 200, html, page("phusa/bai-gia-lua.html").encode()
        if path in (PHIEN_CHO, PHIEN_CHO_AMP):
            text = page("mattran/phien-cho-0-dong.html")
            if version > 1:
                text = text.replace("<!--V2-->", PHIEN_CHO_V2)
            return 200, html, text.encode()
        if path in (DUONG_LANG, DUONG_LANG_2):
            text = page("dvls/chi-tiet-55.html")
            if version > 1:
                text = text.replace('<p align="right">', DUONG_LANG_V2 + '<p align="right">')
            return 200, {"Content-Type": "text/html"}, encode_cp1258(text)  # an old site: Windows-1258
        if path == SLOW:
            time.sleep(SLOW_SECONDS)
            return 200, html, page("phusa/bai-gia-lua.html").encode()
        if path == ERROR_500:
            return 500, {"Content-Type": "text/plain"}, b"loi may chu"
        if path == FLAKY:
            with self.lock:
                failing = self.flaky_failures > 0
                self.flaky_failures -= 1
            if failing:
                return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"ban"
            return 200, html, page("mattran/phien-cho-0-dong.html").encode()
        if path == NOT_ARTICLE:
            return 200, html, NOT_ARTICLE_PAGE.encode()
        if path == "/rss.xml":
            return 200, {"Content-Type": "application/rss+xml"}, _feed(self.base).encode()
        sitemaps = _sitemaps(self.base)
        if path in sitemaps:
            return 200, {"Content-Type": "application/xml"}, sitemaps[path].encode()
        return 404, {"Content-Type": "text/plain"}, b"khong tim thay"


@contextmanager
def serve_site() -> Iterator[Site]:
    """Run the fixture site on 127.0.0.1 (a free port) for the duration of the block."""
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, headers, body = site.respond(self.path, {k.lower(): v for k, v in self.headers.items()})
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts)
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()

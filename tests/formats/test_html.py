"""Articles from saved web pages: the article's text without the page around it, its metadata kept, the
stored text exactly what is shown, and a page with no article refused with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats import format_for_path
from annotator.core.formats.html import read_html
from annotator.core.model import DocumentRecord
from annotator.store import Store
from annotator.store.transfer import import_records

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def test_the_article_is_extracted_without_menus_adverts_comments_or_footer() -> None:
    (record,) = read_html(PAGES / "news-article.html")
    assert record.text.startswith("الفصائل المسلحة تعلن انتهاء الهدنة مع القوات الأمريكية\n\nقال قائد فصيل إن")
    assert "«عدم جدية الحكومتين العراقية والأمريكية" in record.text
    for noise in ("تسجيل الدخول", "إعلان", "اقرأ أيضًا", "التعليقات", "جميع الحقوق محفوظة", "dataLayer", "font-family"):
        assert noise not in record.text
    assert record.text.count("\n\n") == 5  # title and five paragraphs, a blank line between them
    assert record.meta == {"title": "الفصائل المسلحة تعلن انتهاء الهدنة مع القوات الأمريكية", "date": "2020-10-22",
                           "author": "سارة الحسيني", "url": "https://news.example.org/iraq/2020/10/truce-ends",
                           "site": "news.example.org", "source_format": "html"}  # the canonical link wins


def test_og_url_and_a_byline_author_when_there_is_no_canonical_link() -> None:
    (record,) = read_html(PAGES / "blog-post.html")
    assert record.meta["url"] == "https://blog.example.net/2023/03/hamidiyah-after-rain"
    assert record.meta["author"] == "خالد العمر" and record.meta["date"] == "2023-03-15"
    assert "الأرشيف" not in record.text and "أحدث التدوينات" not in record.text
    assert format_for_path(PAGES / "blog-post.html").name == "html"
    assert format_for_path(Path("page.HTM")).name == "html"


def test_a_page_without_an_article_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"index-page\.html: no article found in this page"):
        list(read_html(PAGES / "index-page.html"))
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"\xff\xfe<html>")
    with pytest.raises(InputError, match="broken.html"):
        list(read_html(broken))


def test_stored_text_is_the_extracted_text_and_spans_slice_it(store: Store) -> None:
    (record,) = read_html(PAGES / "news-article.html")
    (document_id,) = import_records(store, "web", [DocumentRecord(record.name, record.text, meta=record.meta)]
                                    ).document_ids
    document = store.document(document_id)
    assert document.text == record.text and document.meta["author"] == "سارة الحسيني"
    start = document.text.index("عين الأسد")
    span = store.add_span(document_id, start, start + len("عين الأسد"), "location")
    assert document.text[span.start:span.end] == "عين الأسد"

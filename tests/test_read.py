import json
from datetime import date

from mapgen import read
from mapgen.model import Article

from conftest import HELD_OUT, SAMPLES


def articles(*sources):
    return [a for a in read.read_articles([str(s) for s in sources]) if isinstance(a, Article)]


def test_folder_with_manifest_gives_metadata():
    found = {a.source.rsplit("/", 1)[-1]: a for a in articles(SAMPLES)}
    assert len(found) == 5  # README.md and manifest.csv are not articles
    sindo = found["001_5c997f7c300859a6.txt"]
    assert sindo.outlet == "SINDOnews" and sindo.published == date(2020, 11, 2) and sindo.language == "id"


def test_headline_lists_and_read_more_lines_are_furniture():
    sindo = articles(SAMPLES / "001_5c997f7c300859a6.txt")[0]
    for name in ("Biak", "Kashmir", "Mojokerto", "Alaska", "Copyright", "Baca juga", "Baca:"):
        assert name not in sindo.text
    assert "Terter dan Aghjabedi" in sindo.text  # the article itself is kept
    arrahmah = articles(SAMPLES / "002_5e15d388eebb200e.txt")[0]
    assert "BACA JUGA" not in arrahmah.text and "Fosfor Putih" not in arrahmah.text
    assert "kota strategis Shusha" in arrahmah.text


def test_publication_date_from_the_text_when_no_manifest(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Judul Berita Panjang Tentang Perang\n\nSenin, 02 November 2020 - 09:06 WIB\n"
                    "BAKU - Pasukan itu menembaki kota tersebut pada hari Minggu, kata kementerian pertahanan kepada wartawan.\n", encoding="utf-8")
    assert articles(page)[0].published == date(2020, 11, 2)


def test_estimated_date_and_batch_year():
    undated = [a for a in articles(SAMPLES) if a.source.endswith("002_5e15d388eebb200e.txt")]
    assert undated[0].published is None  # "(01/11)" has no year
    dated = read.with_default_year(articles(SAMPLES), None)
    estimate = [a for a in dated if a.source.endswith("002_5e15d388eebb200e.txt")][0]
    assert estimate.published == date(2020, 11, 1) and estimate.published_estimated


def test_html_json_jsonl_md_and_stdin(tmp_path, monkeypatch):
    formats = {a.source.rsplit("/", 1)[-1]: a for a in articles(HELD_OUT)}
    html = next(a for n, a in formats.items() if n.endswith(".html"))
    assert html.outlet and html.published and "<" not in html.text
    jsonl = [a for n, a in formats.items() if ".jsonl#" in n]
    assert len(jsonl) == 2 and all(a.outlet and a.url for a in jsonl)
    md = next(a for n, a in formats.items() if n.endswith(".md"))
    assert "](" not in md.text and "**" not in md.text
    record = tmp_path / "one.json"
    record.write_text(json.dumps({"text": "KYIV - Russian missiles hit the city of Kharkiv on Monday, officials said.", "outlet": "Test Wire", "published": "2022-10-10"}), encoding="utf-8")
    one = articles(record)[0]
    assert one.outlet == "Test Wire" and one.published == date(2022, 10, 10) and one.language == "en"
    import io, sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Artileri menghantam kota Ganja pada hari Sabtu, kata kementerian itu kepada wartawan.")))
    assert articles("-")[0].language == "id"


def test_bad_files_are_reported_and_the_rest_read(tmp_path):
    (tmp_path / "good.txt").write_text("Shelling hit the town of Tartar on Sunday, the ministry said in a statement.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    items = list(read.read_articles([str(tmp_path), str(tmp_path / "missing.txt")]))
    errors = [str(i) for i in items if isinstance(i, read.ReadError)]
    assert len([i for i in items if isinstance(i, Article)]) == 1
    assert any("binary" in e for e in errors) and any("invalid JSON" in e for e in errors) and any("no such file" in e for e in errors)


def test_copyright_year_dates_a_text_without_one(tmp_path):
    page = tmp_path / "clash.txt"
    page.write_text("TOVUZ, Azerbaijan - Artillery fire hit the village of Aghdam in Tovuz district on 14 July, the ministry said.\n"
                    "Copyright (c) 2020 Example Radio. All rights reserved.\n", encoding="utf-8")
    assert articles(page)[0].published == date(2020, 7, 14)


def test_a_short_text_is_told_by_its_few_function_words():
    from mapgen import languages

    assert languages.detect("Pasukan Rusia menembaki wilayah Donetsk dan kota Avdiivka pada Sabtu.") == "id"
    assert languages.detect("Russian troops shelled Avdiivka on Saturday.") == "en"
    assert languages.detect("Avdiivka, Bakhmut, Kupiansk") == "en"  # nothing to tell by: the default

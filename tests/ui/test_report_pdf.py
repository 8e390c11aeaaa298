"""The weekly PDF, read back the way anyone would: poppler's pdfinfo, pdftotext, pdffonts and
pdftoppm (poppler-utils). Reports are built by hand (tests/report_samples.py), so every figure
on the page is known."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from report_samples import sample_report

from app.ui.i18n import install_translators, translation_file
from app.ui.report_pdf import fix_to_unicode, write_pdf

TOOLS = ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm")


@pytest.fixture(autouse=True)
def poppler(qapp) -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip("needs poppler-utils (apt-get install -y poppler-utils)")
    assert not missing, f"poppler-utils missing in CI: {missing}"


@pytest.fixture
def english(qapp):
    default = QLocale()
    install_translators("en")
    yield
    install_translators("en")
    QLocale.setDefault(default)


def run(*command: str | Path) -> str:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            timeout=60, check=True)
    return result.stdout


def info(path: Path) -> dict[str, str]:
    lines = run("pdfinfo", path).splitlines()
    return {key.strip(): value.strip()
            for key, _, value in (line.partition(":") for line in lines)}


def text_of(path: Path) -> str:
    return run("pdftotext", "-layout", path, "-")


def written(tmp_path: Path, name: str = "week.pdf", **kwargs) -> Path:
    path = tmp_path / name
    write_pdf(sample_report(**kwargs), path)
    return path


def test_the_pdf_is_one_or_two_a4_pages(tmp_path, english) -> None:
    found = info(written(tmp_path))
    assert 1 <= int(found["Pages"]) <= 2
    assert "A4" in found["Page size"]
    assert found["Title"] == "山田商店 2026-W47"


def test_the_shop_the_week_and_the_figures_are_real_text(tmp_path, english) -> None:
    text = text_of(written(tmp_path))
    # 山田 comes out as the ideographs, not the look-alike Kangxi radicals (⼭⽥) the CJK font
    # shares their glyphs with: copying or searching the PDF finds the shop.
    assert "山田商店" in text
    assert "Week 47, 16–22 November 2026" in text
    assert "Compared with week 46" in text
    for words in ("Mentions", "57", "111", "Mastodon 42", "Oldest: 山田花子, 30 h", "47 min",
                  "In opening hours", "3 of 4", "Top customers", "1. 山田花子 @hanako@",
                  "Published", "Community Desk"):
        assert words in text, words


def test_every_font_is_embedded(tmp_path, english) -> None:
    rows = run("pdffonts", written(tmp_path)).splitlines()[2:]
    assert rows, "no fonts: the text was drawn as shapes"
    for row in rows:
        # name type... encoding emb sub uni object ID: "emb" is the fourth column from the end.
        assert row.split()[-5] == "yes", row


def page_image(pdf: Path, tmp_path: Path) -> QImage:
    stem = tmp_path / "page"
    run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, stem)
    image = QImage(str(stem.with_suffix(".png")))
    assert not image.isNull()
    return image


def ink(image: QImage) -> float:
    """The share of sampled pixels that are not white."""
    samples = inked = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            samples += 1
            inked += image.pixelColor(x, y).lightness() < 240
    return inked / samples


def test_the_page_renders_with_charts_on_it(tmp_path, english) -> None:
    image = page_image(written(tmp_path), tmp_path)
    assert image.width() < image.height()  # portrait
    assert ink(image) > 0.05  # bars, cells and text; an empty page is under 1%


def test_an_empty_week_renders_too(tmp_path, english) -> None:
    pdf = written(tmp_path, empty=True, shop_name="")
    assert int(info(pdf)["Pages"]) == 1
    text = text_of(pdf)
    assert "Community Desk" in text  # the title when the shop has no name yet
    assert "A quiet week" in text
    assert "No mentions this week." in text
    assert ink(page_image(pdf, tmp_path)) > 0.01


def test_the_pdf_can_be_painted_off_the_ui_thread(tmp_path, english) -> None:
    """Qt allows QPainter on a QPdfWriter in a worker thread; the screen and the weekly
    auto-save rely on it."""
    failures: list[BaseException] = []

    def work() -> None:
        try:
            write_pdf(sample_report(), tmp_path / "worker.pdf")
        except BaseException as exc:
            failures.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert not failures
    text = text_of(tmp_path / "worker.pdf")
    assert "山田商店" in text and "Mastodon 42" in text
    assert all(row.split()[-5] == "yes"
               for row in run("pdffonts", tmp_path / "worker.pdf").splitlines()[2:])


def test_an_existing_file_is_replaced_whole_and_nothing_is_left_beside_it(tmp_path,
                                                                          english) -> None:
    path = tmp_path / "week.pdf"
    path.write_bytes(b"an older summary")
    write_pdf(sample_report(), path)
    assert path.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week.pdf"]


def test_a_missing_folder_raises_oserror(tmp_path, english) -> None:
    with pytest.raises(OSError):
        write_pdf(sample_report(), tmp_path / "missing" / "week.pdf")


def test_a_file_in_the_way_raises_oserror_and_writes_nothing(tmp_path, english) -> None:
    # A file where the folder should be refuses even root (a read-only folder would not).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way")
    with pytest.raises(OSError):
        write_pdf(sample_report(), blocker / "week.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_japanese_ui_dates_and_days_come_out_in_japanese(tmp_path, english) -> None:
    install_translators("ja")
    text = text_of(written(tmp_path))
    # Day and month names come from QLocale, whatever the .qm holds so far.
    assert "11月" in text
    for day in ("月", "火", "水", "木", "金", "土", "日"):
        assert day in text
    assert "山田商店" in text
    if Path(translation_file("ja")).exists():
        assert "Community Desk" in text  # the footer is the app's name in every language


def test_radicals_in_the_unicode_map_become_their_ideographs() -> None:
    cmap = (b"begincmap\n2 beginbfrange\n<0000> <0000> <0000>\n"
            b"<0001> <0003> [<2F2D> <2F65> <5546> ]\n<0004> <0004> <2F49>\n"
            b"<0005> <0010> <0041>\nendbfrange\n1 beginbfchar\n<0011> <2f55>\nendbfchar\n"
            b"endcmap")
    fixed = fix_to_unicode(cmap)
    assert len(fixed) == len(cmap)  # no byte offset in the file moves
    assert b"[<5C71> <7530> <5546> ]" in fixed  # 山 田 商
    assert b"<0004> <0004> <6708>" in fixed  # 月
    assert b"<0005> <0010> <0041>" in fixed  # a run of Latin letters is left alone
    assert b"<0011> <706b>" in fixed  # 火, in the case it was written in

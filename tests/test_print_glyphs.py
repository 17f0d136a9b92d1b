"""Characters outside the body font (𠮷, U+20BB7, CJK Extension B) on printed documents: set in a
fallback font and embedded, or, when no installed font has them, refused naming the field and the
character, printed as 「[U+20BB7]」 only when the user allows it; `towncentre check` lists them."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from db_helpers import Towncentre, pdffonts, pdftotext
from pypdf import PdfReader

from desktop.db import Database
from desktop.printing import fonts, layout, mediation_docs, registry
from desktop.printing.fonts import MissingGlyph
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.people.persons import PersonInput

NAME = "王𠮷堃"
HANAMIN = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    assert len(PdfReader(path).pages) >= 1
    return re.sub(r"\s+", "", pdftotext(path))


def pdf_fonts(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return pdffonts(path)


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """Each test searches the fonts anew (its environment decides), and leaves none behind."""
    fonts.reset()
    yield
    fonts.reset()


@pytest.fixture
def no_ext_b_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_fonts: None) -> Path:
    """A font folder with only a body font (AR PL UMing, no Extension B), searched alone."""
    if not UMING.is_file():
        pytest.skip("fonts-arphic-uming is not installed")
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "uming.ttc").symlink_to(UMING)
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(folder))
    monkeypatch.setenv(fonts.FONT_DIR_ONLY_ENV, "1")
    return folder


# A Windows font folder as the centre's PCs have it, by file name; each file is a Linux font with the
# same coverage where it matters: FangSong and SimHei lack Extension A (㐀) and B (𠀀), SimSun has A
# but not B, SimSun-ExtB has B, Microsoft YaHei (the heading fallback) has both.
WINDOWS_FONTS = {
    "simfang.ttf": UMING,
    "simhei.ttf": Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    "simsun.ttc": Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    "simsunb.ttf": HANAMIN,
    "msyh.ttc": Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
}
RARE_NAME = "王㐀𠀀龘"  # U+3400 (Extension A), U+20000 (Extension B), U+9F98 (in GBK)


@pytest.fixture
def windows_font_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_fonts: None) -> Path:
    missing = [str(f) for f in WINDOWS_FONTS.values() if not f.is_file()]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for name, target in WINDOWS_FONTS.items():
        (folder / name).symlink_to(target)
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(folder))
    monkeypatch.setenv(fonts.FONT_DIR_ONLY_ENV, "1")
    return folder


def register_case_of(
    demo_db: Database, actor_of: Callable[[Database, str], Actor], name: str
) -> tuple[Database, Actor, str]:
    """A registered case whose applicant is `name` (a new person, as the register form adds one)."""
    actor = actor_of(demo_db, "tiaojie")
    mediator_id = mediation.list_mediators(demo_db, actor)[0].id
    case_id = mediation.register_case(
        demo_db,
        actor,
        mediation.CaseInput(
            source=mediation.SOURCE_APPLICATION,
            dispute_type=mediation.DISPUTE_TYPES[0],
            summary="宅基地边界纠纷。",
            requests="请求调解。",
            received_on=mediation.local_today(demo_db),
            parties=[
                mediation.PartyInput(side=1, person=PersonInput(name=name, phone="13800000001")),
                mediation.PartyInput(side=2, person=PersonInput(name="李四", phone="13800000002")),
            ],
            mediator_ids=[mediator_id],
        ),
    )
    return demo_db, actor, case_id


@pytest.fixture
def case_with_ext_b(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> tuple[Database, Actor, str]:
    return register_case_of(demo_db, actor_of, NAME)


def test_a_name_with_an_extension_b_character_prints_with_the_glyph_embedded(
    case_with_ext_b: tuple[Database, Actor, str], tmp_path: Path, fresh_fonts: None
) -> None:
    if not HANAMIN.is_file():
        pytest.skip("fonts-hanazono is not installed (scripts/setup-debian.sh installs it)")
    db, actor, case_id = case_with_ext_b
    document = registry.produce(db, actor, "mediation-application", case_id, "预览")
    assert NAME in pdf_text(document.pdf, tmp_path)
    listed = pdf_fonts(document.pdf, tmp_path)
    ext_b = [line for line in listed.splitlines() if "HanaMin" in line]
    assert ext_b and all(" yes " in line for line in ext_b)  # embedded


def test_with_windows_fonts_rare_characters_print_in_simsun_and_simsun_extb(
    demo_db: Database,
    actor_of: Callable[[Database, str], Actor],
    windows_font_folder: Path,
    tmp_path: Path,
) -> None:
    db, actor, case_id = register_case_of(demo_db, actor_of, RARE_NAME)
    document = registry.produce(db, actor, "mediation-application", case_id, "预览")
    assert RARE_NAME in pdf_text(document.pdf, tmp_path)  # printed and searchable, no blank
    listed = {
        line.split()[0].partition("+")[2]: line for line in pdf_fonts(document.pdf, tmp_path).splitlines()[2:]
    }
    assert " yes " in listed["DroidSansFallback"] and " yes " in listed["HanaMinB"]  # SimSun, SimSun-ExtB

    st = layout.styles()
    assert st.fonts.body.name == "TC-body-simfang" and st.fonts.heading.name == "TC-heading-simhei"
    # One run per fallback font; under a heading (SimHei) the sans-serif YaHei comes first.
    assert layout.text(RARE_NAME) == (
        '王<font name="TC-fallback-1-simsun">㐀</font><font name="TC-fallback-2-simsunb">𠀀</font>龘'
    )
    assert (
        layout.text(RARE_NAME, font=st.heading.fontName) == '王<font name="TC-fallback-0-msyh">㐀𠀀</font>龘'
    )


def test_without_a_font_for_it_printing_is_refused_naming_field_and_character(
    case_with_ext_b: tuple[Database, Actor, str], no_ext_b_font: Path, tmp_path: Path
) -> None:
    db, actor, case_id = case_with_ext_b
    with pytest.raises(MissingGlyph) as refused:
        registry.produce(db, actor, "mediation-application", case_id, "预览")
    assert "当事人姓名“王𠮷堃”中的“𠮷”（U+20BB7）没有可用字体" in refused.value.zh
    assert refused.value.char == "𠮷"

    allowed = registry.produce(db, actor, "mediation-application", case_id, "预览", allow_missing_glyphs=True)
    text = pdf_text(allowed.pdf, tmp_path)
    assert "王[U+20BB7]堃" in text and "𠮷" not in text


def test_cli_refuses_then_prints_with_mark_missing(
    case_with_ext_b: tuple[Database, Actor, str],
    no_ext_b_font: Path,
    towncentre: Towncentre,
    tmp_path: Path,
) -> None:
    db, _actor, case_id = case_with_ext_b
    out = tmp_path / "application.pdf"
    args = ["print", "mediation-application", case_id, "--out", str(out), "--db", str(db.path)]
    env = {"TOWNCENTRE_PASSWORD": "demo2026"}
    refused = towncentre(*args, "--user", "tiaojie", **env)
    assert refused.returncode == 1 and "U+20BB7" in refused.stderr and "当事人姓名" in refused.stderr
    assert not out.exists()
    done = towncentre(*args, "--user", "tiaojie", "--mark-missing", **env)
    assert done.returncode == 0, done.stderr
    assert "王[U+20BB7]堃" in pdf_text(out.read_bytes(), tmp_path)


def test_check_lists_names_no_installed_font_can_print(
    case_with_ext_b: tuple[Database, Actor, str], no_ext_b_font: Path, towncentre: Towncentre
) -> None:
    db, _actor, _case_id = case_with_ext_b
    done = towncentre("check", "--db", str(db.path))
    line = next(x for x in done.stdout.splitlines() if "姓名用字" in x)
    assert "“𠮷”（U+20BB7）见于 王𠮷堃" in line


def test_check_is_quiet_when_a_font_has_every_character(
    case_with_ext_b: tuple[Database, Actor, str], towncentre: Towncentre, fresh_fonts: None
) -> None:
    if not HANAMIN.is_file() or os.environ.get(fonts.FONT_DIR_ONLY_ENV):
        pytest.skip("fonts-hanazono is not installed")
    db, _actor, _case_id = case_with_ext_b
    done = towncentre("check", "--db", str(db.path))
    line = next(x for x in done.stdout.splitlines() if "姓名用字" in x)
    assert "U+20BB7" not in line


def test_every_printed_field_has_a_caption(case_with_ext_b: tuple[Database, Actor, str]) -> None:
    db, actor, case_id = case_with_ext_b
    case = mediation.get_case(db, actor, case_id, full_ids=True)
    captions = [caption for caption, _ in mediation_docs._case_texts(case)]
    assert "当事人姓名" in captions and "纠纷简要情况" in captions

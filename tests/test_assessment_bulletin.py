"""The monthly 考核通报 of the demo town's assessed months, printed from the command line and read back:
its title and number, the figures its text states, the charts, the rankings in score order, the fonts
embedded; a month not yet confirmed prints as a draft; names at their longest stay on the page."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pytest
from db_helpers import FakeClock, Towncentre, copy_database, pdffonts, pdftotext
from sqlalchemy import select, update

from desktop.db import Database
from desktop.demo.assessment import add_demo_assessments
from desktop.models import AuditEntry, Community, Grid, Person, TownProfile
from desktop.printing import layout, registry
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.assessment import reports
from desktop.services.common import text as limits
from desktop.services.common.uow import unit_of_work

ActorOf = Callable[[Database, str], Actor]
KIND = "assessment-bulletin"


NOW = datetime(2026, 11, 28, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def assessed_file(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The assessed demo town, built once for the module (1.3 s of punches and scoring); tests copy it."""
    path = copy_database(demo_db_file, tmp_path_factory.mktemp("assessed") / "towncentre.db")
    db = Database.open(path)
    try:
        db.clock = FakeClock(NOW)
        add_demo_assessments(db, "330127104000")
    finally:
        db.close()
    return path


@pytest.fixture
def assessed(assessed_file: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo town on 28 November 2026 with August and September confirmed and October a draft."""
    db = Database.open(copy_database(assessed_file, tmp_path / "towncentre.db"))
    db.clock = FakeClock(NOW)
    yield db
    db.close()


def _print(towncentre: Towncentre, db: Database, month: str, out: Path) -> tuple[int, str, str]:
    done = towncentre(
        "print", KIND, month, "--out", str(out), "--db", str(db.path), "--user", "zhuren",
        TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_a_confirmed_month_prints_its_figures_charts_and_rankings(
    assessed: Database, actor_of: ActorOf, towncentre: Towncentre, tmp_path: Path
) -> None:
    manager = actor_of(assessed, "zhuren")
    out = tmp_path / "通报.pdf"
    code, stdout, stderr = _print(towncentre, assessed, "2026-09", out)
    assert code == 0, stderr
    assert "考核通报 2026-09" in stdout and "草稿" not in stdout
    text = pdftotext(out)
    flat = re.sub(r"\s+", "", text)
    assert "清溪镇网格化服务管理工作考核通报（2026年9月）" in flat
    assert "清溪镇综治考〔2026〕9号" in flat and "草稿" not in flat

    period = reports.find_period_id(assessed, manager, "2026-09")
    b = reports.bulletin(assessed, manager, period)
    rows = b.board.rows
    assert len(rows) == 60
    # The body states the month's figures as the ranking has them.
    assert (
        f"9月参加考核{len(rows)}人，平均得分{b.average:.2f}分，最高{rows[0].score:.2f}分，"
        f"最低{rows[-1].score:.2f}分" in flat
    ), "the month by its name, printed in November; every score to two decimals"
    # Official typesetting: no space between a number and the Chinese around it.
    body = _between(text, "各村（社区）、各网格：", "一、得分情况")
    assert not re.search(r"[\u4e00-\u9fff（）] +\d|\d +[\u4e00-\u9fff（）]", body), body
    assert f"{len(b.grids)}个网格{len(rows)}名网格人员2026年9月" in body.replace("\n", "")
    assert "、".join(f"{grade}{n}人" for grade, n in b.grades) in flat
    assert f"{rows[-1].name}（{rows[-1].grid}，{rows[-1].score:.2f}分）" in flat, "the lowest is named"
    assert f"最高的是{b.grids[0].name}" in flat and f"最低的是{b.communities[-1].name}" in flat

    # The charts: every community and grid labelled beside its bar, the grades under theirs.
    charts = _between(flat, "一、得分情况", "二、网格排名")
    assert (
        "图1各村（社区）平均得分" in charts and "图2各网格平均得分" in charts and "图3考核等次分布" in charts
    )
    assert all(c.name in charts and f"{c.score:.2f}" in charts for c in b.communities)
    assert all(g.name in charts for g in b.grids)
    assert all(grade in charts for grade, _ in b.grades)
    assert all(f"{n}人（{n / len(rows):.0%}）" in charts for _, n in b.grades)

    # The rankings in score order: every worker, one after the other, best first.
    workers = _between(text, "三、网格人员排名", "清溪镇综治中心")
    at = 0
    for row in rows:
        found = workers.find(row.name, at)
        assert found >= 0, f"{row.name} (rank {row.rank}) missing or out of order"
        at = found + len(row.name)
    grids = _between(flat, "二、网格排名", "三、网格人员排名")
    assert [grids.index(g.name + g.community) for g in b.grids] == sorted(
        grids.index(g.name + g.community) for g in b.grids
    )
    day = b.confirmed_on
    assert day is not None
    # Issued by the centre on the day the month was confirmed, last (only the page's footer after it).
    pages = text.count("\f")
    assert flat.endswith(
        f"清溪镇综治中心{day.year}年{day.month}月{day.day}日第{pages}页共{pages}页考核通报2026-09"
    )
    with assessed.reading() as session:
        private = session.execute(
            select(Person.phone, Person.resident_id).where(Person.id.in_([r.person_id for r in rows]))
        ).all()
    assert any(phone for phone, _ in private) and any(rid for _, rid in private)
    assert not any(value and value[-8:] in flat for pair in private for value in pair), "no phone, no ID"

    fonts = [line.split() for line in pdffonts(out).splitlines()[2:] if line.strip()]
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # emb

    with assessed.reading() as session:
        audited = session.scalars(
            select(AuditEntry.summary).where(
                AuditEntry.action == "打印文书", AuditEntry.object_type == "考核通报"
            )
        ).all()
    assert len(audited) == 1 and "2026-09" in audited[0]


def test_a_month_not_yet_confirmed_prints_as_a_draft_without_a_number(
    assessed: Database, towncentre: Towncentre, tmp_path: Path
) -> None:
    out = tmp_path / "草稿.pdf"
    code, stdout, stderr = _print(towncentre, assessed, "2026-10", out)
    assert code == 0, stderr
    assert "草稿" in stdout, "the command says what it wrote"
    flat = re.sub(r"\s+", "", pdftotext(out))
    assert "（2026年10月）" in flat and "10月考核尚未确认，不作正式通报" in flat
    assert "本月" not in flat, "printed in November, October is not 本月"
    assert "综治考〔" not in flat
    pages = flat.count("考核通报2026-10")  # the footer of every page
    with pdfplumber.open(out) as pdf:
        assert pages == len(pdf.pages) > 1
        for page in pdf.pages:  # the mark across every page, large
            marks = [c for c in page.chars if c["text"] in "草稿" and c["size"] > 60]
            assert len(marks) == 2, page.page_number


def test_a_bad_or_unassessed_month_is_refused_with_a_clear_message(
    assessed: Database, towncentre: Towncentre, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    for month, says in (
        ("2026-13", "考核周期应写作 2026-05"),
        ("2026-Q3", "考核通报按月印发"),  # assessed, but a quarter
        ("2026-11", "2026年11月还没有计算考核"),
    ):
        code, _stdout, stderr = _print(towncentre, assessed, month, out)
        assert code == 1 and says in stderr, (month, stderr)
        assert not out.exists()
    code, _stdout, stderr = _print(towncentre, assessed, "", out)
    assert code == 2 and "用法" in stderr


def test_every_month_prints_with_all(assessed: Database, towncentre: Towncentre, tmp_path: Path) -> None:
    done = towncentre(
        "print", KIND, "--all", "--out-dir", str(tmp_path), "--db", str(assessed.path), "--user", "zhuren",
        TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        f"{KIND}_2026-08.pdf",
        f"{KIND}_2026-09.pdf",
        f"{KIND}_2026-10.pdf",
    ], "months only: the quarter has its ranking table"
    assert "草稿" in done.stdout


def test_the_longest_names_stay_inside_the_page(assessed: Database, actor_of: ActorOf) -> None:
    town = "清溪" * (limits.TOWN_NAME // 2)
    community = "桃花源" * (limits.COMMUNITY_NAME // 3) + "村" * (limits.COMMUNITY_NAME % 3)
    grid = "东" * (limits.GRID_NAME - 2) + "网格"
    worker = "欧阳" * (limits.PERSON_NAME // 2)
    manager = actor_of(assessed, "zhuren")
    period = reports.find_period_id(assessed, manager, "2026-09")
    best, worst = (
        reports.ranking(assessed, manager, period).rows[0],
        reports.ranking(assessed, manager, period).rows[-1],
    )
    with unit_of_work(assessed, SYSTEM_ACTOR) as uow:
        s = uow.session
        s.execute(update(TownProfile).values(name=town))
        s.execute(update(Person).where(Person.id.in_([best.person_id, worst.person_id])).values(name=worker))
        s.execute(update(Grid).where(Grid.name == worst.grid).values(name=grid))
        s.execute(update(Community).where(Community.name == worst.community).values(name=community))
    document = registry.render(registry.get(KIND), assessed, manager, period)
    left, right = layout.MARGIN_LEFT - 1, layout.PAGE_WIDTH - layout.MARGIN_RIGHT + 1
    with pdfplumber.open(io.BytesIO(document.pdf)) as pdf:
        everything = ""
        for page in pdf.pages:
            outside = [c["text"] for c in page.chars if c["x0"] < left or c["x1"] > right]
            assert not outside, (page.page_number, "".join(outside))
            everything += page.extract_text()
    flat = re.sub(r"\s+", "", everything)
    assert f"{town}网格化服务管理工作考核通报" in flat
    assert f"{worker}（{grid}，{worst.score:.2f}分）" in flat, "the body names them in full"
    assert "…" in _between(flat, "一、得分情况", "二、网格排名"), "a chart cuts a label it has no room for"


def test_scores_share_one_precision_and_a_long_grid_name_keeps_to_one_line(
    assessed: Database, actor_of: ActorOf
) -> None:
    manager = actor_of(assessed, "zhuren")
    period = reports.find_period_id(assessed, manager, "2026-09")
    b = reports.bulletin(assessed, manager, period)
    long_name = "镇中心小学专属网格"  # a demo grid, as the operator saw it wrap
    grid = next(g for g in b.grids if g.name == long_name)
    document = registry.render(registry.get(KIND), assessed, manager, period)
    with pdfplumber.open(io.BytesIO(document.pdf)) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    # Its chart label, its row in the grid ranking and each of its workers' rows hold the name whole.
    assert sum(long_name in line for line in lines) >= 2 + grid.members
    assert not any("专属网" in line and "专属网格" not in line for line in lines), "「格」 alone below"
    # Every score in the worker ranking to two decimals, whole marks too (80.00 beside 77.50).
    workers = "\n".join(lines[next(i for i, x in enumerate(lines) if "三、网格人员排名" in x) :])
    scores = re.findall(r" (\d+\.?\d*) (?:优秀|合格|基本合格|不合格)", workers)
    assert len(scores) >= len(b.board.rows) and all(re.fullmatch(r"\d+\.\d\d", s) for s in scores), scores

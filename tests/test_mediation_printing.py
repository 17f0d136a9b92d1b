"""The mediation document set, read back: text (pdftotext), fonts (pdffonts), page numbers, audit rows,
and the `towncentre print` command."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from db_helpers import Towncentre, copy_database, pdffonts, pdftotext
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.models import AuditEntry, User
from desktop.printing import mediation_docs, registry
from desktop.services import mediation
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor
from desktop.services.mediation import CaseDetail

ActorOf = Callable[[Database, str], Actor]


def mediator_actor(db: Database) -> Actor:
    """The demo mediator (tiaojie), built the way login does (module-scoped fixtures cannot use actor_of)."""
    with db.reading() as session:
        user = session.scalar(
            select(User).where(User.username == "tiaojie").options(selectinload(User.role_links))
        )
        assert user is not None
        return auth.build_actor(session, user)


def pdftext(data: bytes, tmp_path: Path, name: str = "doc") -> list[str]:
    """One string per page, as pdftotext reads it (spaces and line breaks removed)."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    out = pdftotext(path)
    return [re.sub(r"\s+", "", page) for page in out.split("\f")[: len(PdfReader(path).pages)]]


def fonts_of(data: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = pdffonts(path)
    return [line.split() for line in out.splitlines()[2:]]


@pytest.fixture(scope="module")
def printing_db(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(copy_database(demo_db_file, tmp_path_factory.mktemp("print") / "towncentre.db"))
    yield db
    db.close()


@pytest.fixture(scope="module")
def big_case(printing_db: Database) -> CaseDetail:
    """The demo's land-contract case: 7 parties (one an organisation with an agent), long text, 赟 and 堃."""
    actor = mediator_actor(printing_db)
    case_id = mediation.resolve_case_id(printing_db, actor, f"{mediation.local_today(printing_db).year}-1")
    return mediation.get_case(printing_db, actor, case_id, full_ids=True)


def test_the_big_demo_case_is_what_the_documents_need(big_case: CaseDetail) -> None:
    assert len(big_case.parties) == 7 and any(p.is_org and p.agent for p in big_case.parties)
    assert "吴赟" in big_case.mediator_names and "郑堃" in big_case.mediator_names
    assert len(big_case.summary) > 150 and big_case.outcome == mediation.WRITTEN


def test_the_agreement_states_everything_the_law_asks_for(big_case: CaseDetail, tmp_path: Path) -> None:
    built = mediation_docs.render_case("mediation-agreement", big_case)
    pages = pdftext(built.data, tmp_path)
    text = "".join(pages)
    assert built.pages == len(pages) >= 2
    assert "人民调解协议书" in text and f"编号：{big_case.file_number}" in text
    for p in big_case.parties:
        assert p.name in text
        if p.person is not None:
            assert (
                p.person.resident_id in text
                and len(p.person.resident_id) == 18
                and "*" not in p.person.resident_id
            )
        else:
            assert p.org_credit_code in text and p.org_legal_rep in text
    agent = next(p.agent for p in big_case.parties if p.agent)
    assert f"委托代理人：{agent.name}" in text
    for fragment in (
        big_case.facts[:30],
        big_case.disputed_matters[:20],
        big_case.responsibility[:20],
        "补发2025年度流转费共计16,048元",
    ):
        assert re.sub(r"\s+", "", fragment) in text
    assert "履行期限" in text and big_case.performance_manner.replace(" ", "") in text
    assert "本协议一式八份，当事人各执一份，人民调解委员会留存一份" in text  # 7 parties and the committee
    assert "各方当事人自愿达成如下协议" in text and "双方当事人" not in text
    end = big_case.judicial_window_end
    assert end is not None and f"至{end.year}年{end.month}月{end.day}日止" in text
    assert text.count("（签名、盖章或按指印）") == 6 and "法定代表人或委托代理人（签名）" in text
    for mediator in ("周国平", "吴赟", "郑堃"):  # a line for each mediator to sign on
        assert f"人民调解员（签名）：{mediator}" in text
    assert "清溪镇人民调解委员会（盖章）" in text
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页共{len(pages)}页" in page
        assert f"案件版本{big_case.ver}" in page


@pytest.mark.parametrize("kind", [k for k in mediation_docs.KINDS if k != "case-file"])
def test_every_document_renders_with_its_fields_and_embedded_fonts(
    printing_db: Database, kind: str, tmp_path: Path
) -> None:
    actor = mediator_actor(printing_db)
    rendered = 0
    for case_id in mediation.list_case_ids(printing_db, actor):
        case = mediation.get_case(printing_db, actor, case_id, full_ids=True)
        if not mediation_docs.has_document(kind, case):
            with pytest.raises(registry.NotApplicable):
                mediation_docs.render_case(kind, case)
            continue
        built = mediation_docs.render_case(kind, case)
        text = "".join(pdftext(built.data, tmp_path))
        assert mediation_docs.KINDS[kind][0] in text
        assert case.committee.name in text
        expected = {
            "mediation-application": [case.summary[:25], case.requests[:15], *(p.name for p in case.side(1))],
            "mediation-acceptance": [case.file_number, case.dispute_type, case.source, case.mediator_names],
            "mediation-rights-notice": [
                "拒绝调解或者要求终止调解",
                "如实陈述纠纷事实",
                *(p.name for p in case.parties),
            ],
            "mediation-investigation": [r.record[:20] for r in case.investigations],
            "mediation-record": [r.record[:20] for r in case.sessions] + [m.name for m in case.mediators],
            "mediation-agreement": [case.terms[:20], *(p.name for p in case.parties)],
            "oral-agreement": [case.terms[:20], case.facts[:15], "人民调解法第二十八条"],
            "mediation-revisit": [
                f for r in case.revisits for f in (r.party_name, r.performance[:15], r.satisfaction)
            ],
        }[kind]
        for field in expected:
            assert re.sub(r"\s+", "", field) in text, (kind, case.file_number, field)
        if kind == "mediation-record" and case.outcome == mediation.NO_AGREEMENT:
            assert "依法申请仲裁" in text and "依法向人民法院提起诉讼" in text
        for row in fonts_of(built.data, tmp_path):
            assert row[-5] == "yes", row  # emb
        rendered += 1
    assert rendered >= 1


def test_the_case_file_has_cover_index_with_true_page_numbers_and_every_document(
    big_case: CaseDetail, tmp_path: Path
) -> None:
    built = mediation_docs.render_case("case-file", big_case)
    pages = pdftext(built.data, tmp_path)
    assert built.pages == len(pages)
    assert "人民调解卷宗" in pages[0] and big_case.file_number in pages[0] and "保管期限" in pages[0]
    assert "卷内目录" in pages[1]
    path = tmp_path / "case-file.pdf"
    path.write_bytes(built.data)
    index = pdftotext(path, "-layout", "-f", "2", "-l", "2").replace(
        " ", ""
    )  # the page numbers are drawn last: read the page as laid out
    numbered = len(pages) - 2
    titles = [
        "人民调解申请书",
        "人民调解受理登记表",
        "当事人权利义务告知书",
        "人民调解调查记录",
        "人民调解记录",
        "人民调解协议书",
        "卷内备考表",
    ]
    for title in titles:
        match = re.search(re.escape(title) + r"(?:（\d+份）)?(\d+)(?:–(\d+))?", index)
        assert match, title
        start = int(match[1])
        page = pages[start + 1]  # the index counts from the first page after cover and index
        assert title in page, (title, start)
        assert f"第{start}页共{numbered}页" in page
    assert f"共{numbered}页" in pages[-1] and "卷内备考表" in pages[-1]
    assert "第1页" not in pages[0] + pages[1]  # cover and index are not numbered


def test_a_single_page_document_has_no_page_number(printing_db: Database, tmp_path: Path) -> None:
    actor = mediator_actor(printing_db)
    case = mediation.get_case(printing_db, actor, mediation.list_case_ids(printing_db, actor)[-1])
    built = mediation_docs.render_case("mediation-acceptance", case)
    assert built.pages == 1
    assert "页共" not in pdftext(built.data, tmp_path)[0]


def test_producing_a_document_audits_it_with_the_case_version(
    printing_db: Database, actor_of: ActorOf
) -> None:
    actor = actor_of(printing_db, "tiaojie")
    case_id = mediation.list_case_ids(printing_db, actor)[0]
    document = registry.produce(printing_db, actor, "mediation-rights-notice", case_id, "预览")
    assert document.pdf.startswith(b"%PDF") and document.full_ids
    with printing_db.reading() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert (row.action, row.object_id, row.username) == ("预览文书", case_id, "tiaojie")
    assert f'"ver": {document.ver}' in row.detail and '"kind": "mediation-rights-notice"' in row.detail


def test_a_reader_without_the_id_permission_gets_masked_numbers(
    printing_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    viewer = actor_of(printing_db, "chakan")
    case_id = mediation.resolve_case_id(printing_db, viewer, f"{mediation.local_today(printing_db).year}-1")
    document = registry.get("mediation-agreement").render(printing_db, viewer, case_id)
    text = "".join(pdftext(document.pdf, tmp_path))
    assert not document.full_ids and "********" in text


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def towncentre(towncentre: Towncentre, monkeypatch: pytest.MonkeyPatch) -> Towncentre:
    """The command with the demo users' password in TOWNCENTRE_PASSWORD, as a script would pass it."""
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", "demo2026")
    return towncentre


def test_cli_lists_only_implemented_kinds(towncentre: Towncentre) -> None:
    done = towncentre("print", "--kinds")
    assert done.returncode == 0, done.stderr
    names = [line.split("\t")[0] for line in done.stdout.splitlines()]
    # The event documents come first (tests/test_event_printing.py); then the mediation set, in order.
    assert names[-len(mediation_docs.KINDS) - 5 : -5] == list(mediation_docs.KINDS)
    assert names[-5:] == [
        "duty-rota",
        "attendance-sheet",
        "assessment-sheet",
        "assessment-ranking",
        "assessment-bulletin",
    ]


def test_cli_prints_one_document_and_all_of_a_kind(
    towncentre: Towncentre, printing_db: Database, tmp_path: Path
) -> None:
    db_file = str(printing_db.path)
    year = mediation.local_today(printing_db).year
    out = tmp_path / "agreement.pdf"
    done = towncentre(
        "print", "mediation-agreement", f"{year}-1", "--out", str(out), "--db", db_file, "--user", "tiaojie"
    )
    assert done.returncode == 0, done.stderr
    assert "人民调解协议书" in done.stdout and out.read_bytes().startswith(b"%PDF")
    assert "黄德胜" in "".join(pdftext(out.read_bytes(), tmp_path))

    folder = tmp_path / "all"
    done = towncentre(
        "print", "mediation-revisit", "--all", "--out-dir", str(folder), "--db", db_file, "--user", "tiaojie"
    )
    assert done.returncode == 0, done.stderr
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 3 and all(f.name.startswith("mediation-revisit_") for f in files)
    with printing_db.reading() as session:
        purposes = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "打印文书")).all()
    assert sum('"purpose": "命令行"' in d for d in purposes) >= 4


def test_cli_refusals(towncentre: Towncentre, printing_db: Database, tmp_path: Path) -> None:
    db_file = str(printing_db.path)
    out = str(tmp_path / "x.pdf")
    no_user = towncentre("print", "mediation-agreement", "2026-1", "--out", out, "--db", db_file)
    assert no_user.returncode == 2 and "--user" in no_user.stderr
    no_out = towncentre("print", "mediation-agreement", "2026-1", "--db", db_file, "--user", "tiaojie")
    assert no_out.returncode == 2
    refused = towncentre(
        "print", "mediation-agreement", "2026-1", "--out", out, "--db", db_file, "--user", "wangge"
    )
    assert refused.returncode == 1 and "权限" in refused.stderr and " / " in refused.stderr
    unknown = towncentre(
        "print", "mediation-agreement", "1999-1", "--out", out, "--db", db_file, "--user", "tiaojie"
    )
    assert unknown.returncode == 1 and "找不到调解案件" in unknown.stderr
    assert not Path(out).exists()


def test_a_document_that_cannot_be_written_is_not_audited_as_written(
    towncentre: Towncentre, printing_db: Database, tmp_path: Path
) -> None:
    """A target that refuses the file (a folder of that name; a read-only or open file on Windows) is
    found before the audit row, which would otherwise claim a document with full IDs came out."""
    year = mediation.local_today(printing_db).year
    folder_named_pdf = tmp_path / "agreement.pdf"
    folder_named_pdf.mkdir()

    def printed() -> int:
        with printing_db.reading() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "打印文书")
                )
                or 0
            )

    before = printed()
    refused = towncentre(
        "print", "mediation-agreement", f"{year}-1", "--out", str(folder_named_pdf),
        "--db", str(printing_db.path), "--user", "tiaojie",
    )  # fmt: skip
    assert refused.returncode == 1 and "是一个文件夹" in refused.stderr
    assert printed() == before

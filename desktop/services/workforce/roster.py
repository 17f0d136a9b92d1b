"""The worker roster: grid posts (一长三员) and centre staff, their history, profiles and training.

Resident IDs and phone numbers are masked for every reader in lists; a reader with PERSON_VIEW_ID sees
a full number only through `reveal_resident_id` (audited, persons.py) or an export that audits itself.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError, raise_all
from desktop.models import Grid, GridWorker, Person, WorkerProfile, WorkerTraining
from desktop.paths import attachments_dir
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.accounts.users import check_phone
from desktop.services.common.masking import mask_phone, mask_resident_id
from desktop.services.common.resident_id import parse_resident_id
from desktop.services.common.text import EMPLOYER, PERSON_NAME, TRAINING_TITLE, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.people import persons
from desktop.services.workforce.grids import ALL_POSTS, CENTRE_POST, add_worker

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
POST_ORDER = {p: i for i, p in enumerate(ALL_POSTS)}


@dataclass(frozen=True)
class WorkerInput:
    """A new post for a person: found by resident ID in the registry, or added to it."""

    name: str
    resident_id: str
    post: str
    start: date
    grid_id: str | None = None  # None for centre staff
    sex: str = ""
    phone: str = ""
    employer: str = ""


@dataclass(frozen=True)
class WorkerRow:
    """One post as a list shows it: the ID masked always, the phone masked unless the reader may see IDs."""

    post_id: str
    person_id: str
    name: str
    sex: str
    resident_id_masked: str
    phone: str
    post: str
    grid_id: str | None
    grid_name: str
    start_date: date
    end_date: date | None
    employer: str


@dataclass(frozen=True)
class TrainingRow:
    id: str
    held_on: date
    title: str
    hours: float


def check_worker(data: WorkerInput) -> tuple[str, str, str, str]:
    """(name, resident ID, phone, employer) as stored, or every problem at once."""
    problems: list[ValidationError] = []
    name = resident_id = phone = employer = ""
    try:
        name = clean_line(data.name, "name", PERSON_NAME, ("姓名", "name"))
        if not name:
            problems.append(ValidationError("请填写姓名。", "Enter the name.", "name"))
    except ValidationError as exc:
        problems.append(exc)
    try:
        parsed = parse_resident_id(data.resident_id)
        resident_id = parsed.number
        if data.sex and data.sex != parsed.sex:
            problems.append(
                ValidationError(
                    f"性别与身份证号不符（身份证号为{parsed.sex}性）。",
                    "The sex does not match the resident ID.",
                    "sex",
                )
            )
    except ValidationError as exc:
        problems.append(exc)
    try:
        phone = check_phone(data.phone)
    except ValidationError as exc:
        problems.append(exc)
    try:
        employer = clean_line(data.employer, "employer", EMPLOYER, ("工作单位", "employer"))
    except ValidationError as exc:
        problems.append(exc)
    if data.post not in ALL_POSTS:
        problems.append(ValidationError("岗位不正确。", "Unknown post.", "post"))
    elif (data.post == CENTRE_POST) != (data.grid_id is None):
        problems.append(
            ValidationError(
                "中心工作人员不属于网格；网格岗位须选择所属网格。",
                "Centre staff have no grid; a grid post needs its grid.",
                "grid",
            )
        )
    raise_all(problems)
    return name, resident_id, phone, employer


def place_worker(uow: UnitOfWork, data: WorkerInput) -> tuple[GridWorker, bool]:
    """Adds the post inside an open unit of work; the person comes from the registry by ID, or is
    added. Returns the post and whether the person was new."""
    uow.require(Permission.GRID_EDIT)
    name, resident_id, phone, employer = check_worker(data)
    person = uow.session.scalar(select(Person).where(Person.resident_id == resident_id))
    created = person is None
    if person is None:
        person = persons.add_person(uow, persons.PersonInput(name, resident_id, phone))
    elif person.name != name:
        raise ValidationError(
            f"该身份证号已登记为“{person.name}”，与填写的姓名“{name}”不符。",
            "This resident ID is registered under another name.",
            "name",
        )
    elif phone and person.phone != phone:
        person.phone = phone
    grid = None
    if data.grid_id is not None:
        grid = uow.session.get(Grid, data.grid_id)
        if grid is None or grid.deleted_at is not None:
            raise NotFound("找不到该网格。", "Grid not found.")
    same = uow.session.scalar(
        select(GridWorker.id).where(
            GridWorker.person_id == person.id,
            GridWorker.grid_id.is_(None) if grid is None else GridWorker.grid_id == grid.id,
            GridWorker.post == data.post,
            GridWorker.end_date.is_(None),
            GridWorker.deleted_at.is_(None),
        )
    )
    if same is not None:
        raise ValidationError(
            f"{name} 已在该岗位（{data.post}）上。", f"{name} already holds this post.", "post"
        )
    if employer:
        _set_employer(uow, person.id, employer)
    return add_worker(uow, person.id, grid, data.post, data.start), created


def add_worker_post(db: Database, actor: Actor, data: WorkerInput) -> str:
    actor.require(Permission.GRID_EDIT)
    with unit_of_work(db, actor) as uow:
        return place_worker(uow, data)[0].id


def end_post(db: Database, actor: Actor, post_id: str, end: date) -> None:
    """The post's last day is `end`; the record stays, so the grid's history keeps it."""
    actor.require(Permission.GRID_EDIT)
    with unit_of_work(db, actor) as uow:
        row = uow.load_for_update(GridWorker, post_id, None, not_found=("找不到该岗位。", "Post not found."))
        if row.end_date is not None:
            raise UserError("该岗位已结束。", "This post has already ended.")
        if end < row.start_date:
            raise ValidationError("结束日期不能早于开始日期。", "The end date is before the start.", "end")
        row.end_date = end


def _profile(uow: UnitOfWork, person_id: str) -> WorkerProfile:
    profile = uow.session.scalar(select(WorkerProfile).where(WorkerProfile.person_id == person_id))
    if profile is None:
        profile = WorkerProfile(person_id=person_id, employer="", photo_path="", photo_sha256="")
        uow.session.add(profile)
    return profile


def _set_employer(uow: UnitOfWork, person_id: str, employer: str) -> None:
    profile = _profile(uow, person_id)
    if profile.employer != employer:
        profile.employer = employer


def set_employer(db: Database, actor: Actor, person_id: str, employer: str) -> None:
    actor.require(Permission.GRID_EDIT)
    employer = clean_line(employer, "employer", EMPLOYER, ("工作单位", "employer"))
    with unit_of_work(db, actor) as uow:
        _set_employer(uow, person_id, employer)


# --- reading ---------------------------------------------------------------------------------------


def _rows(db: Database, actor: Actor, where: list[object]) -> list[WorkerRow]:
    actor.require(Permission.GRID_VIEW)
    full = actor.can(Permission.PERSON_VIEW_ID)
    with db.reading() as session:
        posts = session.scalars(
            select(GridWorker)
            .options(selectinload(GridWorker.person), selectinload(GridWorker.grid))
            .where(GridWorker.deleted_at.is_(None), *where)  # type: ignore[arg-type]
        ).all()
        employers = dict(
            session.execute(
                select(WorkerProfile.person_id, WorkerProfile.employer).where(
                    WorkerProfile.person_id.in_({p.person_id for p in posts})
                )
            ).all()
        )
        rows = [
            WorkerRow(
                p.id, p.person_id, p.person.name, p.person.sex, mask_resident_id(p.person.resident_id),
                p.person.phone if full else mask_phone(p.person.phone), p.post, p.grid_id,
                p.grid.name if p.grid else "", p.start_date, p.end_date, employers.get(p.person_id, ""),
            )
            for p in posts
        ]  # fmt: skip
    return sorted(
        rows, key=lambda r: (r.end_date is not None, POST_ORDER.get(r.post, 99), r.name, r.start_date)
    )


def grid_workers(db: Database, actor: Actor, grid_id: str, *, with_history: bool = False) -> list[WorkerRow]:
    """A grid's current posts, or (`with_history`) every post it ever had, ended ones last."""
    where: list[object] = [GridWorker.grid_id == grid_id]
    if not with_history:
        where.append(GridWorker.end_date.is_(None))
    return _rows(db, actor, where)


def covering(db: Database, actor: Actor, grid_id: str, day: date) -> list[WorkerRow]:
    """Who held a post in the grid on `day` (a post's end date is its last day)."""
    return _rows(
        db,
        actor,
        [
            GridWorker.grid_id == grid_id,
            GridWorker.start_date <= day,
            or_(GridWorker.end_date.is_(None), GridWorker.end_date >= day),
        ],
    )


def centre_staff(db: Database, actor: Actor) -> list[WorkerRow]:
    return _rows(db, actor, [GridWorker.grid_id.is_(None), GridWorker.end_date.is_(None)])


def all_current_posts(db: Database, actor: Actor) -> list[WorkerRow]:
    return _rows(db, actor, [GridWorker.end_date.is_(None)])


# --- training and photo ----------------------------------------------------------------------------


def add_training(db: Database, actor: Actor, person_id: str, held_on: date, title: str, hours: float) -> str:
    actor.require(Permission.GRID_EDIT)
    problems: list[ValidationError] = []
    try:
        title = clean_line(title, "title", TRAINING_TITLE, ("培训名称", "training title"))
        if not title:
            problems.append(ValidationError("请填写培训名称。", "Enter the training's title.", "title"))
    except ValidationError as exc:
        problems.append(exc)
    if not 0 < hours <= 1000:
        problems.append(
            ValidationError("学时应大于 0、不超过 1000。", "Hours are above 0, at most 1000.", "hours")
        )
    raise_all(problems)
    with unit_of_work(db, actor) as uow:
        if uow.session.get(Person, person_id) is None:
            raise NotFound("找不到该人员。", "Person not found.")
        row = WorkerTraining(person_id=person_id, held_on=held_on, title=title, hours=hours)
        uow.session.add(row)
        uow.session.flush()
        return row.id


def trainings(db: Database, actor: Actor, person_id: str) -> list[TrainingRow]:
    actor.require(Permission.GRID_VIEW)
    with db.reading() as session:
        rows = session.scalars(
            select(WorkerTraining)
            .where(WorkerTraining.person_id == person_id, WorkerTraining.deleted_at.is_(None))
            .order_by(WorkerTraining.held_on.desc())
        ).all()
        return [TrainingRow(t.id, t.held_on, t.title, t.hours) for t in rows]


def set_photo(db: Database, actor: Actor, person_id: str, source: Path) -> str:
    """Copies the photo under attachments/workers/, named by its SHA-256 (the same photo is stored
    once); returns the stored path relative to the attachments folder."""
    actor.require(Permission.GRID_EDIT)
    source = Path(source)
    if source.suffix.lower() not in PHOTO_SUFFIXES:
        raise ValidationError("照片应为 JPG 或 PNG 文件。", "A photo is a JPG or PNG file.", "photo")
    if source.stat().st_size > PHOTO_MAX_BYTES:
        raise ValidationError("照片不能超过 5 MB。", "A photo takes at most 5 MB.", "photo")
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stored = f"workers/{digest}{source.suffix.lower().replace('.jpeg', '.jpg')}"
    target = attachments_dir(db.path) / stored
    with unit_of_work(db, actor) as uow:
        if uow.session.get(Person, person_id) is None:
            raise NotFound("找不到该人员。", "Person not found.")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + ".part")
            shutil.copyfile(source, temp)
            temp.replace(target)
            uow.on_rollback(target.unlink)
        profile = _profile(uow, person_id)
        profile.photo_path = stored
        profile.photo_sha256 = digest
    return stored


def photo_file(db: Database, actor: Actor, person_id: str) -> Path | None:
    """The worker's photo file, if it is there and still has the digest recorded for it."""
    actor.require(Permission.GRID_VIEW)
    with db.reading() as session:
        profile = session.scalar(select(WorkerProfile).where(WorkerProfile.person_id == person_id))
    if profile is None or not profile.photo_path:
        return None
    path = attachments_dir(db.path) / profile.photo_path
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != profile.photo_sha256:
        return None
    return path

"""A mediation case with every printed free-text field at the longest the services accept.

The text is numbered sentences (`第12句…`) full of the marks Chinese line breaking must handle, so a
reader-style test can look for every sentence in the printed document."""

from __future__ import annotations

import dataclasses
from itertools import count

from desktop.services.common import text as limits
from desktop.services.mediation import CaseDetail

_ENDS = "。？！；"
_TAILS = ("乙方表示同意", "", "双方", "经核实无误", "甲", "村民委员会已到场")


class Sentences:
    """Numbered sentences, each unique, each ending with one of 。？！；."""

    def __init__(self) -> None:
        self._n = count(1)
        self.made: list[str] = []

    def one(self) -> str:
        n = next(self._n)
        tail = _TAILS[n % len(_TAILS)]
        s = (
            f"第{n}句，依据《人民调解法》第{n % 30 + 1}条（第{n % 3 + 1}款）「约定」、"
            f"甲方应于{n % 12 + 1}月支付{n * 37:,}元：{tail}{_ENDS[n % 4]}"
        )
        self.made.append(s)
        return s

    def text(self, limit: int, *, lines: bool = True) -> str:
        """Sentences up to `limit` characters; a multi-line field gets a line break now and then."""
        out = ""
        while True:
            s = self.one()
            sep = "\n" if lines and out and len(self.made) % 7 == 0 else ""
            if len(out) + len(sep) + len(s) > limit:
                self.made.pop()
                return out
            out += sep + s


def longest_case(case: CaseDetail, sentences: Sentences) -> CaseDetail:
    """`case` with every free-text field it prints filled to its limit."""
    block = limits.MEDIATION_TEXT

    def line(limit: int) -> str:
        return sentences.text(limit, lines=False)

    parties = []
    for p in case.parties:
        if p.person is not None:
            person = dataclasses.replace(p.person, address=line(limits.ADDRESS))
            p = dataclasses.replace(
                p, person=person, occupation=line(limits.OCCUPATION), employer=line(limits.EMPLOYER)
            )
        else:
            p = dataclasses.replace(p, org_address=line(limits.ADDRESS))
        parties.append(p)
    investigations = tuple(
        dataclasses.replace(
            r,
            place=line(limits.PLACE),
            participants=line(limits.PARTICIPANTS),
            subject=line(limits.SUBJECT),
            record=sentences.text(block),
        )
        for r in case.investigations
    )
    sessions = tuple(
        dataclasses.replace(
            r,
            place=line(limits.PLACE),
            subject=line(limits.SUBJECT),
            participants=line(limits.SESSION_PARTICIPANTS),
            parties_present=line(limits.PARTIES_PRESENT),
            record=sentences.text(block),
        )
        for r in case.sessions
    )
    revisits = tuple(
        dataclasses.replace(
            r,
            reason=line(limits.REVISIT_LINE),
            performance=sentences.text(block),
            new_suits=line(limits.REVISIT_LINE),
            flare_signs=line(limits.REVISIT_LINE),
            measures=sentences.text(block),
        )
        for r in case.revisits
    )
    return dataclasses.replace(
        case,
        title=line(limits.CASE_TITLE),
        summary=sentences.text(block),
        requests=sentences.text(block),
        facts=sentences.text(block),
        disputed_matters=sentences.text(block),
        responsibility=sentences.text(block),
        terms=sentences.text(block),
        performance_manner=sentences.text(block),
        archive_note=sentences.text(block),
        parties=tuple(parties),
        investigations=investigations,
        sessions=sessions,
        revisits=revisits,
    )

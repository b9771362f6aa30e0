"""What the person using the app may change, known before they try (``docmanager.access`` decides).

The core refuses a write outside the user's role whatever the app shows; the
app also greys out the controls of such writes, with a tooltip saying who may
make them, so that nobody types a note only to be told it cannot be saved.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from PySide6.QtCore import QCoreApplication

from docmanager.access import may_write, role_of, roles_for
from docmanager.errors import DocManagerError


def _role_words() -> dict[str, str]:
    return {"editor": QCoreApplication.translate("Permissions", "an editor"),
            "translator": QCoreApplication.translate("Permissions", "a translator"),
            "director": QCoreApplication.translate("Permissions", "a director"),
            "admin": QCoreApplication.translate("Permissions", "an admin")}


def _table_words() -> dict[str, str]:
    return {"clips": QCoreApplication.translate("Permissions", "clips"),
            "subjects": QCoreApplication.translate("Permissions", "subjects"),
            "shoots": QCoreApplication.translate("Permissions", "shoots"),
            "media_files": QCoreApplication.translate("Permissions", "media files"),
            "markers": QCoreApplication.translate("Permissions", "markers and subclips"),
            "segments": QCoreApplication.translate("Permissions", "transcripts"),
            "transcripts": QCoreApplication.translate("Permissions", "transcripts"),
            "cuts": QCoreApplication.translate("Permissions", "cuts"),
            "subtitle_status": QCoreApplication.translate("Permissions", "subtitle states"),
            "smart_bins": QCoreApplication.translate("Permissions", "smart bins")}


@dataclass(frozen=True)
class Permissions:
    """The acting user, their role, and what they may write."""

    user: Optional[str] = None
    role: Optional[str] = None  # None while the project has no users: everyone may do everything
    member: bool = True  # False: the user is not one of the project's users (they may only look)

    def may(self, table: str) -> bool:
        return self.member and may_write(self.role, table)

    def why_not(self, table: str) -> str:
        """The tooltip of a control greyed out for ``table`` ("" when it is allowed)."""
        if self.may(table):
            return ""
        if not self.member:
            return QCoreApplication.translate(
                "Permissions", "{user} is not a user of this project: an admin adds you with "
                "“docmanager user add”.").format(user=self.user or QCoreApplication.translate("Permissions", "You"))
        roles = _role_words()
        who = QCoreApplication.translate("Permissions", " or ").join(roles[r] for r in roles_for(table))
        return QCoreApplication.translate("Permissions", "Only {who} may change {what}; {user} is {role}.").format(
            who=who, what=_table_words().get(table, table.replace("_", " ")), user=self.user,
            role=roles.get(self.role or "", self.role))

    def label(self) -> str:
        """``Sun Mei · translator`` for the status bar ("" when the project has no users)."""
        if self.role is None and self.member:
            return ""
        names = {"editor": QCoreApplication.translate("Permissions", "editor"),
                 "translator": QCoreApplication.translate("Permissions", "translator"),
                 "director": QCoreApplication.translate("Permissions", "director"),
                 "admin": QCoreApplication.translate("Permissions", "admin")}
        role = names.get(self.role or "", "") if self.member else \
            QCoreApplication.translate("Permissions", "not a user: read only")
        return f"{self.user or ''} · {role}"


def permissions_of(project) -> Permissions:
    """The permissions of ``project.user`` in ``project`` (everything when it has no users)."""
    if project is None:
        return Permissions()
    with project.session() as session:
        try:
            return Permissions(project.user, role_of(session, project.user), True)
        except DocManagerError:  # not one of the project's users
            return Permissions(project.user, None, False)

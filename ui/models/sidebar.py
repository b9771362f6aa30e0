"""The sidebar's tree: all clips, subjects, shoots, tags and smart bins with their clip counts.

Built from the core's ``facets`` and the project's smart bins (saved queries);
``update`` changes labels and counts in place (adding and removing only what
changed), so the selection and the expanded groups survive an edit.  Each
selectable node stands for a ``ClipQuery`` scope; a smart bin's node carries
its saved query.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from docmanager.catalogue.bins import Bin
from docmanager.catalogue.clips import ClipQuery, Facets
from docmanager.catalogue.people import Named
from ui.formatting import count_label, subject_label
from ui.icons import icon

NodeRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Node:
    """What a sidebar row stands for: ``kind`` and, for a subject, shoot, tag or smart bin, its id.

    A smart bin's node also carries the bin's saved ``query`` (not part of its identity).
    """

    kind: str  # all, subjects, subject, no_subject, shoots, shoot, no_shoot, tags, tag, bins, bin
    id: Optional[int] = None
    query: Optional[ClipQuery] = field(default=None, compare=False, hash=False)

    @property
    def is_group(self) -> bool:
        return self.kind in ("subjects", "shoots", "tags", "bins")

    def apply(self, query: ClipQuery) -> ClipQuery:
        """``query`` narrowed to this node (any earlier scope replaced; text and sort kept).

        A smart bin's filters replace the scope; its text and the query's text must both match.
        """
        scoped = query.with_(subject=None, subject_id=None, no_subject=False, shoot=None, shoot_id=None,
                             no_shoot=False, tag=None, tag_id=None, state=None, min_rating=None,
                             segment_tag=None)
        if self.kind == "bin" and self.query is not None:
            saved = self.query
            text = " ".join(t for t in (saved.text, query.text) if t) or None
            return scoped.with_(subject=saved.subject, subject_id=saved.subject_id, no_subject=saved.no_subject,
                                shoot=saved.shoot, shoot_id=saved.shoot_id, no_shoot=saved.no_shoot,
                                tag=saved.tag, tag_id=saved.tag_id, state=saved.state,
                                min_rating=saved.min_rating, segment_tag=saved.segment_tag, text=text)
        if self.kind == "subject":
            return scoped.with_(subject_id=self.id)
        if self.kind == "no_subject":
            return scoped.with_(no_subject=True)
        if self.kind == "shoot":
            return scoped.with_(shoot_id=self.id)
        if self.kind == "no_shoot":
            return scoped.with_(no_shoot=True)
        if self.kind == "tag":
            return scoped.with_(tag_id=self.id)
        return scoped


ALL = Node("all")


class SidebarModel(QStandardItemModel):
    """Four groups (subjects, shoots, tags, smart bins) between "All clips" and the "No …" rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: dict[Node, QStandardItem] = {}
        self._bins: dict[int, Bin] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        root = self.invisibleRootItem()
        for node in (ALL, Node("subjects"), Node("no_subject"), Node("shoots"), Node("no_shoot"), Node("tags"),
                     Node("bins")):
            item = self._make(node)
            root.appendRow(item)
        self.update(Facets(total=0), [])

    def _make(self, node: Node) -> QStandardItem:
        item = QStandardItem()
        item.setEditable(False)
        item.setData(node, NodeRole)
        if node.is_group:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setFont(self._bold)
        icon_name = {"all": "clips", "subjects": "subjects", "shoots": "shoots", "tags": "tags",
                     "no_subject": "empty", "no_shoot": "empty", "bins": "clips"}.get(node.kind)
        if icon_name:
            item.setIcon(icon(icon_name))
        self._items[node] = item
        return item

    # --------------------------------------------------------------- lookup
    def item_for(self, node: Node) -> Optional[QStandardItem]:
        return self._items.get(node)

    def index_for(self, node: Node) -> QModelIndex:
        item = self._items.get(node)
        return item.index() if item is not None else QModelIndex()

    @staticmethod
    def node_at(index: QModelIndex) -> Optional[Node]:
        if not index.isValid():
            return None
        node = index.data(NodeRole)
        return node if isinstance(node, Node) else None

    # --------------------------------------------------------------- update
    def update(self, facets: Facets, bins: Optional[Sequence[tuple[Bin, int]]] = None) -> None:
        """Labels and counts from ``facets`` and the smart bins with their counts (None: as they were).

        Rows are added and removed as subjects, shoots, tags and bins change.
        """
        self._items[ALL].setText(count_label(self.tr("All clips"), facets.total))
        self._items[Node("no_subject")].setText(count_label(self.tr("No subject"), facets.no_subject))
        self._items[Node("no_shoot")].setText(count_label(self.tr("No shoot"), facets.no_shoot))
        self._items[Node("subjects")].setText(self.tr("Subjects"))
        self._items[Node("shoots")].setText(self.tr("Shoots"))
        self._items[Node("tags")].setText(self.tr("Tags"))
        self._sync_group("subjects", "subject", facets.subjects, self._subject_text)
        self._sync_group("shoots", "shoot", facets.shoots, self._shoot_text)
        self._sync_group("tags", "tag", facets.tags, lambda n: count_label(n.name, n.count))
        self._items[Node("bins")].setText(self.tr("Smart bins"))
        if bins is not None:
            self._bins = {b.id: b for b, _count in bins}
            self._sync_group("bins", "bin", [Named(b.id, b.name, count) for b, count in bins],
                             lambda n: count_label(n.name, n.count))

    def bin(self, bin_id: int) -> Optional[Bin]:
        return self._bins.get(bin_id)

    @staticmethod
    def _subject_text(named: Named) -> str:
        return count_label(subject_label(named.name, named.detail), named.count)

    @staticmethod
    def _shoot_text(named: Named) -> str:
        label = f"{named.detail}  {named.name}" if named.detail else named.name
        return count_label(label, named.count)

    def _sync_group(self, group: str, kind: str, rows: list[Named], text) -> None:
        parent = self._items[Node(group)]
        wanted = [Node(kind, r.id, self._bins[r.id].query if kind == "bin" and r.id in self._bins else None)
                  for r in rows]
        wanted_set = set(wanted)
        # Remove rows that are gone (bottom up, so row numbers stay valid).
        for row in reversed(range(parent.rowCount())):
            child = parent.child(row)
            node = child.data(NodeRole)
            if node not in wanted_set:
                self._items.pop(node, None)
                parent.removeRow(row)
        for position, (node, named) in enumerate(zip(wanted, rows)):
            item = self._items.get(node)
            if item is None:
                item = self._make(node)
                parent.insertRow(position, item)
            elif item.row() != position:
                taken = parent.takeRow(item.row())
                parent.insertRow(position, taken)
            label = text(named)
            if item.text() != label:
                item.setText(label)
            if kind == "bin":
                item.setData(node, NodeRole)  # its saved query as it is now
                tip = self._bin_tip(named.name, node.query)
            else:
                tip = named.name if kind != "subject" or not named.detail else f"{named.name} {named.detail}"
            item.setToolTip(tip)

    def _bin_tip(self, name: str, query: Optional[ClipQuery]) -> str:
        """A smart bin's name and what it looks for."""
        if query is None:
            return name
        parts = []
        for label, value in ((self.tr("person"), query.subject), (self.tr("shoot"), query.shoot),
                             (self.tr("tag"), query.tag), (self.tr("line tag"), query.segment_tag),
                             (self.tr("text"), query.text), (self.tr("files"), query.state)):
            if value:
                parts.append(f"{label}: {value}")
        if query.min_rating:
            parts.append(self.tr("rated {stars} or more").format(stars="★" * query.min_rating))
        if query.no_subject:
            parts.append(self.tr("no subject"))
        if query.no_shoot:
            parts.append(self.tr("no shoot"))
        return f"{name}\n" + "; ".join(parts) if parts else name

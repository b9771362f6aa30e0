"""Final Cut Pro 7 XML read in linear time, on top of ``otio-fcp-adapter``.

Cause
-----
FCP 7 XML lets an element inherit values such as ``<rate>`` from the elements
around it.  The adapter's reader (``FCP7XMLParser``) models that with
``_Context``, a stack of the elements from the sequence down to the one being
read, and answers ``context["./rate/timebase"]`` by calling
``element.find("./rate/timebase")`` on each element of the stack, innermost
first, until one has it.  ``find("./rate")`` looks at *every child* of the
element.  ``<track>`` elements as the adapter writes them hold no ``<rate>``
of their own, only their items, so each time the
reader asks for the rate with the track on top of the stack -- twice per item
(``timebase`` and ``ntsc``) in ``item_and_timing_for_element`` -- it walks all
the items of the track and then goes on to ``<video>``/``<audio>``,
``<media>`` and ``<sequence>``.  Reading a track of *n* items therefore costs
about 2n² child visits: 7.0 million for the 1,854 clips of the benchmark's
one-track 2,000-item cut (42,000 with this module), which is 0.44 s of stock
reading against 0.28 s here; twice the items take the stock reader 2.7 times
as long.

Fix
---
:class:`FastFcp7Parser` subclasses the adapter's parser and gives it a context
(:class:`MemoContext`) that remembers, for the whole parse, the answer of
``element.find(path)`` for each element and path it has been asked.  The
parser never changes the tree, so a remembered answer is the answer ``find``
would give again; each element's children are walked at most once per path,
and reading becomes linear in the size of the file.  Nothing else changes: the
parser builds the same OTIO objects, with the same metadata, as the stock one
(``tests/test_fcp7_fast.py`` compares the two readings, serialised, on the
same files).

Writing
-------
The adapter's writer builds an ElementTree, serialises it, parses the text
again with ``minidom`` and pretty-prints it (about a third of its time:
0.37 s against 0.26 s for the one-track 2,000-item cut).
:func:`pretty_xml` prints the tree straight from ElementTree in exactly
``minidom``'s ``toprettyxml(indent="    ")`` layout (the bytes are compared in
the tests); it falls back to the stock route for trees it does not cover
(mixed content, tails, comments, or characters that the parse/print round
trip would change).  The writer's own functions build the tree.

Using it
--------
:func:`read_fcp7_string` and :func:`read_fcp7` read; :func:`fcp7_string` and
:func:`write_fcp7` write.  The adapter module is the one OpenTimelineIO loads
for ``fcp_xml`` (``otio.adapters.from_name("fcp_xml").module()``); this module
only borrows its classes and functions.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from types import ModuleType
from typing import Any, Optional
from xml.etree.ElementTree import Element

import opentimelineio as otio

__all__ = [
    "FastFcp7Parser",
    "MemoContext",
    "fcp7_string",
    "pretty_xml",
    "read_fcp7",
    "read_fcp7_string",
    "stock_module",
    "write_fcp7",
]


def stock_module() -> ModuleType:
    """The module object OpenTimelineIO runs for the ``fcp_xml`` adapter."""
    return otio.adapters.from_name("fcp_xml").module()


_stock = stock_module()
_MISSING = object()


class MemoContext(_stock._Context):
    """The adapter's inherited-value context, with ``find`` answers remembered for the whole parse.

    ``memo`` maps ``(element, path)`` to what ``element.find(path)`` gave;
    every context pushed from this one shares it.
    """

    def __init__(self, element: Optional[Element] = None, parent_elements: Optional[list] = None,
                 memo: Optional[dict] = None) -> None:
        super().__init__(element, parent_elements)
        self.memo: dict = {} if memo is None else memo

    def find(self, element: Element, path: str) -> Optional[Element]:
        """``element.find(path)``, computed once per element and path."""
        key = (element, path)
        found = self.memo.get(key, _MISSING)
        if found is _MISSING:
            found = self.memo[key] = element.find(path)
        return found

    def __getitem__(self, key: str) -> Element:
        for element in reversed(self.elements):
            found = self.find(element, key)
            if found is not None:
                return found
        raise KeyError(key)

    def context_pushing_element(self, element: Element) -> "MemoContext":
        for context_element in self.elements:
            if context_element is element:
                raise ValueError(f"element {element} already in context")
        return type(self)(element, self.elements, self.memo)


class FastFcp7Parser(_stock.FCP7XMLParser):
    """The adapter's ``FCP7XMLParser``, starting from a :class:`MemoContext` (see the module notes)."""

    def top_level_sequences(self) -> list:
        context = MemoContext()
        top = self._derefed_iterfind(self._etree, "./sequence")
        in_project_or_bin = self._derefed_iterfind(self._etree, ".//children/sequence")
        return [self.timeline_for_sequence(s, context) for gen in (top, in_project_or_bin) for s in gen]


def read_fcp7_string(text: str | bytes) -> Any:
    """FCP 7 XML text as the stock ``read_from_string`` gives it: a Timeline, or a collection of them."""
    tree = _stock.cElementTree.fromstring(text)
    sequences = FastFcp7Parser(tree).top_level_sequences()
    if len(sequences) == 1:
        return sequences[0]
    if sequences:
        return otio.schema.SerializableCollection(name="Sequences", children=sequences)
    raise ValueError("No top-level sequences found")


def read_fcp7(path: str | os.PathLike[str]) -> Any:
    """Read an FCP 7 XML file (as OTIO's ``read_from_file`` reads it: UTF-8 text)."""
    with open(path, encoding="utf-8") as handle:
        return read_fcp7_string(handle.read())


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------

# Characters the ElementTree -> expat -> minidom route would turn into others
# (carriage returns, and tabs and newlines in attributes), or refuse.
_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_UNSAFE_ATTRIBUTE = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff]")


def _data(text: str) -> str:
    """Text or attribute value escaped as ``minidom._write_data`` escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _printable(root: Element) -> bool:
    """Whether :func:`pretty_xml` prints ``root`` as minidom would (no mixed content, tails, odd characters)."""
    for element in root.iter():
        if not isinstance(element.tag, str) or "{" in element.tag or element.tail:
            return False
        text = element.text
        if text and (len(element) or _UNSAFE_TEXT.search(text)):
            return False
        for name, value in element.attrib.items():
            if not isinstance(value, str) or _UNSAFE_ATTRIBUTE.search(value) or _UNSAFE_ATTRIBUTE.search(name):
                return False
    return True


def pretty_xml(root: Element) -> str:
    """``root`` printed as the adapter prints it (``minidom.toprettyxml(indent="    ")`` of its serialisation)."""
    if not _printable(root):
        return _stock._make_pretty_string(root)
    out: list[str] = ['<?xml version="1.0" ?>\n']
    append = out.append

    def write(element: Element, indent: str) -> None:
        append(indent + "<" + element.tag)
        for name, value in element.attrib.items():
            append(f' {name}="{_data(value)}"')
        text = element.text
        if len(element):
            append(">\n")
            deeper = indent + "    "
            for child in element:
                write(child, deeper)
            append(f"{indent}</{element.tag}>\n")
        elif text:
            append(f">{_data(text)}</{element.tag}>\n")
        else:
            append("/>\n")

    write(root, "")
    return "".join(out)


def fcp7_string(timeline: Any) -> str:
    """``timeline`` (a Timeline or a SerializableCollection) as FCP 7 XML, the stock writer's text."""
    module = _stock
    tree = module.cElementTree.Element("xmeml", version="4")
    project = module._append_new_sub_element(tree, "project")
    module._append_new_sub_element(project, "name", text=timeline.name)
    children = module._append_new_sub_element(project, "children")
    br_map = module.collections.defaultdict(dict)
    if isinstance(timeline, otio.schema.Timeline):
        # The sequence's length in its own frames: OTIO adds a track's clips in the rate of its first one, so a
        # cut opening on a 29.97 clip would otherwise say its 25 fps length in 29.97 frames.
        rate = timeline.global_start_time.rate if timeline.global_start_time is not None else None
        duration = timeline.duration()
        if rate and duration.rate != rate:
            duration = otio.opentime.RationalTime(round(duration.value_rescaled_to(rate)), rate)
        whole = otio.opentime.TimeRange(start_time=timeline.global_start_time, duration=duration)
        children.append(module._build_sequence_for_timeline(timeline, whole, br_map))
    elif isinstance(timeline, otio.schema.SerializableCollection):
        children.extend(module._build_collection(timeline, br_map))
    return pretty_xml(tree)


def write_fcp7(timeline: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``timeline`` to ``path`` as FCP 7 XML (UTF-8, as OTIO writes it)."""
    text = fcp7_string(timeline)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(path)

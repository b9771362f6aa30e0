"""Transcripts and translations: reading files, aligning languages, storing and editing lines.

The modules, from the file on disk to the catalogue:

``encoding``
    ``decode_text(data, path)``: bytes of a subtitle or transcript file to text, with the
    encoding it was written in (UTF-8/16/32 with or without BOM, GB18030/GBK, Big5, ...).
``readers``
    ``read_file(path)``: .srt .vtt .ass/.ssa .txt .docx to ``RawSegment`` rows (times in ms,
    speaker, text, bracketed notes apart) plus the problems found, each with its line number.
``align``
    ``align(transcript, translation)``: pair a translation's lines with the transcript's, by time
    overlap when both are timed, else by order; lines that cannot be paired are reported.
``store``
    ``import_transcript``, ``transcript_json``, ``segments_page`` and the line edits (tag, edit,
    split, merge), each one transaction.
``roundtrip``
    ``export_pack`` / ``import_sheet``: the translator's pack (media, SRTs, glossary, sheet) and
    merging the translated sheet back with conflicts reported.

Nothing here imports Qt; the package itself imports nothing, so importing one module does not
pull in the others.
"""

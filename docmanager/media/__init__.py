"""Media files: what they are and how to make or convert them.

* :mod:`docmanager.media.probe` — :func:`~docmanager.media.probe.probe` reads a
  file with MediaInfo into a :class:`~docmanager.media.probe.MediaInfo` record.
* :mod:`docmanager.media.ffmpeg` — runs the bundled ffmpeg with progress,
  cancel and errors that name the file.
* :mod:`docmanager.media.generate` — makes real clips (demo project, tests),
  with frame numbers a test can read back.

Submodules are imported explicitly; importing this package loads nothing else.
"""

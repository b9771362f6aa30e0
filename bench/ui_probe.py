"""The app side of bench_catalogue.py: a fresh process that opens the main window.

    ui_probe.py PROJECT SPAWN_TIME RUNS

Prints one JSON line: seconds from SPAWN_TIME (the parent's clock just before
it started this process) to the first rows painted, the filter-change times
measured in the window, rows fetched, and peak RSS.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    project_dir, spawned, runs = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    from ui.app import build_window, create_application
    from ui.settings import AppSettings

    app = create_application([sys.argv[0]])
    settings = AppSettings()
    window = build_window(app, settings, demo_dir=project_dir.parent / "no-demo")
    window.resize(1400, 850)
    window.show()
    if not window.open_project(project_dir):
        raise SystemExit("could not open the project")
    table = window.browser.table
    app.processEvents()  # the pending paint: the first screen of rows is fetched and drawn here
    first_rows = time.time() - spawned
    model = window.clip_model
    assert model.rowCount() > 0
    fetched = model.fetched_rows
    assert fetched > 0, "the first screen was not painted"

    from docmanager.catalogue.clips import ClipQuery

    with window.project.session() as s:
        subjects = [r[0] for r in s.connection().exec_driver_sql("SELECT name FROM subjects LIMIT 30")]
    words = ["Taiyuan", "MTS", "刘", "interview", "Beijing", "00123", "police", "静军"]
    tags = ["police", "DNA database", "interview", "reward", "b-roll", "night"]
    kinds = {
        "subject": lambda i: ClipQuery(subject=subjects[i % len(subjects)]),
        "tag": lambda i: ClipQuery(tag=tags[i % len(tags)]),
        "text": lambda i: ClipQuery(text=words[i % len(words)]),
    }
    filters: dict[str, list[float]] = {k: [] for k in kinds}
    for i in range(runs):
        for name, make in kinds.items():
            t = time.perf_counter()
            model.set_query(make(i))
            app.processEvents()  # the view's repaint, fetching the first page of the new rows
            filters[name].append(time.perf_counter() - t)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    window.close()
    print(json.dumps({"first_rows_s": first_rows, "filters": filters, "rows_fetched": fetched,
                      "peak_rss_mb": peak_kb / 1024}))


if __name__ == "__main__":
    main()

"""The jobs seam: throttled progress, cancellation, reports."""
from docmanager.jobs import CancelToken, Cancelled, Progress, Report

import pytest


def test_progress_is_throttled_but_always_reports_the_end():
    calls = []
    t = [0.0]
    p = Progress(lambda d, tot, m: calls.append(d), rate=10, clock=lambda: t[0])
    for i in range(100):
        t[0] = i * 0.01  # 100 calls over one second
        p(i, 100)
    p(100, 100)
    assert 9 <= len(calls) <= 12
    assert calls[-1] == 100


def test_cancel_token():
    tok = CancelToken()
    assert not tok() and not tok.is_set()
    tok.raise_if_cancelled()
    tok.cancel()
    assert tok()
    with pytest.raises(Cancelled):
        tok.raise_if_cancelled()


def test_report_exit_status_and_json():
    r = Report("ingest")
    r.done.append(1)
    assert r.ok and r.exit_status == 0
    r.fail(b"/card/\xb2\xc9.MTS", "truncated")
    assert r.exit_status == 1
    j = r.failed[0].to_json()
    assert j["reason"] == "truncated" and j["path_bytes_hex"] == b"/card/\xb2\xc9.MTS".hex()
    assert "1 failed" in r.summary()

"""The core never imports Qt (DESIGN.md rule 1)."""
import subprocess
import sys


def test_core_imports_load_no_pyside6():
    code = (
        "import sys\n"
        "import docmanager.cli, docmanager.project, docmanager.backup, docmanager.jobs\n"
        "import docmanager.catalogue.clips, docmanager.catalogue.people, docmanager.catalogue.register\n"
        "import pkgutil, importlib, docmanager\n"
        "for m in pkgutil.walk_packages(docmanager.__path__, 'docmanager.'):\n"
        "    if '.migrations' not in m.name and m.name != 'docmanager.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the core loaded Qt modules: {out.stdout}"


def test_cli_runs_without_qt():
    code = ("import sys, docmanager.cli\n"
            "try:\n    docmanager.cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"

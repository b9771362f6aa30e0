"""DocManager: ``python main.py`` opens the app; ``python main.py COMMAND ...`` runs the CLI."""
import sys


def main() -> int:
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-psn"):
        # Any argument means the command line (including --help and --version).
        if sys.argv[1] not in ("--open",):
            from docmanager.cli import main as cli_main

            return cli_main(sys.argv[1:])
    from ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())

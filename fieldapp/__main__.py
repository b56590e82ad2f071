"""``python -m fieldapp`` runs the command-line interface (the GUI by default)."""

from fieldapp.cli import main

if __name__ == "__main__":
    main()

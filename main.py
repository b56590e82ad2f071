"""Entry point: ``python main.py [command]`` (no command opens the GUI)."""

from fieldapp.cli import main

if __name__ == "__main__":
    main()

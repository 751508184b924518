"""`python cli.py …` works like the installed `jixiao` command."""
from engine.cli.app import main

if __name__ == "__main__":
    main()

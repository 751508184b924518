"""The command line: thin click commands over the pipeline (engine/pipeline.py) and the core."""


def main(argv=None):
    """The `jixiao` entry point (imported lazily: command modules import engine.cli.options)."""
    from engine.cli.app import main as run
    return run(argv)

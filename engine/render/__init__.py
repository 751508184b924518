"""Step 6: turn a result into what a person or a program reads.

formats/ is the one registry of output formats (every command asks it); md.py and plain.py write
Markdown and plain text for every output; the other modules render one kind of result."""

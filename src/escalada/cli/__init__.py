"""Command-line shell: parses arguments, calls the library, formats output."""

"""Render a briefing HTML file to PNG with headless Chromium.

    python scripts/screenshot_brief.py brief.html brief.png [--width 1280 --height 2000]

Uses ``$CHROMIUM`` or the first of chromium / chromium-browser / google-chrome on PATH (Debian:
``apt-get install -y chromium``). The page is self-contained, and Chromium runs with a throwaway
profile and background networking off, so nothing is fetched. Exit code 3: no Chromium.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_BROWSER = 3


def find_chromium() -> str | None:
    """The Chromium executable to use, or None."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if shutil.which(configured) else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def screenshot(html: Path, png: Path, *, width: int = 1280, height: int = 2000,
               chromium: str | None = None, timeout: float = 60.0) -> Path:
    """Render ``html`` into ``png``; raises ``FileNotFoundError`` without Chromium and
    ``RuntimeError`` when Chromium fails or writes nothing."""
    browser = chromium or find_chromium()
    if browser is None:
        raise FileNotFoundError("no Chromium found (install it or set $CHROMIUM)")
    png = png.resolve()
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="escalada-chromium-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", "--no-first-run", "--hide-scrollbars",
                   f"--user-data-dir={profile}", f"--screenshot={png}",
                   f"--window-size={width},{height}", html.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False)
    if done.returncode != 0 or not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path, nargs="?", default=Path("brief.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args(argv)
    try:
        out = screenshot(args.html, args.png, width=args.width, height=args.height)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return NO_BROWSER
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``escalada watch``: poll feeds, ingest new items, deliver alerts (see :mod:`escalada.watch`).
"""

from __future__ import annotations

import signal
import sys
from typing import Annotated

import typer

__all__ = ["register", "watch"]


def watch(
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="RSS/Atom feed URL to poll; may repeat")] = None,
    feeds_file: Annotated[str | None, typer.Option(
        "--feeds-file", help="File of feed URLs, one per line (# comments)")] = None,
    interval: Annotated[float, typer.Option(
        "--interval", min=0.05, help="Seconds between polls of a feed")] = 60.0,
    db: Annotated[str | None, typer.Option(
        "--db", help="Store URL or SQLite path (default $ESCALADA_DB or escalada.sqlite)")
    ] = None,
    webhook: Annotated[list[str] | None, typer.Option(
        "--webhook", help="POST each alert (JSON) to this URL; may repeat")] = None,
    webhook_secret: Annotated[str | None, typer.Option(
        "--webhook-secret", envvar="ESCALADA_WEBHOOK_SECRET",
        help="Sign webhook bodies: X-Escalada-Signature: sha256=<HMAC>")] = None,
    smtp: Annotated[str | None, typer.Option(
        "--smtp", help="SMTP server: smtp://[user:pass@]host[:port][?starttls=1&from=ADDR]")
    ] = None,
    mail_to: Annotated[list[str] | None, typer.Option(
        "--mail-to", help="E-mail each alert to this address (needs --smtp); may repeat")
    ] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow polling loopback/private addresses")] = False,
    once: Annotated[bool, typer.Option(
        "--once", help="One pass (poll every feed once, deliver once) for cron")] = False,
    status: Annotated[bool, typer.Option(
        "--status", help="Show the feeds and the outbox, then exit")] = False,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Use the rule coder without the learned classifier")] = False,
    retry_base: Annotated[float, typer.Option(
        "--retry-base", min=0.01, help="First delivery retry after this many seconds")] = 1.0,
    retry_max: Annotated[float, typer.Option(
        "--retry-max", min=0.01, help="Longest wait between delivery retries")] = 60.0,
) -> None:
    """Watch feeds: conditional polls, new items only, alerts to webhooks and e-mail."""
    from escalada.errors import EscaladaError
    from escalada.settings import load_settings
    from escalada.store import open_store
    from escalada.watch import (
        JsonLog,
        RetryPolicy,
        SmtpConfig,
        WatchConfig,
        Watcher,
        status_lines,
    )
    from escalada.watch.watcher import feeds_of

    try:
        session_factory = open_store(db, create=not status)
        if status:
            for line in status_lines(session_factory):
                typer.echo(line)
            return
        urls = feeds_of(feed, feeds_file)
        if not urls:
            raise typer.BadParameter("give at least one --feed or --feeds-file")
        for url in webhook or []:
            if not url.startswith(("http://", "https://")):
                raise typer.BadParameter(f"--webhook {url!r} is not an http(s) URL")
        if mail_to and not smtp:
            raise typer.BadParameter("--mail-to needs --smtp")
        try:
            smtp_config = SmtpConfig.parse(smtp) if smtp else None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
        settings = load_settings().with_overrides(
            allow_private_addresses=allow_private or None,
            use_learned_model=False if rules_only else None)
        log = JsonLog()
        from escalada.pipeline import EventCoder

        coder = EventCoder(settings, rules_only=rules_only)
        config = WatchConfig(feeds=urls, interval=interval, webhooks=list(webhook or []),
                             mail_to=list(mail_to or []), smtp=smtp_config,
                             secret=webhook_secret, once=once,
                             retry=RetryPolicy(base=retry_base, cap=max(retry_base, retry_max)))
        watcher = Watcher(config, session_factory=session_factory, settings=settings,
                          coder=coder, log=log)
        signal.signal(signal.SIGTERM, watcher.stop)
        signal.signal(signal.SIGINT, watcher.stop)
        watcher.run()
    except EscaladaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from exc


def register(app: typer.Typer) -> None:
    """Add ``watch`` to the ``escalada`` app."""
    app.command("watch")(watch)

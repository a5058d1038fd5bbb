"""Watch: feed polling state, recorded alerts, the delivery outbox and the watcher's state.

Models in :mod:`escalada.store.watch_schema`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 14:32:09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_alerts",
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("dyad", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(length=128), nullable=False),
        sa.Column("change", sa.Float(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("idempotency_key", name=op.f("pk_watch_alerts")),
    )
    for column in ("created_at", "date", "dyad", "id"):
        op.create_index(op.f(f"ix_watch_alerts_{column}"), "watch_alerts", [column],
                        unique=False)

    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("etag", sa.String(length=1024), nullable=True),
        sa.Column("last_modified", sa.String(length=128), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("not_modified", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False),
        sa.Column("items_last", sa.Integer(), nullable=False),
        sa.Column("items_new", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watch_feeds")),
    )
    op.create_table(
        "watch_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_watch_state")),
    )
    op.create_table(
        "watch_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_key", sa.String(length=64), nullable=False),
        sa.Column("destination", sa.String(length=2048), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["alert_key"], ["watch_alerts.idempotency_key"],
                                name=op.f("fk_watch_outbox_alert_key_watch_alerts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_outbox")),
        sa.UniqueConstraint("alert_key", "destination",
                            name=op.f("uq_watch_outbox_alert_key_destination")),
    )
    op.create_index("ix_watch_outbox_destination_status", "watch_outbox",
                    ["destination", "status"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_watch_outbox_destination_status", table_name="watch_outbox")
    op.drop_table("watch_outbox")
    op.drop_table("watch_state")
    op.drop_table("watch_feeds")
    for column in ("id", "dyad", "date", "created_at"):
        op.drop_index(op.f(f"ix_watch_alerts_{column}"), table_name="watch_alerts")
    op.drop_table("watch_alerts")

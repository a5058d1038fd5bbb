"""Signals: dated flight/sanctions/NOTAM records and their links to fused events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signals",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("fir", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("key", sa.String(length=512), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signals")),
    )
    op.create_index(op.f("ix_signals_kind"), "signals", ["kind"], unique=False)
    op.create_index(op.f("ix_signals_date"), "signals", ["date"], unique=False)
    op.create_index(op.f("ix_signals_fir"), "signals", ["fir"], unique=False)
    op.create_index(op.f("ix_signals_country"), "signals", ["country"], unique=False)

    op.create_table(
        "signal_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fused_id", sa.String(length=64), nullable=False),
        sa.Column("signal_id", sa.String(length=64), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["fused_id"],
            ["fused_events.id"],
            name=op.f("fk_signal_links_fused_id_fused_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signal_id"],
            ["signals.id"],
            name=op.f("fk_signal_links_signal_id_signals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signal_links")),
        sa.UniqueConstraint(
            "fused_id",
            "signal_id",
            "relation",
            name=op.f("uq_signal_links_fused_id_signal_id_relation"),
        ),
    )
    op.create_index(op.f("ix_signal_links_fused_id"), "signal_links", ["fused_id"], unique=False)
    op.create_index(
        op.f("ix_signal_links_signal_id"), "signal_links", ["signal_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_signal_links_signal_id"), table_name="signal_links")
    op.drop_index(op.f("ix_signal_links_fused_id"), table_name="signal_links")
    op.drop_table("signal_links")
    op.drop_index(op.f("ix_signals_country"), table_name="signals")
    op.drop_index(op.f("ix_signals_fir"), table_name="signals")
    op.drop_index(op.f("ix_signals_date"), table_name="signals")
    op.drop_index(op.f("ix_signals_kind"), table_name="signals")
    op.drop_table("signals")

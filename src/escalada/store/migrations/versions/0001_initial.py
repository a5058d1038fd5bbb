"""Initial schema: documents, event mentions, fused events, sources, contradictions,
actors and ingest runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 13:39:40.736531
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("key", sa.String(length=512), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=64), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_actors")),
    )
    op.create_index(op.f("ix_actors_country"), "actors", ["country"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical_url", sa.String(length=2048), nullable=True),
        sa.Column("outlet", sa.String(length=512), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=512), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("removed_lines", sa.Integer(), nullable=False),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["documents.id"],
            name=op.f("fk_documents_duplicate_of_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("canonical_url", name=op.f("uq_documents_canonical_url")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    )
    op.create_index(op.f("ix_documents_outlet"), "documents", ["outlet"], unique=False)
    op.create_index(op.f("ix_documents_published"), "documents", ["published"], unique=False)

    op.create_table(
        "fused_events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.JSON(), nullable=False),
        sa.Column("recipient", sa.JSON(), nullable=False),
        sa.Column("actor_country", sa.String(length=8), nullable=True),
        sa.Column("recipient_country", sa.String(length=8), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=False),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("aux", sa.JSON(), nullable=False),
        sa.Column("certainty", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("coder_version", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fused_events")),
    )
    op.create_index(
        op.f("ix_fused_events_actor_country"), "fused_events", ["actor_country"], unique=False
    )
    op.create_index(op.f("ix_fused_events_date"), "fused_events", ["date"], unique=False)
    op.create_index(
        "ix_fused_events_dyad_date",
        "fused_events",
        ["actor_country", "recipient_country", "date"],
        unique=False,
    )
    op.create_index(
        op.f("ix_fused_events_event_type"), "fused_events", ["event_type"], unique=False
    )
    op.create_index(op.f("ix_fused_events_n_sources"), "fused_events", ["n_sources"], unique=False)
    op.create_index(
        op.f("ix_fused_events_recipient_country"),
        "fused_events",
        ["recipient_country"],
        unique=False,
    )

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("coder_version", sa.String(length=512), nullable=True),
        sa.Column("new_documents", sa.Integer(), nullable=False),
        sa.Column("already_stored", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.JSON(), nullable=False),
        sa.Column("last_source", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "contradictions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fused_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("claim_a", sa.Text(), nullable=False),
        sa.Column("source_a", sa.String(length=64), nullable=False),
        sa.Column("claim_b", sa.Text(), nullable=False),
        sa.Column("source_b", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["fused_id"],
            ["fused_events.id"],
            name=op.f("fk_contradictions_fused_id_fused_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contradictions")),
    )
    op.create_index(
        op.f("ix_contradictions_fused_id"), "contradictions", ["fused_id"], unique=False
    )

    op.create_table(
        "event_mentions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("aux", sa.JSON(), nullable=False),
        sa.Column("actor", sa.JSON(), nullable=False),
        sa.Column("recipient", sa.JSON(), nullable=False),
        sa.Column("actor_country", sa.String(length=8), nullable=True),
        sa.Column("recipient_country", sa.String(length=8), nullable=True),
        sa.Column("actor_party", sa.String(length=32), nullable=True),
        sa.Column("recipient_party", sa.String(length=32), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=False),
        sa.Column("date_inferred", sa.Boolean(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("certainty", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("source_title", sa.Text(), nullable=True),
        sa.Column("source_outlet", sa.String(length=512), nullable=True),
        sa.Column("source_url", sa.String(length=2048), nullable=True),
        sa.Column("coder_version", sa.String(length=512), nullable=False),
        sa.Column("fused_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["doc_id"],
            ["documents.id"],
            name=op.f("fk_event_mentions_doc_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fused_id"],
            ["fused_events.id"],
            name=op.f("fk_event_mentions_fused_id_fused_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_mentions")),
    )
    op.create_index(
        op.f("ix_event_mentions_actor_country"), "event_mentions", ["actor_country"], unique=False
    )
    op.create_index(op.f("ix_event_mentions_date"), "event_mentions", ["date"], unique=False)
    op.create_index(op.f("ix_event_mentions_doc_id"), "event_mentions", ["doc_id"], unique=False)
    op.create_index(
        "ix_event_mentions_dyad_date",
        "event_mentions",
        ["actor_country", "recipient_country", "date"],
        unique=False,
    )
    op.create_index(
        "ix_event_mentions_parties",
        "event_mentions",
        ["actor_party", "recipient_party", "date"],
        unique=False,
    )
    op.create_index(
        "ix_event_mentions_recipient_party",
        "event_mentions",
        ["recipient_party", "date"],
        unique=False,
    )
    op.create_index(
        op.f("ix_event_mentions_event_type"), "event_mentions", ["event_type"], unique=False
    )
    op.create_index(
        op.f("ix_event_mentions_fused_id"), "event_mentions", ["fused_id"], unique=False
    )
    op.create_index(
        op.f("ix_event_mentions_recipient_country"),
        "event_mentions",
        ["recipient_country"],
        unique=False,
    )

    op.create_table(
        "fused_event_sources",
        sa.Column("fused_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=512), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["doc_id"],
            ["documents.id"],
            name=op.f("fk_fused_event_sources_doc_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fused_id"],
            ["fused_events.id"],
            name=op.f("fk_fused_event_sources_fused_id_fused_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fused_id", "doc_id", name=op.f("pk_fused_event_sources")),
    )
    op.create_index(
        op.f("ix_fused_event_sources_doc_id"), "fused_event_sources", ["doc_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_fused_event_sources_doc_id"), table_name="fused_event_sources")

    op.drop_table("fused_event_sources")
    op.drop_index(op.f("ix_event_mentions_recipient_country"), table_name="event_mentions")
    op.drop_index(op.f("ix_event_mentions_fused_id"), table_name="event_mentions")
    op.drop_index(op.f("ix_event_mentions_event_type"), table_name="event_mentions")
    op.drop_index("ix_event_mentions_recipient_party", table_name="event_mentions")
    op.drop_index("ix_event_mentions_parties", table_name="event_mentions")
    op.drop_index("ix_event_mentions_dyad_date", table_name="event_mentions")
    op.drop_index(op.f("ix_event_mentions_doc_id"), table_name="event_mentions")
    op.drop_index(op.f("ix_event_mentions_date"), table_name="event_mentions")
    op.drop_index(op.f("ix_event_mentions_actor_country"), table_name="event_mentions")

    op.drop_table("event_mentions")
    op.drop_index(op.f("ix_contradictions_fused_id"), table_name="contradictions")

    op.drop_table("contradictions")
    op.drop_table("ingest_runs")
    op.drop_index(op.f("ix_fused_events_recipient_country"), table_name="fused_events")
    op.drop_index(op.f("ix_fused_events_n_sources"), table_name="fused_events")
    op.drop_index(op.f("ix_fused_events_event_type"), table_name="fused_events")
    op.drop_index("ix_fused_events_dyad_date", table_name="fused_events")
    op.drop_index(op.f("ix_fused_events_date"), table_name="fused_events")
    op.drop_index(op.f("ix_fused_events_actor_country"), table_name="fused_events")

    op.drop_table("fused_events")
    op.drop_index(op.f("ix_documents_published"), table_name="documents")
    op.drop_index(op.f("ix_documents_outlet"), table_name="documents")

    op.drop_table("documents")
    op.drop_index(op.f("ix_actors_country"), table_name="actors")

    op.drop_table("actors")

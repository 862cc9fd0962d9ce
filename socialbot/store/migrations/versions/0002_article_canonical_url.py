"""articles.canonical_url: deduplicate by canonical URL across sources

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("canonical_url", sa.String(2000), nullable=False,
                                   server_default=""))
        batch.create_index("ix_articles_canonical_url", ["canonical_url"])
    # Rows stored before this revision: their URL is the best canonical form we have.
    op.execute("UPDATE articles SET canonical_url = url WHERE canonical_url = ''")


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_canonical_url")
        batch.drop_column("canonical_url")

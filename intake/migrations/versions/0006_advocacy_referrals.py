"""warm advocacy referrals: one row per case that asked for an advocate

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'advocacy_referrals',
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('event_id', sa.String(length=36), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('route', sa.String(length=20), nullable=False),
        sa.Column('contact_by', sa.Date(), nullable=False),
        sa.Column('contact_method', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['outbox_events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('case_id'),
        sa.UniqueConstraint('event_id'),
    )


def downgrade():
    op.drop_table('advocacy_referrals')

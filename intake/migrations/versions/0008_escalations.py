"""escalations on the same case: its stage, the request and its clocks; stage 1 dates
optional (a request for stage 2 or 3 that came without its earlier case has none)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 23:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('stage1_due', existing_type=sa.Date(), nullable=True)
        batch_op.alter_column('stage1_extended_due', existing_type=sa.Date(), nullable=True)
        batch_op.add_column(sa.Column('stage', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('escalation_requested_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('escalation_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('escalation_extended_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('escalation_late', sa.Boolean(),
                                      server_default=sa.text('false'), nullable=False))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('escalation_late')
        batch_op.drop_column('escalation_extended_due')
        batch_op.drop_column('escalation_due')
        batch_op.drop_column('escalation_requested_at')
        batch_op.drop_column('stage')
        batch_op.alter_column('stage1_extended_due', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('stage1_due', existing_type=sa.Date(), nullable=False)

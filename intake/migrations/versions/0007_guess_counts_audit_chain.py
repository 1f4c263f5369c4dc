"""atomic guess budgets, server-side staff sessions, and the audit log's hash chain

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 23:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

from intake.accounts import chain, immutability


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'guess_counts',
        sa.Column('scope', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=128), nullable=False),
        sa.Column('hour', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('scope', 'key', 'hour'),
    )
    op.create_table(
        'staff_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash'),
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_sessions_started_at'), ['started_at'],
                              unique=False)
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')  # replaced by staff_sessions
    conn = op.get_bind()
    immutability.unprotect(conn)  # the owner chains the entries written before this version
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain', sa.String(length=64), nullable=True))
    rows = conn.execute(sa.text(
        "SELECT id, at, staff_id, action, case_id, detail FROM audit_entries ORDER BY id")).all()
    previous = None
    for row in rows:
        previous = chain.link(previous, row.at, row.staff_id, row.action, row.case_id, row.detail)
        conn.execute(sa.text("UPDATE audit_entries SET chain = :chain WHERE id = :id"),
                     {"chain": previous, "id": row.id})
    immutability.protect(conn)


def downgrade():
    conn = op.get_bind()
    immutability.unprotect(conn)
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_column('chain')
    immutability.protect(conn)
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), nullable=False,
                                      server_default='0'))
    op.drop_table('staff_sessions')
    op.drop_table('guess_counts')

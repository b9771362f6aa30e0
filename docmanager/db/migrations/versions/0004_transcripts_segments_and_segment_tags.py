"""Transcripts and translations: segments with times, speakers, notes and tags.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('transcripts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clip_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('translation_of_id', sa.Integer(), nullable=True),
    sa.Column('source_name', sa.Text(), nullable=True),
    sa.Column('source_format', sa.String(length=10), nullable=True),
    sa.Column('encoding', sa.String(length=40), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('transcript', 'translation')", name=op.f('ck_transcripts_kind')),
    sa.ForeignKeyConstraint(['clip_id'], ['clips.id'], name=op.f('fk_transcripts_clip_id_clips'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translation_of_id'], ['transcripts.id'], name=op.f('fk_transcripts_translation_of_id_transcripts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transcripts')),
    sa.UniqueConstraint('clip_id', 'lang', name='uq_transcripts_clip_lang')
    )
    with op.batch_alter_table('transcripts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transcripts_clip_id'), ['clip_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transcripts_translation_of_id'), ['translation_of_id'], unique=False)

    op.create_table('segments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transcript_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start_ms', sa.Integer(), nullable=True),
    sa.Column('end_ms', sa.Integer(), nullable=True),
    sa.Column('speaker', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('translates_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['transcript_id'], ['transcripts.id'], name=op.f('fk_segments_transcript_id_transcripts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translates_id'], ['segments.id'], name=op.f('fk_segments_translates_id_segments'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segments'))
    )
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.create_index('ix_segments_transcript_position', ['transcript_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_segments_translates_id'), ['translates_id'], unique=False)

    op.create_table('segment_tags',
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['segment_id'], ['segments.id'], name=op.f('fk_segment_tags_segment_id_segments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_segment_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('segment_id', 'tag_id', name=op.f('pk_segment_tags'))
    )
    with op.batch_alter_table('segment_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segment_tags_tag_id'), ['tag_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('segment_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segment_tags_tag_id'))

    op.drop_table('segment_tags')
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segments_translates_id'))
        batch_op.drop_index('ix_segments_transcript_position')

    op.drop_table('segments')
    with op.batch_alter_table('transcripts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transcripts_translation_of_id'))
        batch_op.drop_index(batch_op.f('ix_transcripts_clip_id'))

    op.drop_table('transcripts')

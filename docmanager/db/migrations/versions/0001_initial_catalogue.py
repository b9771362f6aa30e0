"""Initial catalogue: volumes, files, clips, subjects, shoots, tags, markers, subclips, smart bins.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('shoots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('crew', sa.String(length=300), nullable=True),
    sa.Column('utc_offset', sa.String(length=6), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shoots')),
    sa.UniqueConstraint('name', name=op.f('uq_shoots_name'))
    )
    op.create_table('smart_bins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('query', sa.JSON(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_smart_bins')),
    sa.UniqueConstraint('name', name=op.f('uq_smart_bins_name'))
    )
    op.create_table('subjects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('pinyin', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subjects')),
    sa.UniqueConstraint('name', name=op.f('uq_subjects_name'))
    )
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('colour', sa.String(length=9), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('volumes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('serial', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.Column('mhl_path', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volumes'))
    )
    with op.batch_alter_table('volumes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volumes_fingerprint'), ['fingerprint'], unique=False)

    op.create_table('clips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('rate_num', sa.Integer(), nullable=False),
    sa.Column('rate_den', sa.Integer(), nullable=False),
    sa.Column('duration_frames', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('scan', sa.String(length=12), nullable=True),
    sa.Column('field_order', sa.String(length=3), nullable=True),
    sa.Column('video_codec', sa.String(length=40), nullable=True),
    sa.Column('audio_codec', sa.String(length=40), nullable=True),
    sa.Column('audio_channels', sa.Integer(), nullable=True),
    sa.Column('audio_rate', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.String(length=40), nullable=True),
    sa.Column('recorded_at_source', sa.String(length=20), nullable=True),
    sa.Column('camera_make', sa.String(length=100), nullable=True),
    sa.Column('camera_model', sa.String(length=100), nullable=True),
    sa.Column('timecode_start', sa.String(length=11), nullable=True),
    sa.Column('shoot_id', sa.Integer(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('poster_path', sa.Text(), nullable=True),
    sa.Column('proxy_path', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('rate_num > 0 AND rate_den > 0', name=op.f('ck_clips_rate')),
    sa.CheckConstraint('rating BETWEEN 0 AND 5', name=op.f('ck_clips_rating')),
    sa.ForeignKeyConstraint(['shoot_id'], ['shoots.id'], name=op.f('fk_clips_shoot_id_shoots'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clips'))
    )
    with op.batch_alter_table('clips', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clips_name'), ['name'], unique=False)
        batch_op.create_index('ix_clips_recorded_at', ['recorded_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_clips_shoot_id'), ['shoot_id'], unique=False)

    op.create_table('media_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('volume_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('path_bytes', sa.LargeBinary(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mtime', sa.DateTime(), nullable=True),
    sa.Column('xxh64', sa.String(length=16), nullable=True),
    sa.Column('quick_hash', sa.String(length=32), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("state IN ('online', 'offline', 'changed', 'corrupt')", name=op.f('ck_media_files_state')),
    sa.ForeignKeyConstraint(['volume_id'], ['volumes.id'], name=op.f('fk_media_files_volume_id_volumes'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_files'))
    )
    with op.batch_alter_table('media_files', schema=None) as batch_op:
        batch_op.create_index('ix_media_files_size_quick', ['size', 'quick_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_files_volume_id'), ['volume_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_files_xxh64'), ['xxh64'], unique=False)

    op.create_table('clip_files',
    sa.Column('clip_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('media_file_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clip_id'], ['clips.id'], name=op.f('fk_clip_files_clip_id_clips'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['media_file_id'], ['media_files.id'], name=op.f('fk_clip_files_media_file_id_media_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('clip_id', 'position', name=op.f('pk_clip_files'))
    )
    with op.batch_alter_table('clip_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clip_files_media_file_id'), ['media_file_id'], unique=False)

    op.create_table('clip_subjects',
    sa.Column('clip_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clip_id'], ['clips.id'], name=op.f('fk_clip_subjects_clip_id_clips'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_clip_subjects_subject_id_subjects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('clip_id', 'subject_id', name=op.f('pk_clip_subjects'))
    )
    with op.batch_alter_table('clip_subjects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clip_subjects_subject_id'), ['subject_id'], unique=False)

    op.create_table('clip_tags',
    sa.Column('clip_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clip_id'], ['clips.id'], name=op.f('fk_clip_tags_clip_id_clips'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_clip_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('clip_id', 'tag_id', name=op.f('pk_clip_tags'))
    )
    with op.batch_alter_table('clip_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clip_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('markers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clip_id', sa.Integer(), nullable=False),
    sa.Column('frame', sa.Integer(), nullable=False),
    sa.Column('duration_frames', sa.Integer(), nullable=False),
    sa.Column('colour', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('frame >= 0 AND duration_frames >= 0', name=op.f('ck_markers_range')),
    sa.ForeignKeyConstraint(['clip_id'], ['clips.id'], name=op.f('fk_markers_clip_id_clips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_markers'))
    )
    with op.batch_alter_table('markers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_markers_clip_id'), ['clip_id'], unique=False)

    op.create_table('subclips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clip_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('in_frame', sa.Integer(), nullable=False),
    sa.Column('out_frame', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('in_frame >= 0 AND out_frame > in_frame', name=op.f('ck_subclips_range')),
    sa.ForeignKeyConstraint(['clip_id'], ['clips.id'], name=op.f('fk_subclips_clip_id_clips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subclips'))
    )
    with op.batch_alter_table('subclips', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subclips_clip_id'), ['clip_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('subclips', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subclips_clip_id'))

    op.drop_table('subclips')
    with op.batch_alter_table('markers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_markers_clip_id'))

    op.drop_table('markers')
    with op.batch_alter_table('clip_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clip_tags_tag_id'))

    op.drop_table('clip_tags')
    with op.batch_alter_table('clip_subjects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clip_subjects_subject_id'))

    op.drop_table('clip_subjects')
    with op.batch_alter_table('clip_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clip_files_media_file_id'))

    op.drop_table('clip_files')
    with op.batch_alter_table('media_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_files_xxh64'))
        batch_op.drop_index(batch_op.f('ix_media_files_volume_id'))
        batch_op.drop_index('ix_media_files_size_quick')

    op.drop_table('media_files')
    with op.batch_alter_table('clips', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clips_shoot_id'))
        batch_op.drop_index('ix_clips_recorded_at')
        batch_op.drop_index(batch_op.f('ix_clips_name'))

    op.drop_table('clips')
    with op.batch_alter_table('volumes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volumes_fingerprint'))

    op.drop_table('volumes')
    op.drop_table('tags')
    op.drop_table('subjects')
    op.drop_table('smart_bins')
    op.drop_table('shoots')
    op.drop_table('settings')

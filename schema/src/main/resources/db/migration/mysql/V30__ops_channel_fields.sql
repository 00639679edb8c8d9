-- Veloera's channel fields beyond the seed's channels table, editable through PUT /api/channel/ (issue 8):
-- tag (the tag routes), setting and param_override (JSON objects the relay applies), model_prefix.
ALTER TABLE channels ADD COLUMN tag VARCHAR(255) NULL COMMENT '标签';
ALTER TABLE channels ADD COLUMN setting TEXT NULL COMMENT '渠道设置JSON';
ALTER TABLE channels ADD COLUMN param_override TEXT NULL COMMENT '参数覆盖JSON';
ALTER TABLE channels ADD COLUMN model_prefix VARCHAR(64) NULL DEFAULT '';
CREATE INDEX idx_channels_tag ON channels (tag);

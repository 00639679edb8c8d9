-- Veloera's channel fields beyond the seed's channels table, editable through PUT /api/channel/ (issue 8):
-- tag (the tag routes), setting and param_override (JSON objects the relay applies), model_prefix.
ALTER TABLE channels ADD COLUMN tag VARCHAR(255);
ALTER TABLE channels ADD COLUMN setting TEXT;
ALTER TABLE channels ADD COLUMN param_override TEXT;
ALTER TABLE channels ADD COLUMN model_prefix VARCHAR(64) DEFAULT '';
CREATE INDEX idx_channels_tag ON channels (tag);
COMMENT ON COLUMN channels.tag IS '标签';
COMMENT ON COLUMN channels.setting IS '渠道设置JSON';
COMMENT ON COLUMN channels.param_override IS '参数覆盖JSON';

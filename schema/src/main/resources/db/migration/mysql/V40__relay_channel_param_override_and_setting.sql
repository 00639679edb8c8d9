-- Veloera's channel columns the relay reads and v0.4's schema lacks: param_override (JSON object merged into every
-- request body sent through the channel) and setting (JSON object of channel settings).
ALTER TABLE channels ADD COLUMN param_override TEXT;
ALTER TABLE channels ADD COLUMN setting TEXT;

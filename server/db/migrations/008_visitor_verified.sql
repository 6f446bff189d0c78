-- Whether the host app proved who this visitor is (IDENTITY_SECRET: userHash or a signed JWT).
-- Only a verified visitor's plan, account value and renewal date count for priority, tier
-- thresholds, SLA and renewal risk; `external_id` is set only for verified visitors, so a host
-- user id resumes history on another device only when it was proven.
ALTER TABLE visitors ADD COLUMN verified boolean NOT NULL DEFAULT false;

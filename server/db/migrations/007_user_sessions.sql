-- Sign-in state checked on every request and agent socket (server/auth/tokens.ts): a disabled
-- user is refused, and a token whose `ver` is not the stored token_version is refused. The
-- version goes up on a role or password change, on disable and on "sign out everywhere".
ALTER TABLE users ADD COLUMN disabled boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

-- Identity from the host (issue 16, Deliver 3). Inside Confluence a user's row is created and kept current from
-- SAL's profile on their calls; these columns hold what the host's groups say, next to what Cutplan says.

-- The role the host's groups gave this user at their last call (Confluence: system administrator or the configured
-- admin group = ADMIN, the configured pilot group = PILOT, else NORMAL); NULL for users the host never described
-- (every standalone user). The effective role is the higher of this and users.role.
ALTER TABLE users
    ADD COLUMN host_role text CHECK (host_role IS NULL OR host_role IN ('ADMIN', 'PILOT', 'NORMAL'));

-- A team whose membership follows a host group (Confluence group name); NULL = members are kept in Cutplan.
ALTER TABLE teams
    ADD COLUMN host_group text CHECK (host_group IS NULL OR length(host_group) BETWEEN 1 AND 255);
CREATE INDEX teams_by_host_group ON teams (host_group) WHERE host_group IS NOT NULL;

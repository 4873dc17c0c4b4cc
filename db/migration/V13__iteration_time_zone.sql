-- The time zone an iteration's e-mails show their times in (an IANA id such as Europe/Zurich, checked by the
-- service against the JVM's zone database). NULL: the host's zone (the standalone host's JVM default zone, the
-- Confluence node's JVM default zone). Every time is also shown with its UTC offset.
ALTER TABLE iterations
    ADD COLUMN time_zone text CHECK (time_zone IS NULL OR (length(time_zone) BETWEEN 1 AND 64 AND time_zone !~ '\s'));

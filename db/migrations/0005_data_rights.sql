-- Retention may redact the details of audit events about an unsuccessful bid (a draft's answers are
-- written into bid.section_saved events as typed), and nothing else: who did what, to which record
-- and when stay as they were, and the details can only become the fixed redaction marker.
DROP TRIGGER `audit_events_no_update`;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
WHEN NOT (
  NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_user_id IS OLD.actor_user_id AND NEW.action = OLD.action
  AND NEW.subject_type = OLD.subject_type AND NEW.subject_id = OLD.subject_id
  AND (NEW.`before` IS OLD.`before` OR NEW.`before` = '{"redacted":"retention"}')
  AND (NEW.`after` IS OLD.`after` OR NEW.`after` = '{"redacted":"retention"}')
)
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TABLE `assessment_scores` (
	`assessment_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`score` integer,
	`comment` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`assessment_id`, `criterion_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`criterion_id`) REFERENCES `round_criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bid_id` integer NOT NULL,
	`assessor_id` integer NOT NULL,
	`status` text NOT NULL,
	`assigned_by` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	`no_conflict_at` integer,
	`conflict_declared_at` integer,
	`conflict_note` text,
	`submitted_at` integer,
	`weighted_score` integer,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_bid_assessor` ON `assessments` (`bid_id`,`assessor_id`);--> statement-breakpoint
CREATE INDEX `assessments_assessor` ON `assessments` (`assessor_id`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`bid_id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`reason_code` text,
	`reason` text,
	`feedback` text,
	`decided_by` integer NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_round` ON `decisions` (`round_id`);--> statement-breakpoint
CREATE TABLE `eligibility_checks` (
	`bid_id` integer PRIMARY KEY NOT NULL,
	`eligible` integer NOT NULL,
	`reason` text,
	`decided_by` integer NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `moderations` (
	`bid_id` integer PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`reason` text NOT NULL,
	`moderated_by` integer NOT NULL,
	`moderated_at` integer NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`moderated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `round_assessment_settings` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`assessors_per_bid` integer DEFAULT 2 NOT NULL,
	`moderation_threshold` integer DEFAULT 20 NOT NULL,
	`decisions_released_at` integer,
	`released_by` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`released_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The round budget is a hard limit: whatever the application does, the database refuses a decision
-- that would make the amounts funded in a round exceed its budget.
CREATE TRIGGER `decisions_within_budget_insert` BEFORE INSERT ON `decisions`
WHEN (SELECT COALESCE(SUM(amount_pence), 0) FROM decisions WHERE round_id = NEW.round_id) + NEW.amount_pence > (SELECT budget_pence FROM rounds WHERE id = NEW.round_id)
BEGIN SELECT RAISE(ABORT, 'round budget exceeded'); END;
--> statement-breakpoint
CREATE TRIGGER `decisions_within_budget_update` BEFORE UPDATE ON `decisions`
WHEN (SELECT COALESCE(SUM(amount_pence), 0) FROM decisions WHERE round_id = NEW.round_id AND bid_id <> OLD.bid_id) + NEW.amount_pence > (SELECT budget_pence FROM rounds WHERE id = NEW.round_id)
BEGIN SELECT RAISE(ABORT, 'round budget exceeded'); END;

CREATE TABLE `award_acceptances` (
	`award_id` integer PRIMARY KEY NOT NULL,
	`accepted_by` integer NOT NULL,
	`signatory_name` text NOT NULL,
	`signatory_role` text NOT NULL,
	`accepted_on` text NOT NULL,
	`declarations` text NOT NULL,
	`accepted_at` integer NOT NULL,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `award_monitoring_dates` (
	`award_id` integer NOT NULL,
	`kind` text NOT NULL,
	`due_on` text NOT NULL,
	PRIMARY KEY(`award_id`, `kind`),
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bid_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`status` text NOT NULL,
	`conditions` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `awards_bid_id_unique` ON `awards` (`bid_id`);--> statement-breakpoint
CREATE TABLE `bank_details` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`award_id` integer NOT NULL,
	`account_name` text NOT NULL,
	`sort_code` text NOT NULL,
	`account_number` text NOT NULL,
	`submitted_by` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`needs_confirmation` integer NOT NULL,
	`confirmed_by` integer,
	`confirmed_at` integer,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bank_details_award` ON `bank_details` (`award_id`);--> statement-breakpoint
CREATE TABLE `csf_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fund_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`financial_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`spend_pence` integer NOT NULL,
	`spend_by_priority` text NOT NULL,
	`outcomes_summary` text NOT NULL,
	`submitted_by` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `csf_returns_quarter` ON `csf_returns` (`fund_id`,`district_id`,`financial_year`,`quarter`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`fund_id` integer NOT NULL,
	`financial_year` integer NOT NULL,
	`round_id` integer,
	`award_id` integer,
	`district_id` integer,
	`amount_pence` integer NOT NULL,
	`corrects_entry_id` integer,
	`reference` text,
	`note` text,
	`value_on` text,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_fund_year` ON `ledger_entries` (`fund_id`,`financial_year`);--> statement-breakpoint
CREATE INDEX `ledger_round` ON `ledger_entries` (`round_id`);--> statement-breakpoint
CREATE INDEX `ledger_award` ON `ledger_entries` (`award_id`);--> statement-breakpoint
CREATE TABLE `monitoring_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`award_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`beneficiaries_reached` integer NOT NULL,
	`story` text NOT NULL,
	`underspend_pence` integer NOT NULL,
	`submitted_by` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`review_note` text,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monitoring_returns_award` ON `monitoring_returns` (`award_id`);--> statement-breakpoint
CREATE TABLE `return_outcomes` (
	`return_id` integer NOT NULL,
	`bid_outcome_id` integer NOT NULL,
	`achieved` integer NOT NULL,
	PRIMARY KEY(`return_id`, `bid_outcome_id`),
	FOREIGN KEY (`return_id`) REFERENCES `monitoring_returns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bid_outcome_id`) REFERENCES `bid_outcomes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `return_spend` (
	`return_id` integer NOT NULL,
	`budget_line_id` integer NOT NULL,
	`spent_pence` integer NOT NULL,
	PRIMARY KEY(`return_id`, `budget_line_id`),
	FOREIGN KEY (`return_id`) REFERENCES `monitoring_returns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`budget_line_id`) REFERENCES `bid_budget_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `variations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`award_id` integer NOT NULL,
	`kind` text NOT NULL,
	`details` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_note` text,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `variations_award` ON `variations` (`award_id`);--> statement-breakpoint
-- The ledger is append-only: corrections are new entries that point at what they correct.
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
--> statement-breakpoint
-- Never pay an award more than it is worth: payments (net of corrections) may not exceed the award's commitments.
CREATE TRIGGER `ledger_no_overpayment` BEFORE INSERT ON `ledger_entries`
WHEN NEW.kind = 'payment' AND NEW.award_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount_pence), 0) FROM ledger_entries WHERE award_id = NEW.award_id AND kind = 'payment') + NEW.amount_pence >
  (SELECT COALESCE(SUM(CASE kind WHEN 'commitment' THEN amount_pence WHEN 'commitment_reduced' THEN -amount_pence ELSE 0 END), 0) FROM ledger_entries WHERE award_id = NEW.award_id)
BEGIN SELECT RAISE(ABORT, 'payment exceeds award'); END;

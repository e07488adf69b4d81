CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`bid_id` integer,
	`kind` text NOT NULL,
	`original_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_stored_name_unique` ON `attachments` (`stored_name`);--> statement-breakpoint
CREATE INDEX `attachments_bid` ON `attachments` (`bid_id`);--> statement-breakpoint
CREATE TABLE `bid_budget_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bid_id` integer NOT NULL,
	`item` text NOT NULL,
	`cost_pence` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bid_districts` (
	`bid_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	PRIMARY KEY(`bid_id`, `district_id`),
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bid_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bid_id` integer NOT NULL,
	`outcome_id` integer NOT NULL,
	`target` integer NOT NULL,
	`measure` text NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bid_priorities` (
	`bid_id` integer NOT NULL,
	`priority_id` integer NOT NULL,
	PRIMARY KEY(`bid_id`, `priority_id`),
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`priority_id`) REFERENCES `plan_priorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bid_tags` (
	`bid_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`bid_id`, `tag_id`),
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `reporting_tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bid_themes` (
	`bid_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`bid_id`, `theme_id`),
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `plan_themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`status` text NOT NULL,
	`answers` text NOT NULL,
	`submitted` text,
	`reference` text,
	`round_sequence` integer,
	`amount_requested_pence` integer,
	`project_title` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bids_reference_unique` ON `bids` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `bids_one_live_per_round` ON `bids` (`round_id`,`organisation_id`) WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE UNIQUE INDEX `bids_round_sequence` ON `bids` (`round_id`,`round_sequence`);--> statement-breakpoint
CREATE INDEX `bids_org` ON `bids` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `organisation_invitations` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`email` text NOT NULL,
	`invited_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organisation_profiles` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`charity_number` text,
	`company_number` text,
	`address_line_1` text NOT NULL,
	`address_line_2` text,
	`town` text NOT NULL,
	`postcode` text NOT NULL,
	`annual_income_pence` integer NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `register_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`register` text NOT NULL,
	`query` text NOT NULL,
	`checked_at` integer NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`flags` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `register_checks_org` ON `register_checks` (`organisation_id`,`register`,`checked_at`);
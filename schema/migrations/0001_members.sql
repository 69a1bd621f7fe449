CREATE TABLE `phone_codes` (
	`phone` text PRIMARY KEY NOT NULL,
	`code` text,
	`expires_at` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`failures_since` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_merges` (
	`absorbed_id` text PRIMARY KEY NOT NULL,
	`survivor_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`absorbed_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survivor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `member_tiers` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`min_points` integer NOT NULL,
	`points_percent` integer DEFAULT 100 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `coupons` ADD `per_member_limit` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `coupons` ADD `channels` text DEFAULT '["pc","h5","mini","app"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `balance_ledger` ADD `operator` text DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE `points_ledger` ADD `operator` text DEFAULT 'system' NOT NULL;
ALTER TABLE `coupons` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `flash_sales` ADD `name` text DEFAULT 'Flash sale' NOT NULL;--> statement-breakpoint
CREATE INDEX `members_created_idx` ON `members` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`,`id`);
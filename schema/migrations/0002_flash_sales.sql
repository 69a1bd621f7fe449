CREATE TABLE `flash_sale_skus` (
	`sale_id` text NOT NULL,
	`sku_id` text NOT NULL,
	PRIMARY KEY(`sale_id`, `sku_id`),
	FOREIGN KEY (`sale_id`) REFERENCES `flash_sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flash_sale_skus_sku_idx` ON `flash_sale_skus` (`sku_id`);--> statement-breakpoint
CREATE TABLE `flash_sales` (
	`id` text PRIMARY KEY NOT NULL,
	`price` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`channels` text NOT NULL,
	`per_member_limit` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL
);

CREATE TABLE `freight_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`source_template_id` text NOT NULL,
	`name` text NOT NULL,
	`valuation` text NOT NULL,
	`is_default` integer NOT NULL,
	`copied_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `freight_templates_source_unique` ON `freight_templates` (`appid`,`source_template_id`);--> statement-breakpoint
CREATE TABLE `minishop_order_lines` (
	`order_id` text NOT NULL,
	`sku_id` text NOT NULL,
	`refunded` integer NOT NULL,
	`in_after_sale` integer NOT NULL,
	PRIMARY KEY(`order_id`, `sku_id`),
	FOREIGN KEY (`order_id`) REFERENCES `minishop_orders`(`order_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `minishop_orders` (
	`order_id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`source_order_id` text NOT NULL,
	`source_status` integer NOT NULL,
	`delivery_kind` text NOT NULL,
	`open_after_sales` integer NOT NULL,
	`paid_day` text,
	`last_run` text NOT NULL,
	`synced_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minishop_orders_source_unique` ON `minishop_orders` (`appid`,`source_order_id`);--> statement-breakpoint
CREATE INDEX `minishop_orders_paid_day_idx` ON `minishop_orders` (`paid_day`);--> statement-breakpoint
CREATE TABLE `minishop_products` (
	`product_id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`source_product_id` text NOT NULL,
	`freight` integer,
	`freight_template_id` text,
	`add_third_party_sales` integer DEFAULT false NOT NULL,
	`last_run` text NOT NULL,
	`synced_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`freight_template_id`) REFERENCES `freight_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minishop_products_source_unique` ON `minishop_products` (`appid`,`source_product_id`);--> statement-breakpoint
CREATE TABLE `minishop_shops` (
	`appid` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`rules` text NOT NULL,
	`auto_sync` integer DEFAULT true NOT NULL,
	`order_cursor` integer,
	`templates_copied_at` integer,
	`group_id` text,
	`last_migration` text,
	`bound_at` integer NOT NULL,
	`unbound_at` integer
);
--> statement-breakpoint
CREATE TABLE `product_group_items` (
	`group_id` text NOT NULL,
	`product_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `product_id`),
	FOREIGN KEY (`group_id`) REFERENCES `product_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `third_party_sales` (
	`product_id` text NOT NULL,
	`day` text NOT NULL,
	`qty` integer NOT NULL,
	PRIMARY KEY(`product_id`, `day`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);

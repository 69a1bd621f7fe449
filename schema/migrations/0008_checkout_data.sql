CREATE TABLE `member_addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`user_name` text NOT NULL,
	`tel_number` text NOT NULL,
	`province_name` text NOT NULL,
	`city_name` text NOT NULL,
	`county_name` text NOT NULL,
	`street_name` text,
	`detail_info` text NOT NULL,
	`postal_code` text,
	`national_code` text,
	`is_default` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_addresses_member_idx` ON `member_addresses` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pickup_points` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`province_name` text NOT NULL,
	`city_name` text NOT NULL,
	`county_name` text NOT NULL,
	`detail_info` text NOT NULL,
	`tel_number` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `product_freight` (
	`product_id` text PRIMARY KEY NOT NULL,
	`freight` integer,
	`freight_template_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`freight_template_id`) REFERENCES `freight_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `order_shipments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`carrier` text,
	`waybill` text,
	`shipped_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_shipments_order_idx` ON `order_shipments` (`order_id`);--> statement-breakpoint
ALTER TABLE `freight_templates` ADD `rules` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_kind` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_address` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `pickup_point` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `freight` integer DEFAULT 0 NOT NULL;
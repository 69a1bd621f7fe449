ALTER TABLE `products` ADD `attributes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `minishop_categories` ADD `given_name` text;--> statement-breakpoint
-- A category still under the placeholder an earlier migration gave it was never renamed by an operator.
UPDATE `minishop_categories` SET `given_name` = 'Mini-Shop ' || `source_category_id`
WHERE `category_id` IN (SELECT `id` FROM `categories` WHERE `name` = 'Mini-Shop ' || `minishop_categories`.`source_category_id`);

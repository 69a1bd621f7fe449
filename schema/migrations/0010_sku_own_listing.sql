ALTER TABLE `skus` ADD `own_listed` integer DEFAULT true NOT NULL;--> statement-breakpoint
-- A listed product's SKUs show their own listing; a draft's or warehouse product's SKUs were all
-- taken off sale with it, so their own listing is lost and reads as for sale, as relisting did.
UPDATE `skus` SET `own_listed` = `listed` WHERE `product_id` IN (SELECT `id` FROM `products` WHERE `status` = 'listed');

CREATE TABLE `audit_sequence` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `skus` ADD `audit_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `skus_audit_seq_idx` ON `skus` (`audit_seq`);--> statement-breakpoint
ALTER TABLE `members` ADD `audit_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `members_audit_seq_idx` ON `members` (`audit_seq`);--> statement-breakpoint
-- Hand-written from here: the change sequence the consistency checks follow. Each change of what a
-- check compares (a SKU's price, stock or listing; a member joining, being merged, or a ledger row
-- of theirs) takes the next number and stamps it on the SKU or member row, so a check reads only
-- the rows stamped after the number it last covered. Rows from before carry 0: the first check
-- after this migration sweeps everything.
INSERT INTO `audit_sequence` (`id`, `seq`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `skus_audit_seq_insert` AFTER INSERT ON `skus` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `skus` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `skus_audit_seq_update` AFTER UPDATE OF `price`, `stock`, `listed` ON `skus`
WHEN OLD.`price` IS NOT NEW.`price` OR OLD.`stock` IS NOT NEW.`stock` OR OLD.`listed` IS NOT NEW.`listed` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `skus` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `members_audit_seq_insert` AFTER INSERT ON `members` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `members` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `members_audit_seq_merge` AFTER UPDATE OF `merged_into` ON `members`
WHEN OLD.`merged_into` IS NOT NEW.`merged_into` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `members` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `points_ledger_audit_seq_insert` AFTER INSERT ON `points_ledger` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `members` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` = NEW.`member_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `points_ledger_audit_seq_update` AFTER UPDATE OF `member_id`, `delta` ON `points_ledger` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `members` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` IN (OLD.`member_id`, NEW.`member_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `balance_ledger_audit_seq_insert` AFTER INSERT ON `balance_ledger` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `members` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` = NEW.`member_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `balance_ledger_audit_seq_update` AFTER UPDATE OF `member_id`, `delta` ON `balance_ledger` BEGIN
	UPDATE `audit_sequence` SET `seq` = `seq` + 1 WHERE `id` = 1;
	UPDATE `members` SET `audit_seq` = (SELECT `seq` FROM `audit_sequence` WHERE `id` = 1) WHERE `id` IN (OLD.`member_id`, NEW.`member_id`);
END;

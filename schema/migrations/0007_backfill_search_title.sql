-- Products stored before titles were searchable get their search title. SQLite's lower() folds
-- ASCII only; the next edit of a product rewrites it with workers/catalog/rules/searchText.ts.
UPDATE `products` SET `search_title` = lower(trim(`title`)) WHERE `search_title` = '';

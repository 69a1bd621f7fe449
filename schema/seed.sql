-- Demo data for `npm start`. INSERT OR IGNORE keeps it idempotent: restarting never
-- overwrites what an operator changed locally. Prices are in fen.
-- A SKU's title is its product's title and its own name (workers/catalog/rules/skuTitle.ts); a
-- product's search_title its title as searches compare it (workers/catalog/rules/searchText.ts).
INSERT OR IGNORE INTO categories (id, parent_id, name, sort, created_at, updated_at) VALUES
  ('cat_demo_clothing', NULL, '服装', 1, 1767225600000, 1767225600000),
  ('cat_demo_tops', 'cat_demo_clothing', '上衣', 1, 1767225600000, 1767225600000),
  ('cat_demo_tees', 'cat_demo_tops', 'T恤', 1, 1767225600000, 1767225600000),
  ('cat_demo_baby', NULL, '母婴', 2, 1767225600000, 1767225600000),
  ('cat_demo_audio', NULL, '数码', 3, 1767225600000, 1767225600000);

INSERT OR IGNORE INTO products (id, title, search_title, subtitle, description, status, options, source, created_at, updated_at) VALUES
  ('prd_demo_tee', 'Organic cotton T-shirt 纯棉T恤', 'organic cotton t-shirt 纯棉t恤', 'GOTS cotton, 180 g',
   '<p>Soft <strong>organic</strong> cotton.</p>', 'listed',
   '[{"name":"Colour","values":["White"]},{"name":"Size","values":["S","M","L"]}]', 'mall', 1767225600000, 1767225600000),
  ('prd_demo_formula', 'Infant formula stage 2, 900 g', 'infant formula stage 2, 900 g', '', '', 'listed', '[]', 'mall',
   1767225600000, 1767225600000),
  ('prd_demo_earbuds', 'Wireless earbuds', 'wireless earbuds', '', '', 'listed',
   '[{"name":"Colour","values":["Black","White"]}]', 'mall', 1767225600000, 1767225600000);

INSERT OR IGNORE INTO product_categories (product_id, category_id) VALUES
  ('prd_demo_tee', 'cat_demo_tees'),
  ('prd_demo_formula', 'cat_demo_baby'),
  ('prd_demo_earbuds', 'cat_demo_audio');

INSERT OR IGNORE INTO skus (id, product_id, title, name, options, price, stock, listed, rev, changed_at, created_at) VALUES
  ('sku_demo_tee_s', 'prd_demo_tee', 'Organic cotton T-shirt 纯棉T恤 White / S', 'White / S', '["White","S"]', 9900, 120, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_tee_m', 'prd_demo_tee', 'Organic cotton T-shirt 纯棉T恤 White / M', 'White / M', '["White","M"]', 9900, 200, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_tee_l', 'prd_demo_tee', 'Organic cotton T-shirt 纯棉T恤 White / L', 'White / L', '["White","L"]', 10900, 80, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_formula', 'prd_demo_formula', 'Infant formula stage 2, 900 g', '', '[]', 32800, 500, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_earbuds_black', 'prd_demo_earbuds', 'Wireless earbuds Black', 'Black', '["Black"]', 49900, 40, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_earbuds_white', 'prd_demo_earbuds', 'Wireless earbuds White', 'White', '["White"]', 49900, 0, 0, 1, 1767225600000, 1767225600000);

INSERT OR IGNORE INTO members (id, nickname, tier, tags, created_at) VALUES
  ('mem_demo_emma', 'Emma', 'gold', '["repurchase"]', 1767225600000);

INSERT OR IGNORE INTO member_identities (member_id, kind, app_id, value, created_at) VALUES
  ('mem_demo_emma', 'phone', '', '+8613800138000', 1767225600000);

INSERT OR IGNORE INTO member_tiers (id, title, min_points, points_percent, created_at) VALUES
  ('regular', 'Regular', 0, 100, 1767225600000),
  ('silver', 'Silver', 1000, 120, 1767225600000),
  ('gold', 'Gold', 5000, 150, 1767225600000);

-- The back office's first owner (README, "Back office staff"): owner@mallsync.local / mallsync-owner,
-- the password stored as workers/staff/rules/passwordHash.ts writes it.
INSERT OR IGNORE INTO staff (id, login, name, role, password_hash, failed_attempts, created_at, updated_at) VALUES
  ('stf_seedowner0000000', 'owner@mallsync.local', 'Mall owner', 'owner',
   'pbkdf2-sha256$100000$iGwSNo8X8bmQuLUYy4AomQ==$Tpte+LurM420K9UblxYpVMIVnHsg6fYHRVK3+w8R7WA=', 0,
   1767225600000, 1767225600000);

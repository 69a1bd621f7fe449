-- Demo data for `npm start`. INSERT OR IGNORE keeps it idempotent: restarting never
-- overwrites what an operator changed locally. Prices are in fen.
INSERT OR IGNORE INTO products (id, title, source, created_at, updated_at) VALUES
  ('prd_demo_tee', 'Organic cotton T-shirt', 'mall', 1767225600000, 1767225600000),
  ('prd_demo_formula', 'Infant formula stage 2, 900 g', 'mall', 1767225600000, 1767225600000),
  ('prd_demo_earbuds', 'Wireless earbuds', 'mall', 1767225600000, 1767225600000);

INSERT OR IGNORE INTO skus (id, product_id, title, price, stock, listed, rev, changed_at, created_at) VALUES
  ('sku_demo_tee_s', 'prd_demo_tee', 'White / S', 9900, 120, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_tee_m', 'prd_demo_tee', 'White / M', 9900, 200, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_tee_l', 'prd_demo_tee', 'White / L', 10900, 80, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_formula', 'prd_demo_formula', '900 g tin', 32800, 500, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_earbuds_black', 'prd_demo_earbuds', 'Black', 49900, 40, 1, 1, 1767225600000, 1767225600000),
  ('sku_demo_earbuds_white', 'prd_demo_earbuds', 'White', 49900, 0, 0, 1, 1767225600000, 1767225600000);

INSERT OR IGNORE INTO members (id, nickname, tier, tags, created_at) VALUES
  ('mem_demo_emma', 'Emma', 'gold', '["repurchase"]', 1767225600000);

INSERT OR IGNORE INTO member_identities (member_id, kind, app_id, value, created_at) VALUES
  ('mem_demo_emma', 'phone', '', '+8613800138000', 1767225600000);

INSERT OR IGNORE INTO member_tiers (id, title, min_points, points_percent, created_at) VALUES
  ('regular', 'Regular', 0, 100, 1767225600000),
  ('silver', 'Silver', 1000, 120, 1767225600000),
  ('gold', 'Gold', 5000, 150, 1767225600000);

/** The emulated shop's SQLite tables: records as JSON, with the columns queries filter on. */
export const SHOP_TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS spus (product_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, status INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skus (sku_id TEXT PRIMARY KEY, product_id TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS skus_by_product ON skus (product_id);
CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, status INTEGER NOT NULL, create_time TEXT NOT NULL, update_time TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS orders_by_update ON orders (update_time, order_id);
CREATE INDEX IF NOT EXISTS orders_by_create ON orders (create_time, order_id);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS calls (path TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS faults (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, errcode INTEGER, http_status INTEGER, remaining INTEGER NOT NULL);
`;

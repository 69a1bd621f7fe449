import { admin } from './hub';

/** A flash sale created through the admin API (named "Weekend sale" unless `sale` names it). */
export const createSale = async (sale: Record<string, unknown>) => {
  const response = await admin('POST', '/api/admin/flash-sales', { name: 'Weekend sale', ...sale });
  if (response.status !== 201) throw new Error(`sale refused: ${response.status} ${await response.text()}`);
  return response.json<{ id: string; name: string; status: string; channels: string[] }>();
};

/** Which of `shards` objects serves `key`: the same every time, spread evenly over many keys. */
export const shardOf = (key: string, shards: number): number => {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return hash % shards;
};

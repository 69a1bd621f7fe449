/**
 * The name an object was reached by: stubs come from `getByName`, so an object knows whose it is
 * (a SKU's, a shop's) without every call saying so again.
 */
export const objectName = (ctx: DurableObjectState): string => {
  const name = ctx.id.name;
  if (name === undefined) throw new Error('this object is reached by name (getByName)');
  return name;
};

/** How a refusal reads where the operator acted: the field it names first. */
export const refusalText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const field = (error as { field?: string }).field;
  return field ? `${field}: ${error.message}` : error.message;
};

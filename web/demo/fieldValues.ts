/** Yuan as an operator types it (`89.9`) in fen, or null when it is not a price. */
export const fenOf = (yuanText: string): number | null => {
  const yuan = Number(yuanText);
  return yuanText.trim() !== '' && Number.isFinite(yuan) && yuan > 0 ? Math.round(yuan * 100) : null;
};

/** How a refusal reads where the operator acted: the field it names first. */
export const refusalText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const field = (error as { field?: string }).field;
  return field ? `${field}: ${error.message}` : error.message;
};

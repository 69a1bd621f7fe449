/** Where the hub serves a picture: a path that never changes for the same bytes (`workers/catalog/routes/media.ts`). */
export const mediaPath = (imageId: string): string => `/media/${imageId}`;

/** Tables of the messaging area (issue 4); merged into `Database` in schema.ts. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area's tables land
export type MessagingTables = {};

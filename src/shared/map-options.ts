/**
 * Choices the coordinator's map layers offer, as plain data: the input schemas and the forms
 * both use them, and forms must not pull the map's server code (or zod) into the browser.
 */

/** How the coordinator's category layer groups ollas. */
export const ZONE_LAYER_GROUPS = ["zone", "district"] as const;
/** How an imported boundary file's features are matched to zones. */
export const BOUNDARY_MATCH = ["ubigeo", "name"] as const;

/*
 * Limits the dashboard must agree with. A module of its own, importing nothing, so apps/web can
 * import it (`@duty/api/limits`) without pulling the server into its bundle.
 */

/** Most procedures one HTTP request may carry (`?batch=1`); the dashboard's batch link sends at most this many. */
export const MAX_BATCH_SIZE = 10;

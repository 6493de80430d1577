/** An id as PostgreSQL writes a uuid (any case): ids from a URL or a request are checked with it before a query. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

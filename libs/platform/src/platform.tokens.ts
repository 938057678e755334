export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const RUNNING_DATABASE = Symbol('RUNNING_DATABASE');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
/** The pool of the data keys' database: PG_POOL itself unless PII_DATABASE_URL names another. */
export const KEY_STORE_POOL = Symbol('KEY_STORE_POOL');

// The lengths the core schema allows (db/core-migrations: tag varchar(20), description varchar(2000),
// subscription_instance_values.value varchar(10000)), defined once for the model checks and the answer
// checks, so a value too long fails before a migration is written rather than halfway through one.

export const TAG_MAX_LENGTH = 20;
export const DESCRIPTION_MAX_LENGTH = 2000;
export const VALUE_MAX_LENGTH = 10000;

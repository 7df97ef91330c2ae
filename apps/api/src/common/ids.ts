/**
 * Rounds, stations, tokens and outbox messages have UUIDs. A path or cursor that is no UUID names
 * nothing: it is answered as unknown without asking the database (PostgreSQL would refuse to
 * compare it with a uuid column).
 */
export const UUID_PATTERN = /^[0-9a-f-]{36}$/i;

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/**
 * A user-facing problem as data: a message key of the projects catalogue and the values it
 * names. Pure helpers return these; the UI translates them with `t(key, vars)`.
 */
export interface Problem {
  key: string;
  vars?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(key: string, vars?: Problem['vars']): Result<T> => ({ ok: false, problem: { key, vars } });

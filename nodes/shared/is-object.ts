/** A plain JSON object (not null, not an array): what an item field must be before we read into it. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * JSON with every object's keys sorted (recursively), so two bodies that differ only in the
 * order of their fields give the same text: an Idempotency-Key retry is compared by what it
 * says, not by how the client's serialiser happened to order it. Arrays keep their order (it
 * means something); undefined fields drop out as in JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

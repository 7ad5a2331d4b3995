/** What every area of the contract shares: the protocol version, the languages, the empty params object. */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

export const Language = z.enum(['vi', 'en']);
export type Language = z.infer<typeof Language>;

/** Params of a method that takes none. */
export const Empty = z.object({}).strict();

/** A group of methods: name → params and result schemas. */
export type MethodGroup = Record<string, { params: z.ZodType; result: z.ZodType }>;

import { z } from 'zod';
import { commands, type CommandName } from '../../shared/src/index.js';
import { pick } from '../support/prng.js';
import { missingCaseError } from '../../electron/core/util/missingCaseError.js';

/*
 * Derives fuzz input from the contract itself: each command's zod schema is turned into JSON
 * Schema, from which we build a valid sample and then mutate it. Adding a command to the
 * contract adds it to the fuzz run with no change here.
 */

type JsonSchema = {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'any';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  maxItems?: number;
};

const jsonSchemas = new Map<CommandName, JsonSchema>();

export function inputJsonSchema(name: CommandName): JsonSchema {
  let schema = jsonSchemas.get(name);
  if (!schema) {
    schema = z.toJSONSchema(commands[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    jsonSchemas.set(name, schema);
  }
  return schema;
}

const SAFE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A value satisfying the schema (every pattern in the contract accepts alphanumerics). */
export function validSample(schema: JsonSchema, rand: () => number): unknown {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return validSample(pick(rand, variants), rand);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(rand, schema.enum);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) out[key] = validSample(child, rand);
      return out;
    }
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 24, min + 24);
      const length = min + Math.floor(rand() * (max - min + 1));
      let text = '';
      for (let i = 0; i < length; i += 1) text += pick(rand, [...SAFE_CHARS]);
      return text;
    }
    case 'integer':
    case 'number': {
      const min = Math.max(schema.minimum ?? 0, -1_000_000);
      const max = Math.min(schema.maximum ?? 1_000_000, 1_000_000);
      return min + Math.floor(rand() * (max - min + 1));
    }
    case 'boolean':
      return rand() < 0.5;
    case 'null':
      return null;
    case 'array':
      return [];
    case 'any':
    case undefined:
      return null;
    default:
      throw missingCaseError(schema.type);
  }
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [1, 2], { a: 1 }, 1e308, -1e308];

export type Mutation = { readonly kind: string; readonly envelope: unknown };

/** One mutated command envelope (serializable to JSON) derived from a valid sample. */
export function mutate(name: CommandName, rand: () => number): Mutation {
  const input = validSample(inputJsonSchema(name), rand) as Record<string, unknown>;
  const keys = Object.keys(input);
  const strategy = pick(rand, [
    'wrongName',
    'wrongType',
    'missingField',
    'extraField',
    'hugeString',
    'hugeArray',
    'pollution',
    'wrongInputShape',
    'envelopeExtra',
    'deepNesting',
  ] as const);
  switch (strategy) {
    case 'wrongName':
      return {
        kind: strategy,
        envelope: {
          name: pick(rand, [
            name.toUpperCase(),
            `${name}x`,
            '',
            'constructor',
            '__proto__',
            'toString',
            'app',
            name.split('.')[0] ?? 'x',
          ]),
          input,
        },
      };
    case 'wrongType': {
      if (keys.length === 0) return { kind: strategy, envelope: { name, input: pick(rand, WRONG_VALUES.slice(1, 9)) } };
      const key = pick(rand, keys);
      return { kind: strategy, envelope: { name, input: { ...input, [key]: pick(rand, WRONG_VALUES) } } };
    }
    case 'missingField': {
      if (keys.length === 0) return { kind: strategy, envelope: { name } };
      const key = pick(rand, keys);
      const copy = { ...input };
      delete copy[key];
      return { kind: strategy, envelope: { name, input: copy } };
    }
    case 'extraField':
      return { kind: strategy, envelope: { name, input: { ...input, [`extra${Math.floor(rand() * 1000)}`]: 1 } } };
    case 'hugeString': {
      const key = keys.length > 0 ? pick(rand, keys) : 'nonce';
      return {
        kind: strategy,
        envelope: { name, input: { ...input, [key]: 'A'.repeat(70_000 + Math.floor(rand() * 300_000)) } },
      };
    }
    case 'hugeArray': {
      const key = keys.length > 0 ? pick(rand, keys) : 'items';
      return { kind: strategy, envelope: { name, input: { ...input, [key]: new Array<number>(20_000).fill(7) } } };
    }
    case 'pollution': {
      // Built from JSON text so `__proto__` becomes an own key, exactly as it arrives off the wire.
      const key = pick(rand, POLLUTION_KEYS);
      const polluted = JSON.parse(`{"${key}": {"polluted": true, "isAdmin": true}}`) as Record<string, unknown>;
      return { kind: strategy, envelope: { name, input: Object.assign(polluted, input) } };
    }
    case 'wrongInputShape':
      return { kind: strategy, envelope: { name, input: pick(rand, [null, 'input', 42, [input], true]) } };
    case 'envelopeExtra':
      return {
        kind: strategy,
        envelope: JSON.parse(
          `{"name": ${JSON.stringify(name)}, "input": ${JSON.stringify(input)}, "__proto__": {"polluted": true}}`,
        ) as unknown,
      };
    case 'deepNesting': {
      let nested: unknown = 1;
      // Deep enough to hurt a naive recursive walker, shallow enough for Electron's structured clone.
      for (let i = 0; i < 1_000; i += 1) nested = { n: nested };
      return { kind: strategy, envelope: { name, input: { ...input, nested } } };
    }
  }
}

/** Whether the contract accepts this envelope: the oracle for the fuzz expectation. */
export function isValidEnvelope(envelope: unknown): boolean {
  if (typeof envelope !== 'object' || envelope === null) return false;
  const keys = Object.keys(envelope);
  if (keys.some((key) => key !== 'name' && key !== 'input')) return false;
  const { name, input } = envelope as { name?: unknown; input?: unknown };
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(commands, name)) return false;
  return commands[name as CommandName].input.safeParse(input).success;
}

// Prints the served schema as SDL; `npm run schema` writes it to schema.graphql (committed).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGovernanceSchema } from './build-schema.js';

/** The schema's SDL, sorted so the file diffs cleanly. */
export async function printGovernanceSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGovernanceSchema()))}\n`;
}

if (require.main === module) {
  void printGovernanceSchema().then((sdl) => writeFileSync(path.resolve(__dirname, '../../schema.graphql'), sdl));
}

// Look-ahead: the selection of a connection field (its nodes, edges' nodes and totalCount), read from
// the resolve info with graphql-parse-resolve-info (fragments, aliases, @skip and @include resolved).
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type FieldsByTypeName, type ResolveTree } from 'graphql-parse-resolve-info';
import type { FieldSelection, PageSelection } from '../runtime/field-selection.js';

/** The selection under a connection field: the fields of `nodes` merged with those of `edges { node }`. */
export function pageSelection(info: GraphQLResolveInfo): PageSelection {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const connection = tree ? selectionOf(tree.fieldsByTypeName) : {};
  return { nodes: merge(connection.nodes ?? {}, connection.edges?.node ?? {}), totalCount: 'totalCount' in connection };
}

function selectionOf(byType: FieldsByTypeName): FieldSelection {
  let selection: FieldSelection = {};
  for (const fields of Object.values(byType)) {
    for (const field of Object.values(fields)) selection = merge(selection, { [field.name]: selectionOf(field.fieldsByTypeName) });
  }
  return selection;
}

function merge(a: FieldSelection, b: FieldSelection): FieldSelection {
  const merged: Record<string, FieldSelection> = { ...a };
  for (const [name, sub] of Object.entries(b)) merged[name] = name in merged ? merge(merged[name], sub) : sub;
  return merged;
}

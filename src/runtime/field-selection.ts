// Runtime reads: the fields a request selects, as a tree of field names, so a read fetches only
// those columns and the nested lists it will return (look-ahead, filled in by the resolvers).

/** Selected fields by name; a scalar's subtree is empty. */
export interface FieldSelection {
  readonly [field: string]: FieldSelection;
}

/** What a connection read returns: its rows' selected fields, and whether the total is asked for. */
export interface PageSelection {
  nodes: FieldSelection;
  totalCount: boolean;
}

/**
 * A response's shape, for reads whose JSON PostgreSQL builds: each response key in order, with the
 * field it answers and that field's own shape (empty for a scalar), or a constant (`__typename`).
 */
export type ResponseShape = readonly ResponseKey[];

/** One key of a {@link ResponseShape}. */
export type ResponseKey = { readonly key: string; readonly field: string; readonly shape: ResponseShape } | { readonly key: string; readonly constant: string };

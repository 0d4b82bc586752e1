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

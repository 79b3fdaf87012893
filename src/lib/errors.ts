// One error type for problems a user must fix: its message is a single line that names what and where.

export interface AtlasErrorWhere {
  /** The model id or folder the problem belongs to. */
  model?: string;
  /** The file the problem was found in. */
  file?: string;
  /** The task item, where there is one. */
  item?: string;
  /** The field of the file or item. */
  field?: string;
}

export class AtlasError extends Error {
  readonly where: AtlasErrorWhere;
  constructor(problem: string, where: AtlasErrorWhere = {}) {
    const parts = [
      where.model && `model ${where.model}`,
      where.file && `file ${where.file}`,
      where.item && `item ${where.item}`,
      where.field && `field ${where.field}`,
    ].filter(Boolean);
    super(parts.length ? `${parts.join(", ")}: ${problem}` : problem);
    this.name = "AtlasError";
    this.where = where;
  }
}

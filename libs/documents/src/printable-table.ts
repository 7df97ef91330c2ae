/** A line of a printed table that is not a data row: a group heading spanning the whole width. */
export interface SectionLine {
  section: string;
}

/**
 * One printable table as offices lay them out on paper: a title, caption lines (推荐区县：…), the
 * header, the rows (with optional section headings), and footer lines to fill in by hand. The
 * spreadsheet exports and the Word documents render the same tables, so the layout is decided once.
 */
export interface TableSheet {
  /** worksheet name (xlsx) */
  name: string;
  title: string;
  captions: string[];
  headers: readonly string[];
  rows: (readonly string[] | SectionLine)[];
  footer: string[];
  /** column widths in characters; a default from the header otherwise */
  widths?: readonly number[];
  /** headers of columns that must be filled in (import template): highlighted, with a note */
  required?: readonly string[];
}

export const isSection = (row: readonly string[] | SectionLine): row is SectionLine => !Array.isArray(row);

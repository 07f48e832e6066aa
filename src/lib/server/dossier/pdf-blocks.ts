/** The building blocks of the dossier's pdfmake definition: headings and tables in its one style. */
import type { Content, TableCell } from 'pdfmake/interfaces';

export const right = (text: string): TableCell => ({ text, alignment: 'right' });

export const head = (cells: string[], alignRightFrom = 1): TableCell[] =>
	cells.map((text, i) => ({ text, style: 'th', alignment: i >= alignRightFrom ? 'right' : 'left' }));

/** A section heading: `headlineLevel` lets `pageBreakBefore` move it to the next page with its content. */
export const heading = (text: string): Content => ({ text, style: 'h2', headlineLevel: 1 });

/** A small heading inside a section, kept with what follows it too. */
export const subheading = (text: string): Content => ({ text, style: 'h3', headlineLevel: 1 });

/** A light table with one header row, rows never split across pages. */
export function table(widths: (string | number)[], header: TableCell[], rows: TableCell[][], footer?: TableCell[]): Content {
	return {
		table: { headerRows: 1, widths, body: [header, ...rows, ...(footer ? [footer] : [])], dontBreakRows: true },
		layout: 'lightHorizontalLines',
		margin: [0, 4, 0, 10]
	};
}

/** A muted line saying a list is empty. */
export const none = (text: string): Content => ({ text, style: 'muted', margin: [0, 0, 0, 8] });

/** A list as a table (figures right-aligned from the third column), or the muted `empty` line when it has no item. */
export function tableOrNone<T>(items: readonly T[], empty: string, columns: { widths: (string | number)[]; header: string[] }, row: (item: T) => TableCell[]): Content {
	return items.length === 0 ? none(empty) : table(columns.widths, head(columns.header, 2), items.map(row));
}

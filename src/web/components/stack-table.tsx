import type { ComponentChildren } from 'preact';

// A data table that stacks into one block per row on a phone (styles.css, `.stack-table`), each
// cell under its column's name: the header row is hidden there, so every cell carries its column's
// label as `data-label`, taken from the same list as the header so that the two cannot drift apart.

export interface StackColumn {
  label: string;
  /** Long free text (an error, a comment) that may break inside a word. */
  long?: boolean;
}

export interface StackRow {
  key: string | number;
  cells: ComponentChildren[];
}

export function StackTable({ columns, rows, caption, captionHidden = false, extraClass }: { columns: (string | StackColumn)[]; rows: StackRow[]; caption?: string; captionHidden?: boolean; extraClass?: string }) {
  const heads = columns.map((column) => (typeof column === 'string' ? { label: column } : column));
  return (
    <table class={extraClass ? `table stack-table ${extraClass}` : 'table stack-table'}>
      {caption ? <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption> : null}
      <thead>
        <tr>
          {heads.map((column) => (
            <th scope="col" key={column.label}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) => (
              <td key={i} data-label={heads[i]!.label} class={heads[i]!.long ? 'long-text' : undefined}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// A table that stacks into one card per row on a phone (styles.ts: table.stack), each cell
// labelled with its column's heading, so no table of these pages scrolls sideways.
import type { Child } from 'hono/jsx';

export interface StackColumn {
  readonly label: string;
  /** A number: right-aligned, tabular figures. */
  readonly num?: boolean;
}

export interface StackRow {
  readonly cells: readonly Child[];
  readonly class?: string | undefined;
}

export function StackTable(props: {
  caption: string;
  columns: readonly StackColumn[];
  rows: readonly (StackRow | readonly Child[])[];
  class?: string;
}) {
  return (
    <table class={props.class === undefined ? 'stack' : `stack ${props.class}`}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{column.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const { cells, class: rowClass } =
            'cells' in row ? row : { cells: row, class: undefined };
          return (
            <tr class={rowClass}>
              {cells.map((cell, i) => (
                <td
                  data-label={props.columns[i]!.label}
                  class={props.columns[i]!.num === true ? 'num' : undefined}
                >
                  {cell}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

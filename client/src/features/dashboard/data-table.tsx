import type { TableView } from "./chart-view";

/**
 * A table of figures with its caption, column and row headings. It scrolls sideways on a
 * phone rather than squeezing; the scrolling region can take the keyboard focus.
 */
export function DataTable({ table }: { table: TableView }) {
  return (
    <div className="table-block">
      <div className="table-scroll" role="region" aria-label={table.caption} tabIndex={0}>
        <table className="data-table">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th key={index} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                <th scope="row">{row.header}</th>
                {row.cells.map((cell, cellIndex) => (
                  <td key={cellIndex}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableNotes notes={table.notes} />
    </div>
  );
}

export function TableNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="table-notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

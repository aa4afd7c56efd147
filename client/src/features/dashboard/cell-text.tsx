/**
 * A table cell's figure; a withheld one shows "—" to the eye while screen readers (and, through
 * the cell's title, a hovering pointer) are told why.
 */
export function CellText({ text, description }: { text: string; description?: string | null | undefined }) {
  if (!description) return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{description}</span>
    </>
  );
}

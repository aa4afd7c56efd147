import { useId, type ReactNode } from "react";

/** A titled part of the dashboard, named by its heading for landmarks navigation. */
export function DashboardSection({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="dashboard-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Shown while a dashboard page loads its data on the server. */
export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-32 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-900" />
      <div className="h-32 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-900" />
    </div>
  );
}

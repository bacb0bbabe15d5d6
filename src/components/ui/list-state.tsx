import { Button } from "./button";
import { cn } from "./cn";

/** Placeholder rows while a query loads (announced as busy with `label`). */
export function LoadingRows({ label, rows = 3, rowClassName = "h-6", className = "space-y-2" }: { label: string; rows?: number; rowClassName?: string; className?: string }) {
  return (
    <div className={className} aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={cn(rowClassName, "animate-pulse rounded bg-slate-100 dark:bg-slate-800")} />
      ))}
    </div>
  );
}

/** A query that failed: its message and a button to load again. */
export function LoadError({ message, retryLabel, onRetry, className = "text-sm", buttonClassName = "mt-3" }: { message: string; retryLabel: string; onRetry: () => void; className?: string; buttonClassName?: string }) {
  return (
    <div className={className}>
      <p className="text-red-600">{message}</p>
      <Button variant="secondary" className={buttonClassName} onClick={onRetry}>
        {retryLabel}
      </Button>
    </div>
  );
}

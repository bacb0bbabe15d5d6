import ReactMarkdown from "react-markdown";

/**
 * Renders user-written Markdown. No raw HTML is allowed (react-markdown's
 * default), links are made safe by its URL filter and open in a new tab, and
 * images are not loaded (a remote image would tell its host who read the task).
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="space-y-2 text-sm leading-relaxed [&_a]:text-brand-600 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 dark:[&_code]:bg-slate-800">
      <ReactMarkdown
        disallowedElements={["img"]}
        unwrapDisallowed
        components={{ a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" /> }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}

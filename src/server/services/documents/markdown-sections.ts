/**
 * Splits Markdown-like text into sections by its headings (ATX "# Title" and
 * setext "Title\n====="), ignoring "headings" inside fenced code blocks. Each
 * section keeps its heading line and is labelled with the heading trail
 * ("Policies › Travel"), which becomes the chunk's `section` for citations.
 */
export type Section = { text: string; section: string | null };

const ATX = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const MAX_LABEL = 200;

function label(trail: Array<string | undefined>): string | null {
  const parts = trail.filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  const joined = parts.join(" › ");
  return joined.length > MAX_LABEL ? `${joined.slice(0, MAX_LABEL - 1)}…` : joined;
}

function plainHeading(text: string): string {
  return text
    .replace(/[*_`]+/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim();
}

export function splitMarkdownSections(text: string): Section[] {
  const lines = text.split("\n");
  const sections: Section[] = [];
  const trail: Array<string | undefined> = [];
  let current: string[] = [];
  let currentLabel: string | null = null;
  let fence: string | null = null;

  const flush = () => {
    const body = current.join("\n").trim();
    if (body) sections.push({ text: body, section: currentLabel });
    current = [];
  };
  const startSection = (level: number, heading: string) => {
    trail.length = level - 1;
    trail[level - 1] = plainHeading(heading);
    currentLabel = label(trail);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0] ?? null;
      else if (marker[0] === fence) fence = null;
      current.push(line);
      continue;
    }
    if (fence === null) {
      const atx = ATX.exec(line);
      if (atx?.[1] && atx[2]) {
        flush();
        startSection(atx[1].length, atx[2]);
        current.push(line);
        continue;
      }
      const next = lines[i + 1] ?? "";
      const isParagraphLine = line.trim() !== "" && !/^ {0,3}([-*+>]|\d+[.)])\s/.test(line);
      const previousBlank = current.length === 0 || current.at(-1)?.trim() === "";
      if (isParagraphLine && previousBlank && (SETEXT_1.test(next) || SETEXT_2.test(next))) {
        flush();
        startSection(SETEXT_1.test(next) ? 1 : 2, line);
        current.push(line, next);
        i++;
        continue;
      }
    }
    current.push(line);
  }
  flush();
  return sections;
}

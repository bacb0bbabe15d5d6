/**
 * A user-facing message kept as its English template plus values, so it can be
 * shown in the reader's language later: msg`${name} was not found.` has the
 * template "{0} was not found." and the values [name].
 */
export type Message = { template: string; values: Array<string | number> };

export function msg(strings: TemplateStringsArray, ...values: Array<string | number>): Message {
  return { template: strings.reduce((out, part, i) => out + part + (i < values.length ? `{${i}}` : ""), ""), values };
}

export function renderMessage(template: string, values: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

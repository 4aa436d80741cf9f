/** Passkey display names from the admin's template, within Microsoft's 30-character limit. Pure. */
export const MAX_NAME = 30;
const FALLBACK_MODEL = 'Security key'; // i18n-exempt data stored in Entra (the passkey's name), not the admin's UI

export function passkeyName(
  template: string,
  v: { model?: string | null; upn: string; name: string; date?: Date },
): string {
  const date = (v.date ?? new Date()).toISOString().slice(0, 10);
  // Stored in Entra as the passkey's name, read by the user in My Sign-ins (whose language may not be the admin's): the
  // fallback model name stays one fixed text, like the admin's template, not the admin's browser language.
  const model = v.model || FALLBACK_MODEL;
  // Shortened at a word boundary when one exists within the budget.
  const cut = (budget: number) =>
    model.length <= budget ? model : model.slice(0, budget + 1).replace(/\s+\S*$/, '') || model.slice(0, budget);
  const fill = (modelBudget: number) =>
    template
      .replace(/\{model\}/g, cut(modelBudget).trim())
      .replace(/\{date\}/g, date)
      .replace(/\{upn\}/g, v.upn.split('@')[0] ?? v.upn)
      .replace(/\{name\}/g, v.name)
      .replace(/\s+/g, ' ')
      .trim();
  let name = fill(MAX_NAME);
  // Shorten the model first (the date and the person are what tell keys apart), then cut.
  for (let budget = MAX_NAME; name.length > MAX_NAME && budget > 8; budget--) name = fill(budget);
  return name.slice(0, MAX_NAME).trim() || FALLBACK_MODEL;
}

import type { OperatorDeps } from '../../core/deps.js';
import { placeProblem, readContentCsv, type CsvProblem } from './content-csv.js';
import { problemText } from './problems.js';
import { saveItem, type ContentItem, type ContentKind } from './save-content.js';
import { employeeInputs, loadValidationContext, validateContent } from './validate-content.js';

// HOME-3: `portico content import KIND FILE`. The whole file is checked first, with every problem
// reported by line; any problem writes nothing. A valid file is written in one transaction, with
// one audit row. Items are upserted by `ref`, so importing the same file again adds nothing.

export type ImportContentDeps = OperatorDeps;

export type ContentImportResult =
  | { ok: true; kind: ContentKind; count: number; created: number; updated: number }
  | { ok: false; problems: string[] };

/** Who ran `portico content import`: the operating-system user@host and the audit row's origin fields. */
export interface ContentImporter {
  operator: string;
  meta: { ip: string; userAgent: string; requestId: string };
}

/** Checks and (when every line is right) imports a CSV file of `kind`. Throws ContentFileError for a file that cannot be read as such. */
export async function importContent(deps: ImportContentDeps, kind: ContentKind, bytes: Uint8Array, by: ContentImporter): Promise<ContentImportResult> {
  const { entries, problems } = readContentCsv(kind, bytes);
  const now = deps.clock.now();
  const context = await loadValidationContext(
    deps.storage.db,
    { allowedCountries: deps.config.allowedCountries, timeZone: deps.config.timeZone, now },
    entries.flatMap((entry) => employeeInputs(kind, entry.input)),
  );
  const items: ContentItem[] = [];
  for (const entry of entries) {
    const result = validateContent(kind, entry.input, context);
    if (result.ok) items.push(result.value);
    else problems.push(...result.problems.map((problem) => placeProblem(entry, problem, (p) => problemText(p, deps.config.allowedCountries))));
  }
  if (problems.length > 0) return { ok: false, problems: sortByLine(problems).map((p) => `line ${p.line}: ${p.message}`) };

  return deps.storage.db.transaction().execute(async (trx) => {
    let created = 0;
    for (const item of items) if ((await saveItem(trx, item, null, now)).created) created += 1;
    const counts = { count: items.length, created, updated: items.length - created };
    await deps.audit.record({ at: now, event: 'content.imported', outcome: 'success', actorId: null, ...by.meta, detail: { kind, via: 'cli', operator: by.operator, ...counts } }, trx);
    return { ok: true as const, kind, ...counts };
  });
}

/** By line; a stable sort keeps each line's problems in the order they were found. */
function sortByLine(problems: CsvProblem[]): CsvProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

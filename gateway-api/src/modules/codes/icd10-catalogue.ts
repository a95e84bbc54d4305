import { readFileSync } from 'node:fs';
import { z } from 'zod';

const entrySchema = z
  .object({
    code: z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'an ICD-10 code such as I63.9'),
    en: z.string().min(1),
    th: z.string().min(1),
    /** Search synonyms and abbreviations (stroke, STEMI, CKD), not part of ICD-10. */
    keywords: z.string().optional(),
  })
  .strict();

const fileSchema = z.object({
  description: z.string(),
  system: z.literal('http://hl7.org/fhir/sid/icd-10'),
  source: z.string(),
  thaiLabels: z.string(),
  keywords: z.string().optional(),
  codes: z.array(entrySchema).min(1),
});

/** One ICD-10 code with English title and (working) Thai label. */
export type Icd10Entry = z.infer<typeof entrySchema>;

/** What a search returns. */
export interface Icd10SearchResult {
  readonly system: string;
  readonly thaiLabels: string;
  readonly query: string;
  /** Matches before `limit` was applied. */
  readonly total: number;
  readonly results: readonly Icd10Entry[];
}

interface Indexed {
  readonly entry: Icd10Entry;
  /** Code without the dot, upper case: `I639`. */
  readonly bareCode: string;
  /** Folded English title. */
  readonly en: string;
  readonly th: string;
  /** Folded English title, keywords and Thai label, searched together. */
  readonly text: string;
}

/** Code without dot and spaces, upper case. */
function bare(code: string): string {
  return code.replace(/[.\s]/g, '').toUpperCase();
}

/**
 * Text for matching: lower case, British spellings folded (haemorrhage = hemorrhage, oedema = edema).
 * Thai has no case and is left as is.
 */
function folded(text: string): string {
  return text.toLowerCase().replace(/ae/g, 'e').replace(/oe/g, 'e');
}

/** A matcher for one query word: Latin words match at the start of a word, Thai (unspaced) anywhere. */
function wordMatcher(word: string): (text: string) => boolean {
  if (!/[a-z0-9]/.test(word)) return (text) => text.includes(word);
  const pattern = new RegExp(`(^|[^a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  return (text) => pattern.test(text);
}

/**
 * The curated ICD-10 subset of fixtures/icd10-subset.json, searchable by code prefix or by
 * English or Thai words. Thai labels are working translations, not official ICD-10-TM titles.
 */
export class Icd10Catalogue {
  readonly #entries: readonly Indexed[];
  readonly #system: string;
  readonly #thaiLabels: string;

  public constructor(file: Readonly<z.infer<typeof fileSchema>>) {
    const seen = new Set<string>();
    for (const entry of file.codes) {
      if (seen.has(entry.code)) throw new Error(`ICD-10 subset lists ${entry.code} twice`);
      seen.add(entry.code);
    }
    this.#entries = [...file.codes]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((entry) => {
        const en = folded(entry.en);
        return { entry, bareCode: bare(entry.code), en, th: entry.th, text: `${en} ${folded(entry.keywords ?? '')} ${entry.th}` };
      });
    this.#system = file.system;
    this.#thaiLabels = file.thaiLabels;
  }

  /** @throws Error naming the file when it is missing or malformed (fail fast at startup). */
  public static fromFile(path: string): Icd10Catalogue {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (err) {
      throw new Error(`cannot read ICD-10 subset ${path}`, { cause: err });
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`ICD-10 subset ${path} is malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    return new Icd10Catalogue(parsed.data);
  }

  public get size(): number {
    return this.#entries.length;
  }

  /** The entry of an exact code (`I63.9` or `I639`). */
  public find(code: string): Icd10Entry | undefined {
    const wanted = bare(code);
    return this.#entries.find((e) => e.bareCode === wanted)?.entry;
  }

  /**
   * Codes matching `query`, best first: exact code, then code prefix, then entries where every word of the
   * query occurs in the English title (at a word start), the keywords or the Thai label; a title starting
   * with the first word ranks higher, then the shorter title. An empty query lists codes in order.
   */
  public search(query: string, limit: number): Icd10SearchResult {
    const q = query.trim();
    const ranked = q === '' ? this.#entries.map((e) => ({ e, rank: 0 })) : this.#rank(q);
    return {
      system: this.#system,
      thaiLabels: this.#thaiLabels,
      query: q,
      total: ranked.length,
      results: ranked.slice(0, limit).map((r) => r.e.entry),
    };
  }

  #rank(q: string): { e: Indexed; rank: number }[] {
    const code = bare(q);
    const looksLikeCode = /^[A-Za-z]\d/.test(q.trim()) || /^[A-Za-z]$/.test(q.trim());
    const words = folded(q).split(/\s+/).filter((w) => w.length > 0);
    const matchers = words.map(wordMatcher);
    const first = words[0] ?? '';
    const matches: { e: Indexed; rank: number }[] = [];
    for (const e of this.#entries) {
      let rank: number | undefined;
      if (looksLikeCode && e.bareCode === code) rank = 0;
      else if (looksLikeCode && e.bareCode.startsWith(code)) rank = 1;
      else if (matchers.every((matches) => matches(e.text))) rank = e.en.startsWith(first) || e.th.startsWith(first) ? 2 : 3;
      if (rank !== undefined) matches.push({ e, rank });
    }
    // code matches keep code order; among text matches the shorter (closer) English title comes first
    return matches.sort((a, b) => a.rank - b.rank || (a.rank >= 2 ? a.e.en.length - b.e.en.length : 0));
  }
}

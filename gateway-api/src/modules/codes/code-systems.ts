import { z } from 'zod';
import { loadFixture } from './fixture-file';

/**
 * Code system and identifier URIs used by the code tables and the FHIR export, loaded from
 * `fixtures/code-systems.json` (the one source; see its `description`).
 *
 * `sil-th` entries are the canonical URLs of the Thai terminology IG (sil-th/terminology-ig
 * `input/fsh/AL_CS.fsh`, `AL_ID.fsh`; sil-th/extension-ig `input/fsh/Alias/AL_Extensions.fsh`).
 * `provisional` entries have no published Thai equivalent that we could confirm: replace them
 * once the project has official URIs.
 */
export interface CodeSystemRef {
  readonly uri: string;
  readonly status: 'sil-th' | 'hl7' | 'provisional';
  /** Where the URI and the codes come from. */
  readonly source: string;
}

const uri = z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URI');

const codeSystemRefSchema = z.strictObject({
  uri,
  status: z.enum(['sil-th', 'hl7', 'provisional']),
  source: z.string().min(1),
});

const codeSystemsFileSchema = z
  .strictObject({
    description: z.string(),
    /** Base of the project's own (provisional) URIs. */
    projectBase: uri,
    /** Chachoengsao province code, used in the provincial refer-number system `{province}/Refer`. */
    provinceCode: z.string().regex(/^\d{2}$/, 'a 2-digit province code'),
    codeSystems: z.strictObject({
      referReason: codeSystemRefSchema,
      priority: codeSystemRefSchema,
      fastTrack: codeSystemRefSchema,
      patientCategory: codeSystemRefSchema,
      careDuringTransfer: codeSystemRefSchema,
      referResult: codeSystemRefSchema,
      referOutcome: codeSystemRefSchema,
      std15ReferStatus: codeSystemRefSchema,
      refusalReason: codeSystemRefSchema,
      referralStatus: codeSystemRefSchema,
      referralKind: codeSystemRefSchema,
      icd10: codeSystemRefSchema,
      snomed: codeSystemRefSchema,
      organizationType: codeSystemRefSchema,
      observationValue: codeSystemRefSchema,
      taskCode: codeSystemRefSchema,
      dataQuality: codeSystemRefSchema,
    }),
    identifierSystems: z.strictObject({
      hcode: uri,
      /** Provincial refer number `{province}/Refer`: the network-wide referral ID. */
      provincialRefer: uri,
      /** Provisional: the keyed patient pseudonym (never the national ID). */
      pseudonym: uri,
    }),
    extensionUrls: z.strictObject({
      thaiReferPriority: uri,
      referStatus: uri,
      referResultReason: uri,
      /** FHIR core translation extension, for the English unit name. */
      translation: uri,
      /** Provisional: SHA-256 (hex) of the private clinical summary; the summary itself is never exported. */
      clinicalSummaryHash: uri,
      /** Provisional: referral kind (referral, back-referral, onward). */
      referralKind: uri,
    }),
  })
  .refine((file) => file.identifierSystems.provincialRefer.endsWith(`/${file.provinceCode}/Refer`), {
    message: 'identifierSystems.provincialRefer must end with /{provinceCode}/Refer',
  });

/** The whole of fixtures/code-systems.json. */
export type CodeSystemsFile = z.output<typeof codeSystemsFileSchema>;

const FILE: CodeSystemsFile = loadFixture('code-systems.json', codeSystemsFileSchema);

/** Base of the project's own (provisional) URIs. */
export const PROJECT_BASE: string = FILE.projectBase;

/** Chachoengsao province code, used in the provincial refer-number system `{province}/Refer`. */
export const PROVINCE_CODE: string = FILE.provinceCode;

/** Code systems by key; the code tables of fixtures/referral-codes.json name theirs by this key. */
export const CODE_SYSTEMS: Readonly<Record<keyof CodeSystemsFile['codeSystems'], CodeSystemRef>> = FILE.codeSystems;

/** The key of a code system in {@link CODE_SYSTEMS}. */
export type CodeSystemKey = keyof typeof CODE_SYSTEMS;

/** Identifier systems (sil-th `AL_ID.fsh` unless marked provisional). */
export const IDENTIFIER_SYSTEMS: Readonly<CodeSystemsFile['identifierSystems']> = FILE.identifierSystems;

/** Extension URLs: sil-th extension-ig where one fits, otherwise provisional project URLs. */
export const EXTENSION_URLS: Readonly<CodeSystemsFile['extensionUrls']> = FILE.extensionUrls;

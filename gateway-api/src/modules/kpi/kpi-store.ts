import { Schema, type Connection, type Model } from 'mongoose';

/** Collections the KPI module owns. */
export const KPI_MONTHS_COLLECTION = 'kpi_months';
export const KPI_SURVEYS_COLLECTION = 'kpi_surveys';
export const KPI_SERVED_COLLECTION = 'kpi_opd_served';
export const KPI_DEMO_COLLECTION = 'kpi_demo_records';

const options = { id: false, versionKey: false, strict: false, timestamps: false, bufferCommands: false, autoIndex: false } as const;

/** `kpi_months`: one document per month (`_id` YYYY-MM) holding every cell of that month; read by `_id` only. */
const monthSchema = new Schema({ _id: { type: String, required: true }, computedAt: { type: String, required: true }, final: Boolean }, { ...options, collection: KPI_MONTHS_COLLECTION });

/** `kpi_surveys`: one answer per (respondent, kind, context) — `_id` is that triple, so a second answer is refused. */
const surveySchema = new Schema(
  { _id: { type: String, required: true }, kind: { type: String, required: true }, month: { type: String, required: true }, hospital: { type: String, required: true }, score: Number, at: String },
  { ...options, collection: KPI_SURVEYS_COLLECTION },
);
surveySchema.index({ month: 1 });

/** `kpi_opd_served`: service start of a checked-in wallet booking (`_id` = booking id: one per booking). */
const servedSchema = new Schema(
  { _id: { type: String, required: true }, hospital: { type: String, required: true }, month: { type: String, required: true }, checkedInAt: String, servedAt: String, by: String },
  { ...options, collection: KPI_SERVED_COLLECTION },
);
servedSchema.index({ month: 1 });

/** `kpi_demo_records`: the demo year's records (`npm run demo:year`), one per fact, `kind` + `month` (COC cases: month `*`). */
const demoSchema = new Schema({ _id: { type: String, required: true }, kind: { type: String, required: true }, month: { type: String, required: true } }, { ...options, collection: KPI_DEMO_COLLECTION });
demoSchema.index({ kind: 1, month: 1 });

type Doc = Record<string, unknown>;

export interface KpiModels {
  readonly months: Model<Doc>;
  readonly surveys: Model<Doc>;
  readonly served: Model<Doc>;
  readonly demo: Model<Doc>;
}

/** The KPI models on `connection` (call `syncIndexes()` on them at start-up). */
export function kpiModels(connection: Connection): KpiModels {
  const get = (name: string, schema: Schema): Model<Doc> => (connection.models[name] as Model<Doc> | undefined) ?? connection.model<Doc>(name, schema);
  return { months: get('KpiMonth', monthSchema), surveys: get('KpiSurvey', surveySchema), served: get('KpiOpdServed', servedSchema), demo: get('KpiDemoRecord', demoSchema) };
}
